//! `eventlint rule`: a rule's page, or the list of every rule (CLI spec §2.4).

use std::io::Write;

use eventlint_lint::{RuleInfo, rule_info, rules};

use crate::Outcome;
use crate::args::{RuleArgs, RuleFormat};

pub fn run(args: &RuleArgs) -> Outcome {
    let json = args.output_format == Some(RuleFormat::Json);
    let text = match args.name.as_deref().filter(|_| !args.all) {
        Some(name) => match rule_info(name) {
            Ok(info) if json => serde_json::to_string_pretty(&info).unwrap_or_default(),
            Ok(info) => info.docs.trim_end().to_owned(),
            Err(suggestion) => {
                let hint = suggestion.map_or(String::new(), |s| format!("\n  help: did you mean `{s}`?"));
                let _ = writeln!(std::io::stderr(), "error: unknown rule `{name}`{hint}");
                return Outcome::Failed;
            }
        },
        None if json => serde_json::to_string_pretty(&rules()).unwrap_or_default(),
        None => rules().iter().map(line).collect::<Vec<_>>().join("\n"),
    };
    match writeln!(std::io::stdout(), "{text}") {
        Ok(()) => Outcome::Clean,
        Err(_) => Outcome::Failed,
    }
}

/// `clickbait-event  modelling  warning  ✓  event with only ids/timestamps; consumers must call back`.
fn line(rule: &RuleInfo) -> String {
    let recommended = if rule.recommended { "✓" } else { " " };
    format!(
        "{:<30} {:<10} {:<8} {recommended}  {}",
        rule.name,
        rule.category.as_str(),
        rule.default_severity,
        rule.summary
    )
}
