//! Comment directives in YAML files: `# eventlint: ignore[…]`, `# eventlint: file-ignore[…]` and `# expect: …`.
//!
//! Comments are found outside quoted and block scalars (the parser tells where those are), and each
//! directive is attached to a line per catalog-format §13.1.

use std::ops::Range;

use eventlint_diagnostics::{FileId, Span};

use crate::node::{NodeKind, Spanned, YamlNode};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DirectiveKind {
    /// `# eventlint: ignore[rules] reason`: the node the comment attaches to, and everything below it.
    Ignore,
    /// `# eventlint: file-ignore[rules] reason`: the whole file.
    FileIgnore,
    /// `# expect: rule, rule`: findings the attached node must produce (the worked example's test).
    Expect,
}

/// One directive comment. A malformed one has a `problem` and keeps whatever could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule names as written, each with its span.
    pub rules: Vec<Spanned<String>>,
    pub reason: Option<Spanned<String>>,
    /// The whole comment, from `#` to the end of the line.
    pub span: Span,
    /// 1-based line the directive applies to: its own line for a trailing comment, else the next line that is
    /// neither blank nor a comment. For `file-ignore`, the comment's own line.
    pub line: u32,
    /// Why the directive is malformed (`invalid-suppression` reports it), if it is.
    pub problem: Option<String>,
}

/// Finds every directive comment of a parsed file: a `#` inside any string scalar of `root` written in `file` is
/// text.
pub fn directives(file: FileId, text: &str, root: &YamlNode) -> Vec<Directive> {
    if !text.contains('#') {
        return Vec::new();
    }
    let mut regions = Vec::new();
    let mut stack = vec![root];
    let has_hash =
        |start: u32, end: u32| text.as_bytes().get(start as usize..end as usize).is_some_and(|b| b.contains(&b'#'));
    while let Some(node) = stack.pop() {
        match node.kind() {
            NodeKind::Str(_) if node.span.file == file && has_hash(node.span.start, node.span.end) => {
                regions.push(node.span.start as usize..node.span.end as usize)
            }
            NodeKind::Seq(items) => stack.extend(items.iter()),
            NodeKind::Map(entries) => stack.extend(entries.iter().flat_map(|(k, v)| [k, v])),
            _ => {}
        }
    }
    regions.sort_by_key(|r| (r.start, r.end));
    scan_directives(file, text, &regions)
}

/// Finds every directive comment in `text`; `non_comment` are byte ranges where `#` is text (string scalars),
/// sorted by start.
pub fn scan_directives(file: FileId, text: &str, non_comment: &[Range<usize>]) -> Vec<Directive> {
    let lines = line_comments(text, non_comment);
    let mut directives = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(comment) = line.comment.clone() else { continue };
        let Some((kind, body_start, known)) = directive_kind(&text[comment.clone()]) else { continue };
        let attach_index = if line.has_code || kind == DirectiveKind::FileIgnore {
            index
        } else {
            lines[index + 1..].iter().position(|l| l.has_code).map_or(index, |offset| index + 1 + offset)
        };
        let body = comment.start + body_start..comment.end;
        let mut directive = parse_body(file, text, kind, body);
        if !known {
            directive.problem = Some("unknown directive; use `ignore[…]` or `file-ignore[…]`".to_owned());
        }
        directive.span = Span::new(file, comment.start, comment.end);
        directive.line = attach_index as u32 + 1;
        directives.push(directive);
    }
    directives
}

struct LineInfo {
    /// Whether the line has anything but blanks and a comment (a node starts or continues there).
    has_code: bool,
    /// The comment's byte range, `#` included, trailing `\r` excluded.
    comment: Option<Range<usize>>,
}

fn line_comments(text: &str, non_comment: &[Range<usize>]) -> Vec<LineInfo> {
    let mut infos = Vec::new();
    let mut regions = non_comment.iter().peekable();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
        let content = &text[line_start..line_end];
        if !content.as_bytes().contains(&b'#') {
            infos.push(LineInfo { has_code: !content.trim().is_empty(), comment: None });
            line_start += line.len();
            continue;
        }
        let mut has_code = false;
        let mut comment = None;
        let mut previous_blank = true;
        for (offset, c) in text[line_start..line_end].char_indices() {
            let at = line_start + offset;
            while regions.peek().is_some_and(|r| r.end <= at) {
                regions.next();
            }
            let in_scalar = regions.peek().is_some_and(|r| r.start <= at);
            if in_scalar {
                has_code = true;
            } else if c == '#' && previous_blank {
                comment = Some(at..line_end);
                break;
            } else if !is_blank(c) {
                has_code = true;
            }
            previous_blank = is_blank(c);
        }
        infos.push(LineInfo { has_code, comment });
        line_start += line.len();
    }
    infos
}

