//! Property laws of compatibility (issue 3 §7) over randomly generated schemas: self-compatibility in every mode,
//! adding a defaulted field keeps BACKWARD, the numeric promotion chain, and FULL ⇔ BACKWARD ∧ FORWARD.

mod generate;
mod support;

use eventlint_compat::{Mode, check, check_mode};
use generate::{Generator, default_for};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::Sets;

/// Builds `schemas` as separate schema sets, or `None` when the generator made an invalid one.
fn build(schemas: &[&Value]) -> Option<(Sets, Vec<usize>)> {
    let mut sets = Sets::default();
    let mut indices = Vec::new();
    for schema in schemas {
        indices.push(sets.try_add(&[&schema.to_string()]).ok()?);
    }
    Some((sets, indices))
}

fn evolve(generator: &mut Generator, schema: &Value, mutations: usize) -> Value {
    let mut evolved = schema.clone();
    for _ in 0..mutations {
        generator.mutate(&mut evolved);
    }
    evolved
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_schema_is_compatible_with_itself_in_every_mode(seed in any::<u64>()) {
        let schema = Generator::new(seed).schema();
        let Some((sets, indices)) = build(&[&schema, &schema]) else { return Ok(()) };
        let (same, copy) = (sets.schema(indices[0]), sets.schema(indices[1]));
        for mode in Mode::ALL {
            prop_assert!(check_mode(mode, same, &[same]).is_compatible(), "{} same set", mode.name());
            prop_assert!(check_mode(mode, same, &[copy, copy]).is_compatible(), "{} other set", mode.name());
        }
    }

    #[test]
    fn adding_a_field_with_a_default_keeps_backward(seed in any::<u64>(), position in any::<usize>()) {
        let mut generator = Generator::new(seed);
        let old = generator.schema();
        let mut new = old.clone();
        let Some(fields) = new.get_mut("fields").and_then(Value::as_array_mut) else { return Ok(()) };
        let ty = generator.primitive();
        let field = json!({"name": generator.fresh_name("added"), "type": ty, "default": default_for(&ty)});
        fields.insert(position % (fields.len() + 1), field);
        let Some((sets, indices)) = build(&[&new, &old]) else { return Ok(()) };
        let result = check_mode(Mode::Backward, sets.schema(indices[0]), &[sets.schema(indices[1])]);
        prop_assert!(result.is_compatible(), "{:?}", result.incompatibilities().collect::<Vec<_>>());
    }

    #[test]
    fn numeric_promotions_hold_in_one_direction(from in 0..4usize, to in 0..4usize, wrapper in 0..4usize) {
        const CHAIN: [&str; 4] = ["int", "long", "float", "double"];
        let wrap = |primitive: &str| match wrapper {
            0 => json!(primitive),
            1 => json!({"type": "array", "items": primitive}),
            2 => json!({"type": "map", "values": primitive}),
            _ => json!({"type": "record", "name": "R", "fields": [{"name": "value", "type": primitive}]}),
        };
        let (writer, reader) = (wrap(CHAIN[from]), wrap(CHAIN[to]));
        let mut sets = Sets::default();
        let (reader, writer) = (sets.add(&[&reader.to_string()]), sets.add(&[&writer.to_string()]));
        let result = check(sets.schema(reader), sets.schema(writer)).expect("answerable");
        prop_assert_eq!(result.is_compatible(), to >= from, "{} read as {}", CHAIN[from], CHAIN[to]);
    }

    #[test]
    fn full_is_backward_and_forward(seed in any::<u64>(), mutations in 1..4usize) {
        let mut generator = Generator::new(seed);
        let oldest = generator.schema();
        let older = evolve(&mut generator, &oldest, mutations);
        let new = evolve(&mut generator, &older, mutations);
        let Some((sets, indices)) = build(&[&new, &oldest, &older]) else { return Ok(()) };
        let new = sets.schema(indices[0]);
        let history = [sets.schema(indices[1]), sets.schema(indices[2])];
        let compatible = |mode| check_mode(mode, new, &history).is_compatible();
        prop_assert_eq!(compatible(Mode::Full), compatible(Mode::Backward) && compatible(Mode::Forward));
        prop_assert_eq!(
            compatible(Mode::FullTransitive),
            compatible(Mode::BackwardTransitive) && compatible(Mode::ForwardTransitive)
        );
        let full = check_mode(Mode::Full, new, &history);
        let forward = check_mode(Mode::Forward, new, &history);
        let backward = check_mode(Mode::Backward, new, &history);
        let listed: Vec<_> = full.incompatibilities().collect();
        let expected: Vec<_> = forward.incompatibilities().chain(backward.incompatibilities()).collect();
        prop_assert_eq!(listed, expected);
    }
}
