//! A seeded generator of random Avro schemas and random evolutions of them, shared by the differential test and the
//! property laws: fields added or removed with or without defaults, promotions and other type changes, renames with
//! and without aliases, enum symbols and defaults, union branches, renamed named types, fixed sizes, nested records,
//! references and recursion, logical annotations.
//!
//! Aliases are always written as full names (relative aliases are read differently by Java and Python, §2.5) and
//! renames use fresh names, so no field alias is ambiguous.

use serde_json::{Map, Value, json};

/// splitmix64: small, seedable and good enough to spread choices.
pub struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PRIMITIVES: [&str; 8] = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];
const SYMBOLS: [&str; 6] = ["A", "B", "C", "D", "E", "F"];

pub struct Generator {
    pub rng: Rng,
    fresh: usize,
    /// Full names defined so far in the schema being generated (references may use them).
    defined: Vec<String>,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        Generator { rng: Rng(seed), fresh: 0, defined: Vec::new() }
    }

    pub fn fresh_name(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    /// A random schema: usually a record, sometimes any type.
    pub fn schema(&mut self) -> Value {
        self.defined.clear();
        if self.rng.chance(10) {
            return self.type_value(1, "", true);
        }
        self.record(0, "")
    }

    fn type_value(&mut self, depth: usize, namespace: &str, allow_union: bool) -> Value {
        loop {
            let choice = self.rng.below(100);
            return match choice {
                0..=44 => self.primitive(),
                45..=54 if depth < 3 => self.record(depth, namespace),
                55..=62 => self.enumeration(namespace),
                63..=66 => self.fixed(namespace),
                67..=74 if depth < 4 => json!({"type": "array", "items": self.type_value(depth + 1, namespace, true)}),
                75..=80 if depth < 4 => json!({"type": "map", "values": self.type_value(depth + 1, namespace, true)}),
                81..=91 if allow_union => self.union(depth, namespace),
                92..=99 => match self.referable(namespace) {
                    Some(full_name) => Value::String(full_name),
                    None => continue,
                },
                _ => continue,
            };
        }
    }

    /// A defined full name that a reference written in `namespace` resolves to: a dotted name, or a null-namespace
    /// name referenced from the null namespace.
    fn referable(&mut self, namespace: &str) -> Option<String> {
        let candidates: Vec<&String> =
            self.defined.iter().filter(|name| name.contains('.') || namespace.is_empty()).collect();
        (!candidates.is_empty()).then(|| (*self.rng.pick(&candidates)).clone())
    }

    pub fn primitive(&mut self) -> Value {
        if self.rng.chance(8) {
            let annotated = [
                json!({"type": "int", "logicalType": "date"}),
                json!({"type": "long", "logicalType": "timestamp-millis"}),
                json!({"type": "long", "logicalType": "timestamp-micros"}),
                json!({"type": "string", "logicalType": "uuid"}),
                json!({"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}),
            ];
            return self.rng.pick(&annotated).clone();
        }
        Value::String((*self.rng.pick(&PRIMITIVES)).to_owned())
    }

    /// A `name` (and sometimes a `namespace`) for a new named type; returns the members and its own namespace.
    fn named(&mut self, kind: &str, enclosing: &str) -> (Map<String, Value>, String) {
        let mut object = Map::new();
        object.insert("type".to_owned(), json!(kind));
        let name = self.fresh_name("T");
        object.insert("name".to_owned(), json!(name));
        let namespace = if self.rng.chance(25) {
            let namespace = (*self.rng.pick(&["a", "b.c"])).to_owned();
            object.insert("namespace".to_owned(), json!(namespace));
            namespace
        } else {
            enclosing.to_owned()
        };
        let full_name = if namespace.is_empty() { name } else { format!("{namespace}.{name}") };
        self.defined.push(full_name);
        (object, namespace)
    }

    fn record(&mut self, depth: usize, enclosing: &str) -> Value {
        let (mut object, namespace) = self.named("record", enclosing);
        let mut fields = Vec::new();
        for index in 0..self.rng.below(5) {
            let ty = self.type_value(depth + 1, &namespace, true);
            let mut field = Map::new();
            field.insert("name".to_owned(), json!(format!("f{index}")));
            if self.rng.chance(30) {
                field.insert("default".to_owned(), default_for(&ty));
            }
            field.insert("type".to_owned(), ty);
            fields.push(Value::Object(field));
        }
        object.insert("fields".to_owned(), Value::Array(fields));
        Value::Object(object)
    }

    fn enumeration(&mut self, enclosing: &str) -> Value {
        let (mut object, _) = self.named("enum", enclosing);
        let symbols: Vec<&str> = SYMBOLS.iter().copied().filter(|_| self.rng.chance(60)).collect();
        let symbols = if symbols.is_empty() { vec!["A"] } else { symbols };
        if self.rng.chance(25) {
            object.insert("default".to_owned(), json!(self.rng.pick(&symbols)));
        }
        object.insert("symbols".to_owned(), json!(symbols));
        Value::Object(object)
    }

    fn fixed(&mut self, enclosing: &str) -> Value {
        let (mut object, _) = self.named("fixed", enclosing);
        object.insert("size".to_owned(), json!(self.rng.pick(&[2, 4, 8, 16])));
        Value::Object(object)
    }

    fn union(&mut self, depth: usize, namespace: &str) -> Value {
        let mut branches = Vec::new();
        let mut kinds = Vec::new();
        if self.rng.chance(60) {
            branches.push(json!("null"));
            kinds.push("null".to_owned());
        }
        for _ in 0..1 + self.rng.below(3) {
            let branch = self.type_value(depth + 1, namespace, false);
            let kind = union_kind(&branch);
            if !kinds.contains(&kind) {
                kinds.push(kind);
                branches.push(branch);
            }
        }
        Value::Array(branches)
    }
}

/// What makes two union branches collide: the unnamed type kind, or the full name of a named type.
fn union_kind(branch: &Value) -> String {
    match branch {
        Value::String(name) => name.clone(),
        Value::Object(object) => match object.get("name") {
            Some(name) => format!("named:{}", name.as_str().unwrap_or_default()),
            None => object.get("type").and_then(Value::as_str).unwrap_or_default().to_owned(),
        },
        _ => "union".to_owned(),
    }
}

pub fn default_for(ty: &Value) -> Value {
    let kind = match ty {
        Value::String(kind) => kind.as_str(),
        Value::Object(object) => object.get("type").and_then(Value::as_str).unwrap_or("null"),
        Value::Array(branches) => return branches.first().map_or(Value::Null, default_for),
        _ => "null",
    };
    match kind {
        "boolean" => json!(false),
        "int" | "long" => json!(0),
        "float" | "double" => json!(0.5),
        "bytes" | "string" => json!("x"),
        "enum" => ty.get("symbols").and_then(|symbols| symbols.get(0)).cloned().unwrap_or(Value::Null),
        "array" => json!([]),
        "map" | "record" => json!({}),
        _ => Value::Null,
    }
}

/// A place in a schema a mutation can change, found by [`sites`].
enum Site {
    /// A type position holding a type (pointer to it).
    Type(String),
    /// A record (pointer), with its full name.
    Record(String),
    Enum(String),
    Fixed(String),
    /// A named type's object and its full name.
    Named(String, String),
}

/// Every mutable place of `value`, walking type positions with namespace tracking.
fn sites(value: &Value) -> Vec<Site> {
    let mut found = Vec::new();
    let mut pending = vec![(value, String::new(), String::new())];
    while let Some((value, pointer, namespace)) = pending.pop() {
        found.push(Site::Type(pointer.clone()));
        match value {
            Value::Array(branches) => {
                for (index, branch) in branches.iter().enumerate() {
                    pending.push((branch, format!("{pointer}/{index}"), namespace.clone()));
                }
            }
            Value::Object(object) => {
                let kind = object.get("type").and_then(Value::as_str).unwrap_or_default();
                let mut own_namespace = namespace.clone();
                if let Some(name) = object.get("name").and_then(Value::as_str) {
                    if let Some(explicit) = object.get("namespace").and_then(Value::as_str) {
                        own_namespace = explicit.to_owned();
                    }
                    let full_name =
                        if own_namespace.is_empty() { name.to_owned() } else { format!("{own_namespace}.{name}") };
                    found.push(Site::Named(pointer.clone(), full_name));
                }
                match kind {
                    "record" => {
                        found.push(Site::Record(pointer.clone()));
                        let fields = object.get("fields").and_then(Value::as_array).into_iter().flatten();
                        for (index, field) in fields.enumerate() {
                            if let Some(ty) = field.get("type") {
                                pending.push((ty, format!("{pointer}/fields/{index}/type"), own_namespace.clone()));
                            }
                        }
                    }
                    "enum" => found.push(Site::Enum(pointer.clone())),
                    "fixed" => found.push(Site::Fixed(pointer.clone())),
                    "array" => pending.push((&object["items"], format!("{pointer}/items"), namespace.clone())),
                    "map" => pending.push((&object["values"], format!("{pointer}/values"), namespace.clone())),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    found
}

/// Replaces every type-position string equal to `from` with `to` (references to a renamed type).
fn rename_references(value: &mut Value, from: &str, to: &str) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::String(name) if name == from => *name = to.to_owned(),
            Value::Array(items) => pending.extend(items.iter_mut()),
            Value::Object(object) => {
                for (key, member) in object.iter_mut() {
                    if matches!(key.as_str(), "type" | "items" | "values" | "fields") {
                        pending.push(member);
                    }
                }
            }
            _ => {}
        }
    }
}

impl Generator {
    /// Applies one random evolution to `schema`; returns whether it changed anything.
    pub fn mutate(&mut self, schema: &mut Value) -> bool {
        let all = sites(schema);
        let site = &all[self.rng.below(all.len())];
        match site {
            Site::Record(pointer) => self.mutate_record(schema, pointer),
            Site::Enum(pointer) => {
                let Some(object) = schema.pointer_mut(pointer).and_then(Value::as_object_mut) else { return false };
                let mut symbols: Vec<Value> = object["symbols"].as_array().cloned().unwrap_or_default();
                match self.rng.below(3) {
                    0 => symbols.push(json!(self.fresh_name("S"))),
                    1 if symbols.len() > 1 => {
                        let removed = symbols.remove(self.rng.below(symbols.len()));
                        if object.get("default") == Some(&removed) {
                            object.remove("default");
                        }
                    }
                    _ => {
                        if object.remove("default").is_none() {
                            object.insert("default".to_owned(), symbols[0].clone());
                        }
                    }
                }
                object.insert("symbols".to_owned(), Value::Array(symbols));
                true
            }
            Site::Fixed(pointer) => {
                let size = *self.rng.pick(&[2, 4, 8, 16, 32]);
                schema.pointer_mut(&format!("{pointer}/size")).map(|value| *value = json!(size)).is_some()
            }
            Site::Named(pointer, full_name) => {
                let Some(object) = schema.pointer_mut(pointer).and_then(Value::as_object_mut) else { return false };
                let new_name = self.fresh_name("N");
                let new_full_name = match full_name.rsplit_once('.') {
                    Some((namespace, _)) => format!("{namespace}.{new_name}"),
                    None => new_name.clone(),
                };
                object.insert("name".to_owned(), json!(new_name));
                // Only dotted aliases: a relative alias is read differently by Java and Python (§2.5).
                if full_name.contains('.') && self.rng.chance(50) {
                    object.insert("aliases".to_owned(), json!([full_name]));
                }
                rename_references(schema, full_name, &new_full_name);
                true
            }
            Site::Type(pointer) => self.mutate_type(schema, pointer),
        }
    }

    fn mutate_type(&mut self, schema: &mut Value, pointer: &str) -> bool {
        let parent = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
        let in_union = !pointer.is_empty() && schema.pointer(parent).is_some_and(Value::is_array);
        let Some(target) = schema.pointer_mut(pointer) else { return false };
        match target {
            Value::String(name) if PRIMITIVES.contains(&name.as_str()) => {
                let promotions: &[&str] = match name.as_str() {
                    "int" => &["long", "float", "double"],
                    "long" => &["float", "double", "int"],
                    "float" => &["double", "long"],
                    "string" => &["bytes"],
                    "bytes" => &["string"],
                    _ => &["int", "string"],
                };
                let replacement =
                    if self.rng.chance(70) { *self.rng.pick(promotions) } else { *self.rng.pick(&PRIMITIVES) };
                if in_union {
                    return false;
                }
                *target = json!(replacement);
                true
            }
            Value::Array(branches) => {
                if self.rng.chance(50) && branches.len() > 1 {
                    branches.remove(self.rng.below(branches.len()));
                    return true;
                }
                let candidate = *self.rng.pick(&PRIMITIVES);
                if branches.iter().any(|branch| union_kind(branch) == candidate) {
                    return false;
                }
                branches.insert(self.rng.below(branches.len() + 1), json!(candidate));
                true
            }
            _ if !in_union && !pointer.is_empty() && self.rng.chance(50) => {
                let inner = target.take();
                *target = json!(["null", inner]);
                true
            }
            _ => false,
        }
    }

    fn mutate_record(&mut self, schema: &mut Value, pointer: &str) -> bool {
        let Some(fields) = schema.pointer_mut(&format!("{pointer}/fields")).and_then(Value::as_array_mut) else {
            return false;
        };
        match self.rng.below(5) {
            0 | 1 => {
                let ty = if self.rng.chance(50) { json!(["null", "string"]) } else { self.primitive() };
                let mut field = Map::new();
                field.insert("name".to_owned(), json!(self.fresh_name("n")));
                if self.rng.chance(60) {
                    field.insert("default".to_owned(), default_for(&ty));
                }
                field.insert("type".to_owned(), ty);
                fields.insert(self.rng.below(fields.len() + 1), Value::Object(field));
                true
            }
            2 if !fields.is_empty() => {
                fields.remove(self.rng.below(fields.len()));
                true
            }
            3 if !fields.is_empty() => {
                let index = self.rng.below(fields.len());
                let Some(field) = fields[index].as_object_mut() else { return false };
                if field.remove("default").is_none() {
                    let default = default_for(&field["type"]);
                    field.insert("default".to_owned(), default);
                }
                true
            }
            4 if !fields.is_empty() => {
                let index = self.rng.below(fields.len());
                let new_name = self.fresh_name("r");
                let with_alias = self.rng.chance(60);
                let Some(field) = fields[index].as_object_mut() else { return false };
                let old_name = field["name"].clone();
                field.insert("name".to_owned(), json!(new_name));
                if with_alias {
                    field.insert("aliases".to_owned(), json!([old_name]));
                }
                true
            }
            _ => false,
        }
    }
}