/// Whitespace, or the byte-order mark that may open the first line.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Recognises a directive comment; returns its kind, the offset of what follows the keyword, and whether the
/// keyword is known.
fn directive_kind(comment: &str) -> Option<(DirectiveKind, usize, bool)> {
    let after_hash = comment.strip_prefix('#')?;
    let trimmed = after_hash.trim_start();
    let mut offset = comment.len() - trimmed.len();
    if let Some(rest) = trimmed.strip_prefix("expect:") {
        return Some((DirectiveKind::Expect, offset + trimmed.len() - rest.len(), true));
    }
    let rest = trimmed.strip_prefix("eventlint:")?;
    offset += trimmed.len() - rest.len();
    let words = rest.trim_start();
    offset += rest.len() - words.len();
    if words.starts_with("file-ignore") {
        Some((DirectiveKind::FileIgnore, offset + "file-ignore".len(), true))
    } else if words.starts_with("ignore") {
        Some((DirectiveKind::Ignore, offset + "ignore".len(), true))
    } else {
        // `# eventlint: <something else>` is a directive that went wrong, reported as such.
        Some((DirectiveKind::Ignore, offset, false))
    }
}

fn parse_body(file: FileId, text: &str, kind: DirectiveKind, body: Range<usize>) -> Directive {
    let mut directive =
        Directive { kind, rules: Vec::new(), reason: None, span: Span::default(), line: 0, problem: None };
    let raw = &text[body.clone()];
    let list = match kind {
        DirectiveKind::Expect => Some((body.start, raw, None)),
        DirectiveKind::Ignore | DirectiveKind::FileIgnore => match raw.strip_prefix('[') {
            None => {
                directive.problem = Some("expected `[rule, …]` after `ignore`".to_owned());
                None
            }
            Some(inside) => match inside.find(']') {
                None => {
                    directive.problem = Some("missing `]` after the rule list".to_owned());
                    None
                }
                Some(close) => Some((body.start + 1, &inside[..close], Some(body.start + 1 + close + 1))),
            },
        },
    };
    let Some((list_start, list, reason_start)) = list else { return directive };
    let mut item_start = list_start;
    for item in list.split(',') {
        let trimmed = item.trim();
        let lead = item.len() - item.trim_start().len();
        if !trimmed.is_empty() {
            let start = item_start + lead;
            directive.rules.push(Spanned::new(trimmed.to_owned(), Span::new(file, start, start + trimmed.len())));
        }
        item_start += item.len() + 1;
    }
    if directive.rules.is_empty() {
        directive.problem = Some("the directive names no rule".to_owned());
    }
    if let Some(reason_start) = reason_start {
        let reason = &text[reason_start..body.end];
        let trimmed = reason.trim();
        if !trimmed.is_empty() {
            let start = reason_start + (reason.len() - reason.trim_start().len());
            directive.reason = Some(Spanned::new(trimmed.to_owned(), Span::new(file, start, start + trimmed.len())));
        }
    }
    directive
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, non_comment: &[Range<usize>], expect: &str) {
        let rendered: Vec<String> = scan_directives(FileId(0), text, non_comment)
            .iter()
            .map(|d| {
                let rules: Vec<&str> =
                    d.rules.iter().map(|r| &text[r.span.start as usize..r.span.end as usize]).collect();
                let reason = d.reason.as_ref().map_or("-", |r| r.value.as_str());
                let problem = d.problem.as_deref().unwrap_or("ok");
                format!("{:?} line {} [{}] reason={reason} {problem}", d.kind, d.line, rules.join("|"))
            })
            .collect();
        assert_eq!(rendered.join("\n"), expect.trim());
    }

    #[test]
    fn trailing_comment_attaches_to_its_own_line() {
        check(
            "a:\n  PaymentUpdated:  # eventlint: ignore[clickbait-event] reporting only\n",
            &[],
            "Ignore line 2 [clickbait-event] reason=reporting only ok",
        );
    }

    #[test]
    fn own_line_comment_attaches_to_the_next_code_line() {
        check(
            "a:\n  # eventlint: ignore[state-obsession, key-mismatch-with-topic] legacy\n\n  # other\n  B: 1\n",
            &[],
            "Ignore line 5 [state-obsession|key-mismatch-with-topic] reason=legacy ok",
        );
    }

    #[test]
    fn file_ignore_and_expect() {
        check(
            "# eventlint: file-ignore[clickbait-event]\nA: 1  # expect: a-rule, b-rule\n",
            &[],
            "FileIgnore line 1 [clickbait-event] reason=- ok\nExpect line 2 [a-rule|b-rule] reason=- ok",
        );
    }

    #[test]
    fn directive_after_a_byte_order_mark() {
        check("\u{feff}# eventlint: file-ignore[r] why\nk: 1\n", &[], "FileIgnore line 1 [r] reason=why ok");
    }

    #[test]
    fn hashes_inside_scalars_are_text() {
        let text = "a: \"x # eventlint: ignore[r]\"\nb: |\n  # expect: r\nc: x#y # expect: z\n";
        let quoted = 3..29;
        let block_start = text.find("  # expect").unwrap();
        check(text, &[quoted, block_start..block_start + 14], "Expect line 4 [z] reason=- ok");
    }

    #[test]
    fn malformed_directives_are_kept_with_a_problem() {
        check(
            "# eventlint: ignore clickbait\n# eventlint: ignore[a\n# eventlint: ignore[]\n# eventlint: allow[x]\nk: 1\n",
            &[],
            "Ignore line 5 [] reason=- expected `[rule, …]` after `ignore`\n\
             Ignore line 5 [] reason=- missing `]` after the rule list\n\
             Ignore line 5 [] reason=- the directive names no rule\n\
             Ignore line 5 [] reason=- unknown directive; use `ignore[…]` or `file-ignore[…]`",
        );
    }
}
