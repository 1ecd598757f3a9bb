package ru.otklik.dashboards.cases;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.feedback.NegativeFeedback;
import ru.otklik.common.operational.OperationalStoreException;

/**
 * The case queue of the operational store ({@code cases}, {@code case_causes}): opened from events, worked on by
 * people, counted for the cause statistics. Every statement is parameterised; the place a query covers is a
 * {@link Place} the caller has checked against the viewer's scope.
 */
public final class Cases {

    private static final String COLUMNS = "case_id, kind, region_code, office_code, touchpoint_id, channel, survey_id,"
            + " response_id, alert_id, alert_type, low_items, occurred_at, opened_at, due_at, status, cause_code, action,"
            + " action_by, action_at, follow_up, follow_up_by, closed_at";

    /** What a query covers: every office, one region, or one office. */
    public record Place(String regionCode, String officeCode) {
        public static final Place ALL = new Place(null, null);

        public static Place region(String code) {
            return new Place(code, null);
        }

        public static Place office(String code) {
            return new Place(null, code);
        }

        String condition() {
            return officeCode != null ? " office_code = ?" : regionCode != null ? " region_code = ?" : " TRUE";
        }

        int bind(PreparedStatement st, int index) throws SQLException {
            if (officeCode != null) {
                st.setString(index++, officeCode);
            } else if (regionCode != null) {
                st.setString(index++, regionCode);
            }
            return index;
        }
    }

    /** Which cases a list shows. */
    public enum Filter {
        ACTIVE(" status <> 'closed'"), OVERDUE(" status <> 'closed' AND due_at < now()"), CLOSED(" status = 'closed'"),
        ALL(" TRUE");

        private final String condition;

        Filter(String condition) {
            this.condition = condition;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Filter> parse(String code) {
            return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst();
        }
    }

    private final DataSource store;
    private final Duration due;

    public Cases(DataSource store, Duration due) {
        this.store = store;
        this.due = due;
    }

    /** Writes the catalogue of the settings: new causes added, changed ones updated, missing ones made inactive. */
    public void syncCatalogue(List<CaseCause> causes) {
        try (Connection c = store.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement off = c.prepareStatement("UPDATE case_causes SET active = false");
                 PreparedStatement upsert = c.prepareStatement("INSERT INTO case_causes (code, title_ru, title_en, weight,"
                         + " position, active) VALUES (?, ?, ?, ?, ?, true) ON CONFLICT (code) DO UPDATE SET"
                         + " title_ru = EXCLUDED.title_ru, title_en = EXCLUDED.title_en, weight = EXCLUDED.weight,"
                         + " position = EXCLUDED.position, active = true")) {
                off.executeUpdate();
                int position = 0;
                for (CaseCause cause : causes) {
                    upsert.setString(1, cause.code());
                    upsert.setString(2, cause.titleRu());
                    upsert.setString(3, cause.titleEn());
                    upsert.setBigDecimal(4, cause.weight());
                    upsert.setInt(5, position++);
                    upsert.addBatch();
                }
                upsert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("writing the case causes failed", e);
        }
    }

