//! The accuracy bar of rule catalogue §5.4: EventCatalog's example names, scored against their expected shapes.

use eventlint_naming::classify;

struct Case<'a> {
    kind: &'a str,
    name: &'a str,
    expected: &'a str,
}

fn cases(data: &str) -> Vec<Case<'_>> {
    data.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields.len(), 3, "bad line {line:?}");
            Case { kind: fields[0], name: fields[1], expected: fields[2] }
        })
        .collect()
}

#[test]
fn eventcatalog_example_names_meet_the_bar() {
    let cases = cases(include_str!("data/eventcatalog-default.txt"));
    assert_eq!(cases.iter().filter(|case| case.kind == "event").count(), 39);
    assert_eq!(cases.iter().filter(|case| case.kind == "command").count(), 19);

    let mut table = String::new();
    let (mut matched, mut by_folder) = (0, 0);
    for case in &cases {
        let shape = classify(case.name);
        let actual = shape.shape.as_str();
        let folder_label = if case.kind == "event" { "past" } else { "imperative" };
        matched += usize::from(actual == case.expected);
        by_folder += usize::from(actual == folder_label);
        let mark = if actual == case.expected { "ok" } else { "MISS" };
        let cue = shape.cue_token().map_or("-", |token| token.text.as_str());
        table.push_str(&format!(
            "{mark:4} {:7} {:28} expected {:16} got {actual:16} cue {cue}\n",
            case.kind, case.name, case.expected
        ));
    }
    println!("{table}");
    // §5.4: at least 57 of 58 expected shapes, and the folder labels (events Past, commands Imperative) at 56.
    assert!(matched >= 57, "{matched}/58 expected shapes\n{table}");
    assert!(by_folder >= 56, "{by_folder}/58 folder labels\n{table}");
}
