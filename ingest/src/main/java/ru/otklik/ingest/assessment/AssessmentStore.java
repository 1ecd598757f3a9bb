package ru.otklik.ingest.assessment;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.operational.OperationalStoreException;
import ru.otklik.common.response.EventJson;

/**
 * The 360 tables of the operational store (V7) as ingest uses them: it reads sessions, the matrix, raters and
 * models (the dashboards write them) and writes only drafts and submissions. Every query of a rater's data is
 * bound to the rater's own key, so one rater's page can never show another's assignments.
 */
public final class AssessmentStore {

    /** A rater key's session and who the rater is. */
    public record Rater(String raterKey, String raterId, String sessionId, String sessionName, String status,
                        Instant startsAt, Instant deadline, long modelVersion) {
    }

    /** One line of the rater's own matrix. */
    /** @param roleName the rater role's name as the session's administrators set it (custom roles included) */
    public record Assignment(String targetId, String targetPseudonym, String targetName, String roleCode,
                             ru.otklik.common.survey.LocalizedText roleName, State state) {
    }

    public enum State { NOT_STARTED, DRAFT, DONE }

    private final DataSource store;

    public AssessmentStore(DataSource store) {
        this.store = store;
    }

    public Optional<Rater> rater(String raterKey) {
        String sql = "SELECT r.rater_id, s.session_id, s.name, s.status, s.starts_at, s.deadline, s.model_version"
                + " FROM assessment_raters r JOIN assessment_sessions s ON s.session_id = r.session_id"
                + " WHERE r.rater_key = ?";
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, raterKey);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Rater(raterKey, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getLong(7)));
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("reading a rater failed", e);
        }
    }

    /** The rater's own assignments, with their state, ordered by the target's name. */
    public List<Assignment> assignments(Rater rater) {
        String sql = "SELECT m.target_id, e.pseudonym, e.full_name, m.role_code,"
                + " EXISTS (SELECT 1 FROM assessment_submissions s WHERE s.rater_key = ? AND s.target_id = m.target_id),"
                + " EXISTS (SELECT 1 FROM assessment_drafts d WHERE d.rater_key = ? AND d.target_id = m.target_id),"
                + " COALESCE(r.name_ru, m.role_code), COALESCE(r.name_en, r.name_ru, m.role_code)"
                + " FROM assessment_matrix m JOIN org_employees e ON e.employee_id = m.target_id"
                + " LEFT JOIN assessment_roles r ON r.role_code = m.role_code"
                + " WHERE m.session_id = ? AND m.rater_id = ? ORDER BY (m.role_code = 'self') DESC, e.full_name, e.pseudonym";
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, rater.raterKey());
            st.setString(2, rater.raterKey());
            st.setString(3, rater.sessionId());
            st.setString(4, rater.raterId());
            List<Assignment> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    State state = rs.getBoolean(5) ? State.DONE : rs.getBoolean(6) ? State.DRAFT : State.NOT_STARTED;
                    out.add(new Assignment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            new ru.otklik.common.survey.LocalizedText(rs.getString(7), rs.getString(8)), state));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new OperationalStoreException("reading a rater's assignments failed", e);
        }
    }

    /** One of the rater's own assignments, by the target's pseudonym. */
    public Optional<Assignment> assignment(Rater rater, String targetPseudonym) {
        return assignments(rater).stream().filter(a -> a.targetPseudonym().equals(targetPseudonym)).findFirst();
    }

    public CompetencyModel model(long modelVersion) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT definition::text FROM assessment_models WHERE model_version = ?")) {
            st.setLong(1, modelVersion);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new OperationalStoreException("model version " + modelVersion + " missing",
                            new SQLException("no row"));
                }
                return EventJson.mapper().readValue(rs.getString(1), CompetencyModel.class);
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("reading a competency model failed", e);
        } catch (java.io.IOException e) {
            throw new OperationalStoreException("competency model " + modelVersion + " does not read",
                    new SQLException(e));
        }
    }

    /** The saved draft's field values ({@link RaterForm#values()}), if any. */
    public Optional<Map<String, String>> draft(String raterKey, String targetId) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT answers::text FROM assessment_drafts WHERE rater_key = ? AND target_id = ?")) {
            st.setString(1, raterKey);
            st.setString(2, targetId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(EventJson.mapper().readValue(rs.getString(1), new TypeReference<Map<String, String>>() {
                }));
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("reading a draft failed", e);
        } catch (java.io.IOException e) {
            throw new OperationalStoreException("a draft does not read", new SQLException(e));
        }
    }

    /** Saves (or replaces) the draft, unless the target is submitted already: then false and nothing changes. */
    public boolean saveDraft(String raterKey, String targetId, Map<String, String> values, Instant savedAt) {
        String sql = "INSERT INTO assessment_drafts (rater_key, target_id, answers, saved_at)"
                + " SELECT ?, ?, ?::jsonb, ? WHERE NOT EXISTS (SELECT 1 FROM assessment_submissions"
                + " WHERE rater_key = ? AND target_id = ?)"
                + " ON CONFLICT (rater_key, target_id) DO UPDATE SET answers = EXCLUDED.answers, saved_at = EXCLUDED.saved_at";
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, raterKey);
            st.setString(2, targetId);
            st.setString(3, EventJson.toJson(values));
            st.setTimestamp(4, Timestamp.from(savedAt));
            st.setString(5, raterKey);
            st.setString(6, targetId);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new OperationalStoreException("saving a draft failed", e);
        }
    }

    public boolean submitted(String raterKey, String targetId) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM assessment_submissions WHERE rater_key = ? AND target_id = ?")) {
            st.setString(1, raterKey);
            st.setString(2, targetId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("reading a submission failed", e);
        }
    }

    /**
     * Records a submission Kafka has acknowledged and deletes the draft, in one transaction. The first one wins:
     * false (and nothing changed) when the target was submitted already.
     */
    public boolean recordSubmission(String targetId, RaterSubmission submission) {
        try (Connection c = store.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean inserted;
                try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_submissions"
                        + " (rater_key, target_id, submission_id, submission, submitted_at) VALUES (?, ?, ?, ?::jsonb, ?)"
                        + " ON CONFLICT DO NOTHING")) {
                    st.setString(1, submission.raterKey());
                    st.setString(2, targetId);
                    st.setString(3, submission.submissionId());
                    st.setString(4, EventJson.toJson(submission));
                    st.setTimestamp(5, Timestamp.from(submission.submittedAt()));
                    inserted = st.executeUpdate() == 1;
                }
                try (PreparedStatement st = c.prepareStatement(
                        "DELETE FROM assessment_drafts WHERE rater_key = ? AND target_id = ?")) {
                    st.setString(1, submission.raterKey());
                    st.setString(2, targetId);
                    st.executeUpdate();
                }
                c.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("recording a submission failed", e);
        }
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
