//! Precision: realistic clean catalogs in four styles (DDD domain events, telemetry, CDC feeds, resource
//! lifecycle) produce no warning and no error under their profile with the recommended rules.

use eventlint_diagnostics::Severity;

use crate::testing::{HEADER, Workspace, header_with, settings_for, shorthand_on};

/// The corpora other than DDD key each message by its own subject, on a topic that declares no key.
const UNKEYED_TOPIC: &str = "shipping.events: {partitions: 12, visibility: public, compatibility: FULL_TRANSITIVE}";

/// Business facts of a shipping domain, named and shaped the DDD way.
const DDD: &str = r#"
ShipmentRegistered: {summary: "A parcel was handed in for shipping.", consumers: [billing, crm], fields: {shipmentId: string, senderCustomerId: string, origin: Address, destination: Address, weightGrams: int, registeredAt: timestamp-millis}}
ShipmentDispatched: {summary: "A carrier took the parcel over.", consumers: [billing, crm, reporting], fields: {shipmentId: string, carrier: string, trackingNumber: string, dispatchedAt: timestamp-millis}}
ShipmentDelivered: {summary: "The recipient received the parcel.", consumers: [billing, crm], fields: {shipmentId: string, deliveredAt: timestamp-millis, proofOfDeliveryUrl: {type: string, doc: "GET /shipments/{id}/proofs/versions/{version}"}}}
DeliveryAttemptFailed: {summary: "A courier could not deliver the parcel.", consumers: [crm], fields: {shipmentId: string, attemptNumber: int, failureKind: FailureKind, attemptedAt: timestamp-millis}}
ShipmentRerouted: {summary: "The parcel goes to another depot.", consumers: [crm, billing], fields: {shipmentId: string, previousDepotId: string, newDepotId: string, reason: string, reroutedAt: timestamp-millis}}
ParcelDamaged: {summary: "Damage was found on the parcel.", consumers: [billing, crm], fields: {shipmentId: string, damageKind: DamageKind, reportedBy: string, reportedAt: timestamp-millis}}
CustomsHoldPlaced: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, customsOffice: string, heldAt: timestamp-millis}}
CustomsHoldReleased: {topic: shipping.internal, consumers: [dispatcher], fields: {shipmentId: string, dutyPaid: "decimal(10,2)", releasedAt: timestamp-millis}}
PickupScheduled: {producer: dispatcher, topic: shipping.internal, consumers: [shipping], fields: {shipmentId: string, carrier: string, pickupAt: timestamp-millis}}
ShipmentCancelled: {summary: "The sender withdrew the shipment.", consumers: [billing, crm], fields: {shipmentId: string, cancelledBy: string, reason: string, cancelledAt: timestamp-millis}}
InvoiceIssued: {producer: billing, topic: billing.events, summary: "Billing invoiced a customer for shipments.", consumers: [crm, reporting], fields: {customerId: string, invoiceNumber: string, amountCents: long, currency: string, issuedAt: timestamp-millis}}
BookCarrier: {kind: command, topic: shipping.commands, consumers: [dispatcher], emits: [CarrierBooked], fields: {shipmentId: string, carrier: string}}
CarrierBooked: {producer: dispatcher, summary: "A carrier accepted the booking.", triggeredBy: [BookCarrier], consumers: [shipping, crm], fields: {shipmentId: string, carrier: string, bookingReference: string, bookedAt: timestamp-millis}}
ShipmentWeighed: {topic: shipping.internal, consumers: [dispatcher, shipping], fields: {shipmentId: string, weightGrams: int, scaleId: string, weighedAt: timestamp-millis}}
"#;

/// Analytics actions and sensor samples, named as nouns and user actions.
const TELEMETRY: &str = r#"
TemperatureReading: {summary: "A container sensor sample.", key: deviceId, consumers: [reporting], fields: {deviceId: string, celsius: double, measuredAt: timestamp-millis}}
DeviceHeartbeat: {summary: "A scanner reports that it is alive.", key: deviceId, consumers: [reporting], fields: {deviceId: string, batteryPercent: int, firmwareVersion: string, sentAt: timestamp-millis}}
GpsPosition: {summary: "A truck position fix.", key: deviceId, consumers: [reporting], fields: {deviceId: string, latitude: double, longitude: double, accuracyMeters: float, recordedAt: timestamp-millis}}
page_view: {summary: "A tracking page was shown.", key: sessionId, consumers: [reporting], fields: {sessionId: string, pageUrl: string, referrer: [null, string], viewedAt: timestamp-millis}}
add_to_cart: {summary: "A shopper added a shipping option to the cart.", key: sessionId, consumers: [reporting], fields: {sessionId: string, sku: string, quantity: int, unitPriceCents: long, addedAt: timestamp-millis}}
search_performed: {summary: "A shopper searched for a parcel.", key: sessionId, consumers: [reporting], fields: {sessionId: string, query: string, resultCount: int, performedAt: timestamp-millis}}
StockLevelSample: {summary: "Depot stock, sampled hourly.", category: measurement, key: depotId, consumers: [reporting], fields: {depotId: string, sku: string, quantity: int, sampledAt: timestamp-millis}}
ConveyorSpeedMeasured: {summary: "A conveyor belt speed sample.", key: deviceId, consumers: [reporting], fields: {deviceId: string, metersPerSecond: double, measuredAt: timestamp-millis}}
checkout_step_viewed: {summary: "A checkout step was shown.", key: sessionId, consumers: [reporting], fields: {sessionId: string, step: int, viewedAt: timestamp-millis}}
DepotOccupancyUpdated: {summary: "Depot occupancy, sampled every minute.", category: measurement, key: depotId, consumers: [reporting], fields: {depotId: string, occupancyPercent: int, sampledAt: timestamp-millis}}
"#;

