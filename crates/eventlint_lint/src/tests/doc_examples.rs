//! Rule pages are executable: every ` ```yaml flag ` group must produce the page's rule, every ` ```yaml quiet `
//! group must not; every rule has a page and every page a rule. A ` ```yaml base ` block (and ` ```avsc file=… base `
//! blocks) after an example give the base revision, for the rules that compare revisions.

use std::path::Path;

use crate::registry::RULES;
use crate::testing::{Workspace, header_with, settings};

/// One example of a page: a catalog, its schemas, an optional `eventlint.toml`, and whether it must flag.
#[derive(Debug, Default)]
struct Example {
    flag: bool,
    expect: Option<usize>,
    catalog: String,
    files: Vec<(String, String)>,
    config: Option<String>,
    /// The catalog of the base revision (` ```yaml base `), for rules that compare revisions.
    base: Option<String>,
    /// The schemas of the base revision (` ```avsc file=… base `).
    base_files: Vec<(String, String)>,
    line: usize,
}

/// Splits a page into example groups: a yaml block starts a group, `avsc`/`toml` blocks join the current one.
fn examples(page: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        let Some(info) = line.strip_prefix("```") else { continue };
        let mut body = String::new();
        for (_, line) in lines.by_ref() {
            if line == "```" {
                break;
            }
            body.push_str(line);
            body.push('\n');
        }
        let mut words = info.split_whitespace();
        let language = words.next().unwrap_or_default();
        let attributes: Vec<&str> = words.collect();
        let file = attributes.iter().find_map(|a| a.strip_prefix("file="));
        match language {
            "yaml" if attributes.contains(&"base") => {
                examples.last_mut().expect("base block before a yaml example").base = Some(body)
            }
            "yaml" if attributes.contains(&"flag") || attributes.contains(&"quiet") => examples.push(Example {
                flag: attributes.contains(&"flag"),
                expect: attributes.iter().find_map(|a| a.strip_prefix("expect=")?.parse().ok()),
                catalog: body,
                line: number + 1,
                ..Example::default()
            }),
            "avsc" => {
                let example = examples.last_mut().expect("avsc block before a yaml example");
                let files = if attributes.contains(&"base") { &mut example.base_files } else { &mut example.files };
                files.push((file.unwrap().to_owned(), body))
            }
            "toml" => examples.last_mut().expect("toml block before a yaml example").config = Some(body),
            _ => {}
        }
    }
    examples
}

/// An example catalog on the catalogue header: its `topics:` and `services:` entries (one per line) are merged over
/// the header's (rules/README.md §3.3), the rest follows the header.
fn merged_over_header(catalog: &str) -> String {
    let mut sections: [(&str, Vec<&str>); 2] = [("topics:", Vec::new()), ("services:", Vec::new())];
    let mut rest = String::new();
    let mut current: Option<usize> = None;
    for line in catalog.lines() {
        if let Some(entry) = line.strip_prefix("  ").filter(|_| current.is_some()) {
            sections[current.unwrap_or_default()].1.push(entry);
            continue;
        }
        current = sections.iter().position(|(section, _)| line == *section);
        if current.is_none() {
            rest.push_str(line);
            rest.push('\n');
        }
    }
    let [(_, topics), (_, services)] = &sections;
    format!("{}{rest}", header_with("", services, topics))
}

fn pages_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")
}

#[test]
fn every_example_on_every_page_behaves_as_marked() {
    let mut failures = Vec::new();
    for rule in RULES {
        let examples = examples(rule.docs());
        assert!(examples.iter().any(|e| e.flag), "`{}` has no flag example", rule.name);
        assert!(examples.iter().any(|e| !e.flag), "`{}` has no quiet example", rule.name);
        for example in examples {
            let with_header = |catalog: &str| {
                if catalog.starts_with("eventlint:") { catalog.to_owned() } else { merged_over_header(catalog) }
            };
            let mut files = vec![("catalog.yaml".to_owned(), with_header(&example.catalog))];
            files.extend(example.files.iter().cloned());
            let mut workspace = Workspace::load(&files);
            if let Some(base) = example.base.as_deref() {
                let mut files = vec![("catalog.yaml".to_owned(), with_header(base))];
                files.extend(example.base_files.iter().cloned());
                workspace = workspace.with_base(&Workspace::load(&files));
            }
            let result = workspace.lint(&settings(rule.name, example.config.as_deref()));
            let count = result.diagnostics.iter().filter(|d| d.code == rule.name).count();
            let ok = match (example.flag, example.expect) {
                (true, Some(expected)) => count == expected,
                (true, None) => count > 0,
                (false, _) => count == 0,
            };
            if !ok {
                let marked = if example.flag { "flag" } else { "quiet" };
                failures.push(format!(
                    "rules/{}.md:{} marked {marked}, got:\n{}",
                    rule.name,
                    example.line,
                    workspace.render(&result)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_page_and_every_page_a_rule() {
    let mut pages: Vec<String> = std::fs::read_dir(pages_dir())
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok()?.strip_suffix(".md").map(str::to_owned))
        .collect();
    pages.sort();
    let mut rules: Vec<String> = RULES.iter().map(|rule| rule.name.to_owned()).collect();
    rules.sort();
    assert_eq!(pages, rules);
}

#[test]
fn every_page_has_the_required_headings() {
    const HEADINGS: &[&str] =
        &["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Options", "## References"];
    for rule in RULES {
        assert!(rule.docs().starts_with(&format!("# {}\n", rule.name)), "`{}`: title", rule.name);
        let positions: Vec<Option<usize>> = HEADINGS.iter().map(|h| rule.docs().find(&format!("\n{h}\n"))).collect();
        assert!(positions.iter().all(Option::is_some), "`{}` misses a heading: {positions:?}", rule.name);
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "`{}`: headings out of order", rule.name);
    }
}
