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
import ru.otklik.dashboards.clickhouse.SqlCode;

/**
 * The alert feed: incidents of {@code otklik.alerts} within the viewer's scope (an office head their
 * office, a regional manager their region's offices, federal all), open ones (open or escalated) or
 * all, newest first. Only offices of the directory are shown; every code in the SQL is a literal of
 * the directory or the viewer's own scope ({@link SqlCode}).
 */
public final class AlertFeedQuery {

    /** At most this many incidents per answer: a feed, not an archive (analysts query the table). */
    public static final int LIMIT = 200;

    private static final Map<String, String[]> TITLES = Map.of(
            "drop_kiosk", new String[] {"Падение удовлетворённости на киоске", "Kiosk satisfaction drop"},
            "drop_forms", new String[] {"Падение доли положительных ответов анкет", "Questionnaire positive share drop"},
            "fraud_burst", new String[] {"Много анкет с одного адреса", "Many forms from one address"},
            "fraud_duplicate", new String[] {"Одинаковые анкеты с одного адреса", "Identical forms from one address"},
            "fraud_fast", new String[] {"Неправдоподобно быстрые анкеты", "Implausibly fast forms"},
            "fraud_kiosk_burst", new String[] {"Всплеск нажатий на киоске", "Burst of kiosk taps"},
            "kiosk_silent", new String[] {"Киоск молчит в часы работы", "Kiosk silent during opening hours"});

    private final ClickHouseReader reader;
    private final OfficeDirectory directory;
    private final Clock clock;

    public AlertFeedQuery(ClickHouseReader reader, OfficeDirectory directory, Clock clock) {
        this.reader = reader;
        this.directory = directory;
        this.clock = clock;
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
            case FEDERAL -> "1";
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
        int language = "en".equals(lang) ? 1 : 0;
        for (ResultRow row : reader.select(sql(scope, region, office, status))) {
            String code = row.text("office_code");
            Office known = directory.office(code).orElse(null);
            if (known == null || !scope.allowsOffice(code)) {
                continue; // a row of an office not in the directory is never shown
            }
            String type = row.text("alert_type");
            String[] title = TITLES.getOrDefault(type, new String[] {type, type});
            long closed = row.longValue("closed");
            List<String> ids = new ArrayList<>();
            JsonNode array = row.node().get("response_ids");
            if (array != null && array.isArray()) {
                array.forEach(id -> ids.add(id.asText()));
            }
            items.add(new AlertItem(row.text("alert_id"), type, title[language], row.text("severity"),
                    row.text("status"), row.text("region_code"), code, known.name(), row.text("scope_id"),
                    iso(row.longValue("started")), iso(row.longValue("opened")), iso(row.longValue("updated")),
                    closed == 0 ? null : iso(closed), row.longValue("observed"), row.longValue("flagged"),
                    number(row, "baseline"), number(row, "alarm_level"), number(row, "statistic"),
                    number(row, "threshold"), ids));
        }
        return new AlertFeed(status.name().toLowerCase(java.util.Locale.ROOT), items,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static double number(ResultRow row, String column) {
        JsonNode value = row.node().get(column);
        return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }
}
