package ru.otklik.common.store;

import java.util.List;

/**
 * One row of {@code otklik.alerts}: an incident (a drop alert, later a fraud flag) as of its last
 * change. The row of an incident is written again when it escalates and when it closes, under the same
 * {@code alertId}, so the table holds one row per incident (ReplacingMergeTree by {@code version}).
 *
 * @param alertId     deterministic: the type, the scope and the response at which it opened, so a replay
 *                    of the topic rewrites the same incident rather than adding one
 * @param alertType   e.g. {@code drop_kiosk}, {@code drop_forms}
 * @param severity    {@code warning} when opened, {@code critical} once escalated
 * @param status      {@code open}, {@code escalated} or {@code closed}
 * @param scopeId     the device, touchpoint or source the incident is about; {@code ""} for the whole office
 * @param startedTs   the first observation of the evidence (the run that raised the statistic), epoch s
 * @param openedTs    the observation at which it opened, epoch s
 * @param updatedTs   the observation of its last change, epoch s
 * @param closedTs    the observation at which it closed, or null while open
 * @param observed    observations in the evidence
 * @param flagged     bad (or suspicious) observations among them
 * @param baseline    the baseline share the test compares with (e.g. the office's usual bad share)
 * @param alarmLevel  the share the test is tuned to detect
 * @param statistic   the test statistic at the last change (for a CUSUM: in log-likelihood units)
 * @param threshold   the limit it was compared with (same units)
 * @param responseIds ids of the responses involved (for a drop: the latest bad ones, at most 100)
 * @param detail      the rest of the evidence, as JSON
 */
public record AlertRow(String alertId, String alertType, String severity, String status, String regionCode,
                       String officeCode, String scopeId, long startedTs, long openedTs, long updatedTs, Long closedTs,
                       long observed, long flagged, double baseline, double alarmLevel, double statistic,
                       double threshold, List<String> responseIds, String detail, long version) {

    public AlertRow {
        responseIds = List.copyOf(responseIds);
    }
}
