//! Schema shapes shared by the document types: closed vocabularies, durations, name-keyed maps, name lists.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

use eventlint_yaml::Vocabulary;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

/// A word of a closed vocabulary of the loader, as an `enum` of its words (one source for both).
pub struct Word<T>(PhantomData<T>);

impl<T: Vocabulary> JsonSchema for Word<T> {
    fn schema_name() -> Cow<'static, str> {
        let full = std::any::type_name::<T>();
        Cow::Owned(full.rsplit("::").next().unwrap_or(full).to_owned())
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let words: Vec<&str> = T::WORDS.iter().map(|(word, _)| *word).collect();
        json_schema!({ "type": "string", "enum": words })
    }
}

/// A duration: an integer followed by `ms`, `s`, `m`, `h` or `d`.
pub struct Duration;

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]+(ms|s|m|h|d)$",
            "description": "an integer followed by `ms`, `s`, `m`, `h` or `d`, for example `200ms` or `30d`"
        })
    }
}

/// One name, or a list of names.
pub struct Names;

impl JsonSchema for Names {
    fn schema_name() -> Cow<'static, str> {
        "Names".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "oneOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "uniqueItems": true }
            ]
        })
    }
}

/// A list of distinct names.
pub type NameList = Vec<String>;

/// The name patterns of catalog-format §1, for the keys of name-keyed sections.
pub trait NamePattern {
    const NAME: &'static str;
    const PATTERN: &'static str;
}

/// Services, groups and constraints.
pub struct ResourceName;
impl NamePattern for ResourceName {
    const NAME: &'static str = "Resource";
    const PATTERN: &'static str = "^[A-Za-z0-9._-]+$";
}

/// Topics (Kafka allows at most 249 characters).
pub struct TopicName;
impl NamePattern for TopicName {
    const NAME: &'static str = "Topic";
    const PATTERN: &'static str = "^[A-Za-z0-9._-]{1,249}$";
}

/// Messages, views, automations and screens.
pub struct MessageName;
impl NamePattern for MessageName {
    const NAME: &'static str = "Message";
    const PATTERN: &'static str = "^[A-Za-z][A-Za-z0-9_.-]*$";
}

/// A mapping from names following `N` (never `x-*`) to entries `T`, which may be left empty.
pub struct Named<N, T>(PhantomData<(N, T)>);

impl<N: NamePattern, T: JsonSchema> JsonSchema for Named<N, T> {
    fn schema_name() -> Cow<'static, str> {
        format!("{}By{}Name", T::schema_name(), N::NAME).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        // Inlined so that `null` joins the entry's own `type` and errors point inside the entry.
        let mut entry = T::json_schema(generator);
        entry.insert("type".into(), json!(["object", "null"]));
        json_schema!({
            "type": "object",
            "propertyNames": { "pattern": N::PATTERN, "not": { "pattern": "^x-" } },
            "additionalProperties": entry
        })
    }
}

/// A free-form mapping (`x-*` extension values, rule options).
pub type Free = BTreeMap<String, serde_json::Value>;

/// Optional keys may be left out but not written as `null`: drops the `null` that schemars adds to `Option<T>`.
/// The remaining unions (short and long forms) have disjoint types, so they become `oneOf`.
pub fn tidy_unions(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else { return };
    if let Some(Value::Array(types)) = object.get_mut("type")
        && types.len() == 2
        && types.contains(&json!("null"))
    {
        types.retain(|t| t != "null");
        let single = types.pop().unwrap_or(Value::Null);
        object.insert("type".into(), single);
    }
    if let Some(Value::Array(variants)) = object.get("anyOf")
        && variants.len() == 2
        && variants.contains(&json!({ "type": "null" }))
        && let Some(Value::Object(other)) = variants.iter().find(|v| **v != json!({ "type": "null" })).cloned()
    {
        object.remove("anyOf");
        object.extend(other);
    }
    if let Some(variants) = object.remove("anyOf") {
        object.insert("oneOf".into(), variants);
    }
}
