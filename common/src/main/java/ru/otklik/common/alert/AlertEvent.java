package ru.otklik.common.alert;

import java.time.Instant;
import java.util.List;
import ru.otklik.common.store.AlertRow;

/**
 * One change of an incident as it travels through Kafka topic {@code alerts}: the same facts as its
 * {@code otklik.alerts} row (see {@link AlertRow} for each field), with times as instants. The pair
 * ({@code alertId}, {@code version}) is the idempotency key: the topic is written at least once, and a
 * consumer (the webhook and mail delivery) acts on a version it has not seen and ignores older ones.
 */
public record AlertEvent(String alertId, long version, String alertType, String severity, String status,
                         String regionCode, String officeCode, String scopeId, Instant startedAt, Instant openedAt,
                         Instant updatedAt, Instant closedAt, long observed, long flagged, double baseline,
                         double alarmLevel, double statistic, double threshold, List<String> responseIds,
                         String detail) {

    public AlertEvent {
        responseIds = responseIds == null ? List.of() : List.copyOf(responseIds);
    }

    public static AlertEvent of(AlertRow r) {
        return new AlertEvent(r.alertId(), r.version(), r.alertType(), r.severity(), r.status(), r.regionCode(),
                r.officeCode(), r.scopeId(), Instant.ofEpochSecond(r.startedTs()), Instant.ofEpochSecond(r.openedTs()),
                Instant.ofEpochSecond(r.updatedTs()), r.closedTs() == null ? null : Instant.ofEpochSecond(r.closedTs()),
                r.observed(), r.flagged(), r.baseline(), r.alarmLevel(), r.statistic(), r.threshold(), r.responseIds(),
                r.detail());
    }
}
