//! The golden table of hard names (rule catalogue §5.4): every line must keep its shape and cue.

use eventlint_naming::classify;

#[test]
fn golden_names_keep_their_shape_and_cue() {
    let mut total = 0;
    let mut misses = Vec::new();
    for line in include_str!("data/golden.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [name, shape, cue] = fields.as_slice() else { panic!("bad golden line {line:?}") };
        total += 1;
        let actual = classify(name);
        let actual_cue = actual.cue_token().map_or("-", |token| token.text.as_str());
        if actual.shape.as_str() != *shape || actual_cue != *cue {
            misses
                .push(format!("{name:40} expected {shape:16} {cue:14} got {:16} {actual_cue}", actual.shape.as_str()));
        }
    }
    assert!(total >= 200, "the golden table must hold at least 200 names, it holds {total}");
    assert!(misses.is_empty(), "{} of {total} golden names changed:\n{}", misses.len(), misses.join("\n"));
}