    /** Every cause, the active ones first in their order; inactive ones are still named by old cases. */
    public List<Cause> causes() {
        List<Cause> causes = new ArrayList<>();
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT code, title_ru, title_en, weight, active FROM case_causes ORDER BY active DESC, position, code");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                causes.add(new Cause(new CaseCause(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4)),
                        rs.getBoolean(5)));
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("reading the case causes failed", e);
        }
        return causes;
    }

    /** A cause of the catalogue and whether it can still be picked. */
    public record Cause(CaseCause cause, boolean active) {
    }

    /** Opens the case of a low-scored comment unless it is open already; true if this call opened it. */
    public boolean open(NegativeFeedback f) {
        return insert("feedback:" + f.responseId(), CaseRecord.FEEDBACK, f.regionCode(), f.officeCode(), f.touchpointId(),
                f.channel(), f.surveyId(), f.responseId(), null, null, f.lowItems(), f.clientTs());
    }

    /** Opens the case of a drop alert unless it is open already; true if this call opened it. */
    public boolean open(AlertEvent a) {
        return insert("alert:" + a.alertId(), CaseRecord.DROP_ALERT, a.regionCode(), a.officeCode(), null, null, null,
                null, a.alertId(), a.alertType(), List.of(), a.openedAt());
    }

    private boolean insert(String sourceKey, String kind, String region, String office, String touchpoint, String channel,
                           String survey, String responseId, String alertId, String alertType, List<String> lowItems,
                           Instant occurred) {
        String sql = "INSERT INTO cases (source_key, kind, region_code, office_code, touchpoint_id, channel, survey_id,"
                + " response_id, alert_id, alert_type, low_items, occurred_at, due_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + ?::interval) ON CONFLICT (source_key) DO NOTHING";
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, sourceKey);
            st.setString(2, kind);
            st.setString(3, region);
            st.setString(4, office);
            st.setString(5, touchpoint);
            st.setString(6, channel);
            st.setString(7, survey);
            st.setString(8, responseId);
            st.setString(9, alertId);
            st.setString(10, alertType);
            st.setArray(11, c.createArrayOf("text", lowItems.toArray()));
            st.setTimestamp(12, Timestamp.from(occurred));
            st.setString(13, due.toSeconds() + " seconds");
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new OperationalStoreException("opening a case failed", e);
        }
    }

    /** The cases of {@code place} that pass {@code filter}, newest first, one page. */
    public List<CaseRecord> list(Place place, Filter filter, int limit, int offset) {
        String sql = "SELECT " + COLUMNS + " FROM cases WHERE" + place.condition() + " AND" + filter.condition
                + " ORDER BY opened_at DESC, case_id DESC LIMIT ? OFFSET ?";
        return select(sql, "reading cases failed", st -> {
            int i = place.bind(st, 1);
            st.setInt(i++, limit);
            st.setInt(i, offset);
        });
    }

    /** How many cases of {@code place} pass {@code filter}. */
    public int count(Place place, Filter filter) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT count(*) FROM cases WHERE" + place.condition() + " AND" + filter.condition)) {
            place.bind(st, 1);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("counting cases failed", e);
        }
    }

    public Optional<CaseRecord> find(long caseId) {
        return select("SELECT " + COLUMNS + " FROM cases WHERE case_id = ?", "reading a case failed",
                st -> st.setLong(1, caseId)).stream().findFirst();
    }

    /**
     * Records the cause and the corrective action (again, to revise them, until the case is closed).
     * Empty when the case is closed already (the caller answers 409); the cause must be an active one.
     */
    public Optional<CaseRecord> recordAction(long caseId, String causeCode, String action, String by) {
        return select("UPDATE cases SET status = 'in_progress', cause_code = ?, action = ?, action_by = ?, action_at = now()"
                + " WHERE case_id = ? AND status <> 'closed'"
                + " AND EXISTS (SELECT 1 FROM case_causes WHERE code = ? AND active) RETURNING " + COLUMNS,
                "recording a corrective action failed", st -> {
                    st.setString(1, causeCode);
                    st.setString(2, action);
                    st.setString(3, by);
                    st.setLong(4, caseId);
                    st.setString(5, causeCode);
                }).stream().findFirst();
    }

    /** Records the follow-up and closes the case; empty unless it was in progress (an action recorded, not closed). */
    public Optional<CaseRecord> recordFollowUp(long caseId, String followUp, String by) {
        return select("UPDATE cases SET status = 'closed', follow_up = ?, follow_up_by = ?, closed_at = now()"
                + " WHERE case_id = ? AND status = 'in_progress' RETURNING " + COLUMNS,
                "recording a follow-up failed", st -> {
                    st.setString(1, followUp);
                    st.setString(2, by);
                    st.setLong(3, caseId);
                }).stream().findFirst();
    }

    /** The cause statistics of the cases of {@code place} opened since {@code since}. */
    public CauseStatistics statistics(Place place, Instant since) {
        String sql = "SELECT cause_code, count(*) FILTER (WHERE cause_code IS NOT NULL) AS with_cause,"
                + " count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'in_progress') AS progress,"
                + " count(*) FILTER (WHERE status = 'closed') AS closed,"
                + " count(*) FILTER (WHERE status <> 'closed' AND due_at < now()) AS overdue"
                + " FROM cases WHERE" + place.condition() + " AND opened_at >= ? GROUP BY cause_code";
        Map<String, Integer> counts = new HashMap<>();
        int open = 0;
        int progress = 0;
        int closed = 0;
        int overdue = 0;
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = place.bind(st, 1);
            st.setTimestamp(i, Timestamp.from(since));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                    open += rs.getInt(3);
                    progress += rs.getInt(4);
                    closed += rs.getInt(5);
                    overdue += rs.getInt(6);
                }
            }
            Double median = null;
            try (PreparedStatement m = c.prepareStatement("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY"
                    + " extract(epoch FROM closed_at - opened_at)) FROM cases WHERE" + place.condition()
                    + " AND opened_at >= ? AND status = 'closed'")) {
                int j = place.bind(m, 1);
                m.setTimestamp(j, Timestamp.from(since));
                try (ResultSet rs = m.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        median = rs.getDouble(1) / 86_400;
                    }
                }
            }
            List<CaseCause> catalogue = causes().stream().map(Cause::cause).toList();
            return new CauseStatistics(CauseStatistics.rows(catalogue, counts), open, progress, closed, overdue, median);
        } catch (SQLException e) {
            throw new OperationalStoreException("reading the cause statistics failed", e);
        }
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement st) throws SQLException;
    }

    private List<CaseRecord> select(String sql, String failure, Parameters parameters) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            parameters.set(st);
            List<CaseRecord> cases = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    cases.add(read(rs));
                }
            }
            return cases;
        } catch (SQLException e) {
            throw new OperationalStoreException(failure, e);
        }
    }

    private static CaseRecord read(ResultSet rs) throws SQLException {
        Array low = rs.getArray("low_items");
        List<String> lowItems = low == null ? List.of() : Arrays.asList((String[]) low.getArray());
        return new CaseRecord(rs.getLong("case_id"), rs.getString("kind"), rs.getString("region_code"),
                rs.getString("office_code"), rs.getString("touchpoint_id"), rs.getString("channel"), rs.getString("survey_id"),
                rs.getString("response_id"), rs.getString("alert_id"), rs.getString("alert_type"), lowItems,
                instant(rs, "occurred_at"), instant(rs, "opened_at"), instant(rs, "due_at"), rs.getString("status"),
                rs.getString("cause_code"), rs.getString("action"), rs.getString("action_by"), instant(rs, "action_at"),
                rs.getString("follow_up"), rs.getString("follow_up_by"), instant(rs, "closed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
