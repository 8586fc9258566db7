//! A small JSON Schema validator covering the keywords of `simulation-v1.schema.json`; shared with the CLI's
//! end-to-end tests, which include this file by path.

use serde_json::Value;

/// Collects every place where `value` breaks `schema`.
pub fn validate(root: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        return validate(root, &root["$defs"][name], value, path, errors);
    }
    if let Some(types) = schema.get("type") {
        let names: Vec<&str> = match types {
            Value::String(name) => vec![name.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let matches = |name: &str| match name {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => panic!("validator does not know type `{name}`"),
        };
        if !names.iter().any(|name| matches(name)) {
            errors.push(format!("{path}: expected {names:?}, found {value}"));
            return;
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array)
        && !options.contains(value)
    {
        errors.push(format!("{path}: {value} is not one of {options:?}"));
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let passing = options
            .iter()
            .filter(|option| {
                let mut sub = vec![];
                validate(root, option, value, path, &mut sub);
                sub.is_empty()
            })
            .count();
        if passing != 1 {
            errors.push(format!("{path}: matches {passing} of oneOf"));
        }
    }
    if let (Some(minimum), Some(number)) = (schema.get("minimum").and_then(Value::as_i64), value.as_i64())
        && number < minimum
    {
        errors.push(format!("{path}: {number} < {minimum}"));
    }
    if let (Some(pattern), Some(text)) = (schema.get("pattern").and_then(Value::as_str), value.as_str()) {
        assert_eq!(pattern, "^[0-9a-f]{64}$", "validator knows only the sha256 pattern");
        if text.len() != 64 || !text.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)) {
            errors.push(format!("{path}: `{text}` is not a sha256"));
        }
    }
    if let Some(object) = value.as_object() {
        for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let name = required.as_str().unwrap_or_default();
            if !object.contains_key(name) {
                errors.push(format!("{path}: missing `{name}`"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (name, member) in object {
            let member_path = format!("{path}/{name}");
            if let Some(names) = schema.get("propertyNames") {
                validate(root, names, &Value::String(name.clone()), &member_path, errors);
            }
            match (properties.and_then(|p| p.get(name)), schema.get("additionalProperties")) {
                (Some(sub), _) => validate(root, sub, member, &member_path, errors),
                (None, Some(Value::Bool(false))) => errors.push(format!("{member_path}: not allowed")),
                (None, Some(sub)) if sub.is_object() => validate(root, sub, member, &member_path, errors),
                _ => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (index, item) in array.iter().enumerate() {
            validate(root, items, item, &format!("{path}/{index}"), errors);
        }
    }
}
