package ru.otklik.dashboards.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.access.AccessScope;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.ResultRow;
import ru.otklik.dashboards.access.Role;
import ru.otklik.dashboards.review.FlagReview;
import ru.otklik.dashboards.review.FlagReviews;
import ru.otklik.common.operational.OperationalStoreException;
import java.util.Optional;
import ru.otklik.dashboards.clickhouse.SqlCode;

/**
 * The alert feed: incidents of {@code otklik.alerts} within the viewer's scope (an office head their
 * office, a regional manager their region's offices, federal all), open ones (open or escalated) or
 * all, newest first. Only offices of the directory are shown; every code in the SQL is a literal of
 * the directory or the viewer's own scope ({@link SqlCode}).
 */
public final class AlertFeedQuery {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertFeedQuery.class);

    /** At most this many incidents per answer: a feed, not an archive (analysts query the table). */
    public static final int LIMIT = 200;

    private static final Map<String, String[]> TITLES = Map.ofEntries(
            Map.entry("drop_kiosk", new String[] {"Падение удовлетворённости на киоске", "Kiosk satisfaction drop"}),
            Map.entry("link_reused", new String[] {"Одноразовую ссылку пытались использовать повторно",
                    "A single-use link was answered again"}),
            Map.entry("shift_share", new String[] {"Доля высших оценок резко выше обычного и выше региона",
                    "Share of top scores far above usual and above the region"}),
            Map.entry("drop_forms", new String[] {"Падение доли положительных ответов анкет", "Questionnaire positive share drop"}),
            Map.entry("drop_kiosk_fixed", new String[] {"Много плохих оценок на киоске (фиксированное правило)", "Many bad kiosk ratings (fixed rule)"}),
            Map.entry("drop_forms_fixed", new String[] {"Много отрицательных анкет (фиксированное правило)", "Many negative questionnaires (fixed rule)"}),
            Map.entry("fraud_burst", new String[] {"Много анкет с одного адреса", "Many forms from one address"}),
            Map.entry("fraud_duplicate", new String[] {"Одинаковые анкеты с одного адреса", "Identical forms from one address"}),
            Map.entry("fraud_fast", new String[] {"Неправдоподобно быстрые анкеты", "Implausibly fast forms"}),
            Map.entry("fraud_kiosk_burst", new String[] {"Всплеск нажатий на киоске", "Burst of kiosk taps"}),
            Map.entry("fraud_staff", new String[] {"Анкеты из сети отделения, все оценки высшие", "Top-score forms from the office's own network"}),
            Map.entry("fraud_kiosk_rhythm", new String[] {"Нажатия на киоске в ровном ритме", "Kiosk pressed at a steady rhythm"}),
            Map.entry("kiosk_silent", new String[] {"Киоск молчит в часы работы", "Kiosk silent during opening hours"}));

    /** What an alert id may hold (the job's ids are type, office and a response or touchpoint id): never a quote. */
    private static final java.util.regex.Pattern ALERT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_:.@/-]{1,200}");

    private final ClickHouseReader reader;
    private final OfficeDirectory directory;
    private final Clock clock;
    private final FlagReviews reviews;

    /** @param reviews the operational store's flag reviews, or null when there is none (nothing is reviewable) */
    public AlertFeedQuery(ClickHouseReader reader, OfficeDirectory directory, Clock clock, FlagReviews reviews) {
        this.reader = reader;
        this.directory = directory;
        this.clock = clock;
        this.reviews = reviews;
    }

    /** The title of an incident type in {@code lang} ({@code ru} or {@code en}); the type itself when unknown. */
    public static String title(String alertType, String lang) {
        String[] title = TITLES.getOrDefault(alertType, new String[] {alertType, alertType});
        return title["en".equals(lang) ? 1 : 0];
    }

    /** Whether incidents of this type are reviewed (fraud flags: their responses leave the clean figures). */
    public static boolean reviewedType(String alertType) {
        return alertType.startsWith("fraud_");
    }

    /** The incident's identity, where it is: what a review needs to check scope and type. */
    public record AlertRef(String alertId, String alertType, String officeCode, String regionCode, String scopeId,
                           String status) {
    }

    /** The incident {@code alertId}, if the job wrote one (an id of a shape it never writes is simply not found). */
    public Optional<AlertRef> find(String alertId) {
        if (alertId == null || !ALERT_ID.matcher(alertId).matches()) {
            return Optional.empty();
        }
        // the id is whitelisted above (no quote, no backslash): it cannot leave the literal
        String sql = "SELECT alert_id, alert_type, office_code, region_code, scope_id, status FROM otklik.alerts FINAL"
                + " WHERE alert_id = '" + alertId + "' LIMIT 1";
        for (ResultRow row : reader.select(sql)) {
            return Optional.of(new AlertRef(row.text("alert_id"), row.text("alert_type"), row.text("office_code"),
                    row.text("region_code"), row.text("scope_id"), row.text("status")));
        }
        return Optional.empty();
    }

    /** Which incidents: those not yet closed, or every one. */
    public enum Status {
        OPEN, ALL;

        public static java.util.Optional<Status> parse(String text) {
            if (text == null || text.isBlank() || text.equals("open")) {
                return java.util.Optional.of(OPEN);
            }
            return text.equals("all") ? java.util.Optional.of(ALL) : java.util.Optional.empty();
        }
    }

    static String sql(AccessScope scope, String region, String office, Status status) {
        StringBuilder where = new StringBuilder(switch (scope.role()) {
            case FEDERAL, ADMIN -> "1";
            case REGION -> "region_code = " + SqlCode.literal(scope.scope());
            case OFFICE -> "office_code = " + SqlCode.literal(scope.scope());
        });
        if (region != null) {
            where.append(" AND region_code = ").append(SqlCode.literal(region));
        }
        if (office != null) {
            where.append(" AND office_code = ").append(SqlCode.literal(office));
        }
        if (status == Status.OPEN) {
            where.append(" AND status != 'closed'");
        }
        return "SELECT alert_id, alert_type, severity, status, region_code, office_code, scope_id,"
                + " toUnixTimestamp(started_ts) AS started, toUnixTimestamp(opened_ts) AS opened,"
                + " toUnixTimestamp(updated_ts) AS updated, ifNull(toUnixTimestamp(closed_ts), 0) AS closed,"
                + " observed, flagged, baseline, alarm_level, statistic, threshold, response_ids"
                + " FROM otklik.alerts FINAL WHERE " + where
                + " ORDER BY opened_ts DESC, alert_id LIMIT " + LIMIT;
    }

    /**
     * @param region only this region (already checked against the viewer's scope), or null
     * @param office only this office (likewise), or null for all in scope
     * @param lang   {@code ru} or {@code en}
     */
    public AlertFeed run(AccessScope scope, String region, String office, Status status, String lang) {
        List<AlertItem> items = new ArrayList<>();
        for (ResultRow row : reader.select(sql(scope, region, office, status))) {
            String code = row.text("office_code");
            Office known = directory.office(code).orElse(null);
            if (known == null || !scope.allowsOffice(code)) {
                continue; // a row of an office not in the directory is never shown
            }
            String type = row.text("alert_type");
            long closed = row.longValue("closed");
            List<String> ids = new ArrayList<>();
            JsonNode array = row.node().get("response_ids");
            if (array != null && array.isArray()) {
                array.forEach(id -> ids.add(id.asText()));
            }
            items.add(new AlertItem(row.text("alert_id"), type, title(type, lang), row.text("severity"),
                    row.text("status"), row.text("region_code"), code, known.name(), row.text("scope_id"),
                    iso(row.longValue("started")), iso(row.longValue("opened")), iso(row.longValue("updated")),
                    closed == 0 ? null : iso(closed), row.longValue("observed"), row.longValue("flagged"),
                    number(row, "baseline"), number(row, "alarm_level"), number(row, "statistic"),
                    number(row, "threshold"), ids, null, false));
        }
        items = withReviews(items, scope);
        return new AlertFeed(status.name().toLowerCase(java.util.Locale.ROOT), items,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private List<AlertItem> withReviews(List<AlertItem> items, AccessScope scope) {
        if (reviews == null) {
            return items;
        }
        List<String> flagged = items.stream().filter(a -> reviewedType(a.type())).map(AlertItem::alertId).toList();
        Map<String, FlagReview> latest;
        try {
            latest = reviews.latest(flagged);
        } catch (OperationalStoreException e) {
            // the figures still show; nobody is offered a review the store could not record
            LOG.warn("event=alert_reviews_unavailable error={}", e.getMessage());
            return items;
        }
        boolean reviewer = scope.role() != Role.OFFICE;
        List<AlertItem> out = new ArrayList<>(items.size());
        for (AlertItem a : items) {
            FlagReview r = latest.get(a.alertId());
            out.add(new AlertItem(a.alertId(), a.type(), a.title(), a.severity(), a.status(), a.regionCode(),
                    a.officeCode(), a.officeName(), a.scopeId(), a.startedAt(), a.openedAt(), a.updatedAt(),
                    a.closedAt(), a.observed(), a.flagged(), a.baseline(), a.alarmLevel(), a.statistic(),
                    a.threshold(), a.responseIds(), r == null ? null : new AlertItem.AlertReview(r.decision(),
                    r.reason(), r.reviewer(), r.reviewerRole(), r.reviewedAt().truncatedTo(ChronoUnit.SECONDS).toString()),
                    reviewer && reviewedType(a.type())));
        }
        return out;
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static double number(ResultRow row, String column) {
        JsonNode value = row.node().get(column);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }
}