/// Debezium change feeds of the shipping database (the shorthand's row records have one field, `code`: the row key).
const CDC: &str = r#"
ShipmentsChanged: {summary: "Row changes of the shipments table.", key: after.code, consumers: [reporting], fields: {before: [null, ShipmentRow], after: [null, ShipmentRow], op: string, source: Source, ts_ms: long}}
ParcelsChanged: {summary: "Row changes of the parcels table.", key: after.code, consumers: [reporting], fields: {before: [null, ParcelRow], after: [null, ParcelRow], op: string, source: Source, ts_ms: long}}
DepotsChanged: {summary: "Row changes of the depots table.", key: after.code, consumers: [reporting], fields: {before: [null, DepotRow], after: [null, DepotRow], op: string, source: Source, ts_ms: long}}
CarriersChanged: {summary: "Row changes of the carriers table.", key: after.code, consumers: [reporting], fields: {before: [null, CarrierRow], after: [null, CarrierRow], op: string, source: Source, ts_ms: long}}
RoutesChanged: {summary: "Row changes of the routes table.", key: after.code, consumers: [reporting], fields: {before: [null, RouteRow], after: [null, RouteRow], op: string, source: Source, ts_ms: long}}
TariffUpdated: {summary: "Tariff rows, replicated.", key: tariff_id, consumers: [reporting], fields: {tariff_id: string, zone: string, price_cents: long, currency: string, valid_from: date, updated_at: timestamp-millis}}
DepotCapacityUpdated: {summary: "Depot capacity rows, replicated.", key: depotId, consumers: [reporting], fields: {depotId: string, capacity: int}}
ShipmentStatusUpdated: {summary: "Shipment status rows, replicated.", key: shipmentId, consumers: [reporting], fields: {shipmentId: string, status: ShipmentStatus}}
CarrierDeleted: {summary: "A carrier row was deleted.", key: carrierId, consumers: [reporting], fields: {carrierId: string, deletedAt: timestamp-millis}}
"#;

/// Platform resources created, updated or deleted.
const RESOURCE_LIFECYCLE: &str = r#"
BucketCreated: {summary: "A storage bucket was created.", key: bucketId, consumers: [reporting], fields: {bucketId: string, region: string, storageClass: string, createdAt: timestamp-millis}}
BucketUpdated: {summary: "A storage bucket's settings changed.", key: bucketId, consumers: [reporting], fields: {bucketId: string, storageClass: string, versioning: boolean, labels: {type: map, values: string}, updatedAt: timestamp-millis}}
BucketDeleted: {summary: "A storage bucket was deleted.", key: bucketId, consumers: [reporting], fields: {bucketId: string, deletedAt: timestamp-millis}}
ObjectFinalized: {summary: "An object upload completed.", key: objectName, consumers: [reporting], fields: {objectName: string, bucketId: string, sizeBytes: long, contentType: string, finalizedAt: timestamp-millis}}
ObjectArchived: {summary: "An object moved to archive storage.", key: objectName, consumers: [reporting], fields: {objectName: string, bucketId: string, archivedAt: timestamp-millis, storageClass: string}}
InstanceStarted: {summary: "A compute instance started.", key: instanceId, consumers: [reporting], fields: {instanceId: string, machineType: string, zone: string, startedAt: timestamp-millis}}
InstanceStopped: {summary: "A compute instance stopped.", key: instanceId, consumers: [reporting], fields: {instanceId: string, stopReason: string, stoppedAt: timestamp-millis}}
ClusterScaled: {summary: "A cluster changed its node count.", key: clusterId, consumers: [reporting], fields: {clusterId: string, previousNodeCount: int, nodeCount: int, scaledAt: timestamp-millis}}
CertificateRenewed: {summary: "A TLS certificate was renewed.", key: certificateId, consumers: [reporting], fields: {certificateId: string, domainName: string, notAfter: timestamp-millis, renewedAt: timestamp-millis}}
"#;

#[track_caller]
fn assert_quiet(profile: &str, messages: &str) {
    let header = if profile == "ddd" { HEADER.to_owned() } else { header_with("", &[], &[UNKEYED_TOPIC]) };
    let workspace = Workspace::load(&shorthand_on(&header, messages, ""));
    let result = workspace.lint(&settings_for(&format!("[lint]\nprofile = \"{profile}\"\n")));
    let loud: Vec<_> = result.diagnostics.iter().filter(|d| d.severity != Severity::Info).cloned().collect();
    let shown = crate::LintResult { diagnostics: loud, ..crate::LintResult::default() };
    assert!(shown.diagnostics.is_empty(), "{profile}:\n{}", workspace.render(&shown));
}

#[test]
fn ddd_domain_events_are_quiet() {
    assert_quiet("ddd", DDD);
}

#[test]
fn telemetry_is_quiet_under_its_profile() {
    assert_quiet("telemetry", TELEMETRY);
}

#[test]
fn cdc_feeds_are_quiet_under_their_profile() {
    assert_quiet("cdc", CDC);
}

#[test]
fn resource_lifecycle_events_are_quiet_under_their_profile() {
    assert_quiet("resource-lifecycle", RESOURCE_LIFECYCLE);
}

#[test]
fn the_corpus_has_at_least_forty_messages() {
    let count: usize =
        [DDD, TELEMETRY, CDC, RESOURCE_LIFECYCLE].iter().map(|c| c.lines().filter(|l| !l.is_empty()).count()).sum();
    assert!(count >= 40, "{count}");
}
