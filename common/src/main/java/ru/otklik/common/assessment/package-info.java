/**
 * 360-degree assessment of employees (domain §5): the competency model a session asks about, the rater
 * assignments of a session and the raters' submissions as they travel through Kafka, and the methodology's
 * rules (classification with thresholds scaled to the answer scale, the anonymity merge) as pure functions
 * used by the streaming job, the dashboards and the tests alike.
 *
 * <p>Identities: events and ClickHouse carry only opaque ids — an employee's {@code pseudonym} (stable across
 * sessions, so a target's sessions can be compared) and a rater's {@code raterKey} (one per rater and
 * session, never written to ClickHouse). Names, e-mail addresses and who rated whom stay in the operational
 * store.
 */
package ru.otklik.common.assessment;
