//! `version-suffix-without-deprecation`: `FooV2` sits next to a `Foo` that is not on its way out.

use eventlint_catalog::Message;
use eventlint_diagnostics::Diagnostic;

use crate::context::Context;
use crate::rule::{NoOptions, declare_rule};

declare_rule! {
    name: "version-suffix-without-deprecation",
    category: Compat,
    severity: Info,
    recommended: true,
    summary: "`FooV2` while `Foo` is not deprecated",
    options: NoOptions,
    run: crate::rule::Run::Model(run),
}

/// A name ending in a version token: `ShipmentDispatchedV2` is `ShipmentDispatched` + `V` + 2.
struct Versioned<'a> {
    base: &'a str,
    /// The separator and the `v` as written (`V`, `_v`, `-v`, `.v`).
    marker: &'a str,
    number: u32,
}

fn versioned(name: &str) -> Option<Versioned<'_>> {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let number: u32 = name.get(name.len() - digits..)?.parse().ok()?;
    let rest = &name[..name.len() - digits];
    let v_at = rest.strip_suffix(['v', 'V'])?.len();
    let before = &rest[..v_at];
    let (base, marker) = match before.strip_suffix(['_', '-', '.']) {
        Some(base) => (base, &rest[base.len()..]),
        // PascalCase: a capital `V` right after a lower-case letter or a digit.
        None if &rest[v_at..] == "V" && before.ends_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) => {
            (before, &rest[v_at..])
        }
        None => return None,
    };
    (number >= 2 && !base.is_empty()).then_some(Versioned { base, marker, number })
}

/// The nearest earlier message of a versioned name: `FooV2` → `FooV1` → `Foo`.
fn predecessor<'m>(cx: &Context<'m>, name: &Versioned) -> Option<&'m Message> {
    let lower = (1..name.number).rev().map(|k| format!("{}{}{k}", name.base, name.marker));
    lower.chain(std::iter::once(name.base.to_owned())).find_map(|candidate| cx.model.messages.get(&candidate))
}

fn run(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut reported: Vec<&str> = Vec::new();
    for successor in cx.model.messages.values() {
        let Some(version) = versioned(&successor.decl.name) else { continue };
        let Some(old) = predecessor(cx, &version) else { continue };
        if old.deprecated.is_some() || reported.contains(&old.decl.name.as_str()) {
            continue;
        }
        reported.push(&old.decl.name);
        let (old_name, new_name) = (&old.decl.name, &successor.decl.name);
        out.push(
            cx.message_finding(
                &RULE,
                old,
                format!("`{new_name}` succeeds `{old_name}`, which is not deprecated"),
                "not deprecated",
            )
            .with_label(successor.decl.name_span, "its successor")
            .with_help(format!("mark `{old_name}` `deprecated: {{replacedBy: {new_name}}}`")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::check;

    #[track_caller]
    fn check_rule(messages: &str, expect: &str) {
        check("version-suffix-without-deprecation", messages, expect);
    }

    #[test]
    fn flag_pascal_case() {
        check_rule(
            "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}
             ShipmentDispatchedV2: {consumers: [crm], fields: {shipmentId: string}}",
            "catalog.yaml:18:3 info[version-suffix-without-deprecation] `ShipmentDispatchedV2` succeeds `ShipmentDispatched`, which is not deprecated",
        );
    }

    #[test]
    fn flag_kebab_case_v2_beside_v3() {
        check_rule(
            "shipment-dispatched-v2: {consumers: [crm], fields: {shipmentId: string}}
             shipment-dispatched-v3: {consumers: [crm], fields: {shipmentId: string}}",
            "catalog.yaml:18:3 info[version-suffix-without-deprecation] `shipment-dispatched-v3` succeeds `shipment-dispatched-v2`, which is not deprecated",
        );
    }

    #[test]
    fn flag_each_predecessor_once() {
        check_rule(
            "ShipmentDispatched: {consumers: [crm], fields: {shipmentId: string}}
             ShipmentDispatchedV2: {consumers: [crm], fields: {shipmentId: string}}
             ShipmentDispatchedV3: {consumers: [crm], fields: {shipmentId: string}}",
            "catalog.yaml:18:3 info[version-suffix-without-deprecation] `ShipmentDispatchedV2` succeeds `ShipmentDispatched`, which is not deprecated
             catalog.yaml:19:3 info[version-suffix-without-deprecation] `ShipmentDispatchedV3` succeeds `ShipmentDispatchedV2`, which is not deprecated",
        );
    }

    #[test]
    fn quiet_predecessor_deprecated() {
        check_rule(
            "ShipmentDispatched: {deprecated: {replacedBy: ShipmentDispatchedV2}, consumers: [crm], fields: {shipmentId: string}}
             ShipmentDispatchedV2: {consumers: [crm], fields: {shipmentId: string}}",
            "",
        );
    }

    #[test]
    fn quiet_without_predecessor() {
        check_rule("ShipmentDispatchedV2: {consumers: [crm], fields: {shipmentId: string}}", "");
    }

    #[test]
    fn quiet_digits_that_are_not_a_version() {
        check_rule(
            "Ipv: {consumers: [crm], fields: {shipmentId: string}}
             Ipv6AddressAssigned: {consumers: [crm], fields: {shipmentId: string}}
             Route: {consumers: [crm], fields: {shipmentId: string}}
             Route66: {consumers: [crm], fields: {shipmentId: string}}",
            "",
        );
    }
}
