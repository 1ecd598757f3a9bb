package ru.otklik.dashboards.assessment;

import ru.otklik.dashboards.store.RefusedChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import ru.otklik.dashboards.store.Transactions;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.RaterAssignment;
import ru.otklik.common.assessment.RaterLinkToken;
import ru.otklik.common.assessment.RaterRole;
import ru.otklik.common.assessment.SessionAssignments;
import ru.otklik.common.response.EventJson;

/**
 * 360 sessions in the operational store (domain §5): competency models, sessions, their interaction matrices
 * (filled from the structure, edited, approved per target by a named person; changes after approval kept as
 * history), launch (one key per rater, the key their signed link carries), raters added after launch, closing.
 * Every change of a launched session raises its {@code assignments_version}; {@link #outbox()} hands the
 * versions not yet in Kafka to the relay. Every statement is parameterised.
 */
public final class AssessmentSessions {

    public record Session(String sessionId, String name, long modelVersion, boolean anonymous, Instant startsAt,
                          Instant deadline, String status, String createdBy, long assignmentsVersion,
                          boolean targetsSeeReports) {
    }

    /** A matrix line with the names the admin needs (never leaves the dashboards). */
    public record MatrixLine(String targetId, String targetName, String raterId, String raterName, String roleCode,
                             boolean approved) {
    }

    private static final String SESSION = "session_id, name, model_version, anonymous, starts_at, deadline, status,"
            + " created_by, assignments_version, targets_see_reports";

    private final DataSource store;

    public AssessmentSessions(DataSource store) {
        this.store = store;
    }

    public long saveModel(CompetencyModel model, String by) {
        return Transactions.inTransaction(store, "saving a competency model", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_models (name, definition, created_by)"
                    + " VALUES (?, ?::jsonb, ?) RETURNING model_version")) {
                st.setString(1, model.name());
                st.setString(2, EventJson.toJson(model));
                st.setString(3, by);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public Optional<CompetencyModel> model(long version) {
        return Transactions.inTransaction(store, "reading a competency model", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT definition::text FROM assessment_models WHERE model_version = ?")) {
                st.setLong(1, version);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(EventJson.fromBytes(rs.getString(1).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8), CompetencyModel.class)) : Optional.empty();
                }
            }
        });
    }

    /** The rater roles with their thresholds, by code. */
    public java.util.Map<String, RaterRole> roles() {
        return Transactions.inTransaction(store, "reading rater roles", c -> {
            java.util.Map<String, RaterRole> roles = new java.util.LinkedHashMap<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT role_code, name_ru, name_en,"
                    + " anonymity_threshold, comment_threshold FROM assessment_roles ORDER BY built_in DESC, role_code")) {
                while (rs.next()) {
                    roles.put(rs.getString(1), new RaterRole(rs.getString(1), new ru.otklik.common.survey.LocalizedText(
                            rs.getString(2), rs.getString(3)), rs.getInt(4), rs.getInt(5)));
                }
            }
            return roles;
        });
    }

    /**
     * Adds a custom rater role or changes a role's names and thresholds (domain §5: e.g. manager's manager). Self and
     * manager are attributable by nature: their thresholds stay 1. A changed threshold applies to every report read
     * from then on, also of closed sessions (the reports are built when read).
     */
    public RaterRole saveRole(RaterRole role) {
        if (role.known() && (role.anonymityThreshold() != 1 || role.commentThreshold() != 1)) {
            throw new RefusedChange(400, "self and manager are known to the target: their thresholds stay 1");
        }
        return Transactions.inTransaction(store, "saving a rater role", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_roles (role_code, name_ru, name_en,"
                    + " anonymity_threshold, comment_threshold) VALUES (?, ?, ?, ?, ?) ON CONFLICT (role_code) DO UPDATE"
                    + " SET name_ru = EXCLUDED.name_ru, name_en = EXCLUDED.name_en,"
                    + " anonymity_threshold = EXCLUDED.anonymity_threshold, comment_threshold = EXCLUDED.comment_threshold")) {
                st.setString(1, role.code());
                st.setString(2, role.name().ru());
                st.setString(3, role.name().en());
                st.setInt(4, role.anonymityThreshold());
                st.setInt(5, role.commentThreshold());
                st.executeUpdate();
            }
            return role;
        });
    }

    public List<String> roleCodes() {
        return Transactions.inTransaction(store, "reading rater roles", c -> {
            List<String> codes = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT role_code FROM assessment_roles ORDER BY role_code")) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
            return codes;
        });
    }

    public Session create(String sessionId, String name, long modelVersion, boolean anonymous, Instant startsAt,
                          Instant deadline, String by) {
        if (!sessionId.matches("[A-Za-z0-9_-]{1,60}")) {
            throw new RefusedChange(400, "sessionId must be 1-60 of A-Z a-z 0-9 _ -");
        }
        if (name.isBlank() || name.length() > 300) {
            throw new RefusedChange(400, "name must have 1 to 300 characters");
        }
        if (startsAt != null && !startsAt.isBefore(deadline)) {
            throw new RefusedChange(400, "startsAt must be before the deadline");
        }
        return Transactions.inTransaction(store, "creating a session", c -> {
            if (model(c, modelVersion) == 0) {
                throw new RefusedChange(400, "modelVersion " + modelVersion + " does not exist");
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_sessions (session_id, name, model_version,"
                    + " anonymous, starts_at, deadline, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, sessionId);
                st.setString(2, name.strip());
                st.setLong(3, modelVersion);
                st.setBoolean(4, anonymous);
                st.setTimestamp(5, startsAt == null ? null : Timestamp.from(startsAt));
                st.setTimestamp(6, Timestamp.from(deadline));
                st.setString(7, by);
                if (st.executeUpdate() == 0) {
                    throw new RefusedChange(409, "session " + sessionId + " already exists");
                }
            }
            return session(c, sessionId).orElseThrow();
        });
    }

    public Optional<Session> session(String sessionId) {
        return Transactions.inTransaction(store, "reading a session", c -> session(c, sessionId));
    }

    public List<Session> sessions() {
        return Transactions.inTransaction(store, "reading sessions", c -> {
            List<Session> all = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + SESSION
                    + " FROM assessment_sessions ORDER BY created_at DESC")) {
                while (rs.next()) {
                    all.add(read(rs));
                }
            }
            return all;
        });
    }

    /**
     * Fills the matrix of each target from the structure: self, the direct manager, the direct subordinates and
     * the peers of the same department (active employees). Lines already there are kept.
     *
     * @return lines added
     */
    public int fillFromStructure(String sessionId, List<String> targetIds, String by) {
        return Transactions.inTransaction(store, "filling a matrix", c -> {
            Session s = lockedSession(c, sessionId);
            if ("closed".equals(s.status())) {
                throw new RefusedChange(409, "the session is closed");
            }
            int added = 0;
            for (String target : targetIds) {
                if (!activeEmployee(c, target)) {
                    throw new RefusedChange(400, "no active employee " + target);
                }
                added += insertLines(c, sessionId, target, "SELECT employee_id, 'self' FROM org_employees WHERE employee_id = ?", by, s);
                added += insertLines(c, sessionId, target, "SELECT manager_id, 'manager' FROM org_employees"
                        + " WHERE employee_id = ? AND manager_id IS NOT NULL", by, s);
                added += insertLines(c, sessionId, target, "SELECT e.employee_id, 'subordinate' FROM org_employees e"
                        + " WHERE e.manager_id = ? AND e.active", by, s);
                added += insertLines(c, sessionId, target, "SELECT p.employee_id, 'peer' FROM org_employees t"
                        + " JOIN org_employees p ON p.department_id = t.department_id AND p.employee_id <> t.employee_id"
                        + " AND p.active AND p.employee_id IS DISTINCT FROM t.manager_id"
                        + " AND p.manager_id IS DISTINCT FROM t.employee_id WHERE t.employee_id = ?", by, s);
            }
            return added;
        });
    }

    /** Adds a rater of a target, or changes their role; allowed until the session closes (history once approved). */
    public void setRater(String sessionId, String targetId, String raterId, String roleCode, String by) {
        Transactions.inTransaction(store, "changing a matrix", c -> {
            Session s = lockedSession(c, sessionId);
            if ("closed".equals(s.status())) {
                throw new RefusedChange(409, "the session is closed");
            }
            if (!activeEmployee(c, targetId) || !activeEmployee(c, raterId)) {
                throw new RefusedChange(400, "target and rater must be active employees");
            }
            if (RaterRole.SELF.equals(roleCode) != targetId.equals(raterId)) {
                throw new RefusedChange(400, "the role self is for the target rating themselves, and only for that");
            }
            if (!roleCodes(c).contains(roleCode)) {
                throw new RefusedChange(400, "unknown role " + roleCode);
            }
            String before = roleOf(c, sessionId, targetId, raterId);
            if (roleCode.equals(before)) {
                return null;
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_matrix (session_id, target_id, rater_id,"
                    + " role_code) VALUES (?, ?, ?, ?) ON CONFLICT (session_id, target_id, rater_id) DO UPDATE"
                    + " SET role_code = EXCLUDED.role_code")) {
                st.setString(1, sessionId);
                st.setString(2, targetId);
                st.setString(3, raterId);
                st.setString(4, roleCode);
                st.executeUpdate();
            }
            changed(c, s, targetId, raterId, before == null ? "added" : "role_changed", roleCode, by);
            return null;
        });
    }

    /** Removes a rater of a target (history once approved); a rater who already submitted stays counted. */
    public void removeRater(String sessionId, String targetId, String raterId, String by) {
        Transactions.inTransaction(store, "changing a matrix", c -> {
            Session s = lockedSession(c, sessionId);
            if ("closed".equals(s.status())) {
                throw new RefusedChange(409, "the session is closed");
            }
            String before = roleOf(c, sessionId, targetId, raterId);
            if (before == null) {
                throw new RefusedChange(404, "no such matrix line");
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM assessment_matrix WHERE session_id = ?"
                    + " AND target_id = ? AND rater_id = ?")) {
                st.setString(1, sessionId);
                st.setString(2, targetId);
                st.setString(3, raterId);
                st.executeUpdate();
            }
            changed(c, s, targetId, raterId, "removed", before, by);
            return null;
        });
    }

    public void approve(String sessionId, String targetId, String by) {
        Transactions.inTransaction(store, "approving a matrix", c -> {
            lockedSession(c, sessionId);
            if (roleOfAny(c, sessionId, targetId) == 0) {
                throw new RefusedChange(409, "the matrix of " + targetId + " is empty");
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_matrix_approvals (session_id, target_id,"
                    + " approved_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, sessionId);
                st.setString(2, targetId);
                st.setString(3, by);
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Launches a draft session whose every target's matrix is approved: one key per rater, version 1. */
    public Session launch(String sessionId, String by) {
        return Transactions.inTransaction(store, "launching a session", c -> {
            Session s = lockedSession(c, sessionId);
            if (!"draft".equals(s.status())) {
                throw new RefusedChange(409, "the session is " + s.status() + ", not a draft");
            }
            List<String> unapproved = strings(c, "SELECT DISTINCT m.target_id FROM assessment_matrix m"
                    + " LEFT JOIN assessment_matrix_approvals a USING (session_id, target_id)"
                    + " WHERE m.session_id = ? AND a.approved_by IS NULL ORDER BY 1", sessionId);
            if (!unapproved.isEmpty()) {
                throw new RefusedChange(409, "the matrix is not approved for " + unapproved);
            }
            if (strings(c, "SELECT DISTINCT target_id FROM assessment_matrix WHERE session_id = ?", sessionId).isEmpty()) {
                throw new RefusedChange(409, "the session has no targets");
            }
            issueKeys(c, sessionId);
            try (PreparedStatement st = c.prepareStatement("UPDATE assessment_sessions SET status = 'launched',"
                    + " launched_at = now(), assignments_version = assignments_version + 1 WHERE session_id = ?")) {
                st.setString(1, sessionId);
                st.executeUpdate();
            }
            return session(c, sessionId).orElseThrow();
        });
    }

    public Session close(String sessionId, String by) {
        return Transactions.inTransaction(store, "closing a session", c -> {
            Session s = lockedSession(c, sessionId);
            if (!"launched".equals(s.status())) {
                throw new RefusedChange(409, "only a launched session closes; this one is " + s.status());
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE assessment_sessions SET status = 'closed',"
                    + " closed_at = now(), closed_by = ?, assignments_version = assignments_version + 1"
                    + " WHERE session_id = ?")) {
                st.setString(1, by);
                st.setString(2, sessionId);
                st.executeUpdate();
            }
            return session(c, sessionId).orElseThrow();
        });
    }

    /**
     * Closes every launched session whose deadline is at or before {@code now} (closed by {@code deadline}) and
     * raises its assignments version, so the closing is published like a manual one; the closed sessions' ids.
     */
    public List<String> closeDue(Instant now) {
        return Transactions.inTransaction(store, "closing sessions at their deadline", c -> {
            List<String> closed = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("UPDATE assessment_sessions SET status = 'closed',"
                    + " closed_at = ?, closed_by = 'deadline', assignments_version = assignments_version + 1"
                    + " WHERE status = 'launched' AND deadline <= ? RETURNING session_id")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        closed.add(rs.getString(1));
                    }
                }
            }
            return closed;
        });
    }

    /** Grants or withdraws the assessed employees' access to their own reports. */
    public void setTargetsSeeReports(String sessionId, boolean see) {
        Transactions.inTransaction(store, "changing report access", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE assessment_sessions SET targets_see_reports = ?"
                    + " WHERE session_id = ?")) {
                st.setBoolean(1, see);
                st.setString(2, sessionId);
                if (st.executeUpdate() == 0) {
                    throw new RefusedChange(404, "no session " + sessionId);
                }
            }
            return null;
        });
    }

    /** The targets of a session (employee ids), in the matrix's order. */
    public List<String> targets(String sessionId) {
        return matrix(sessionId).stream().map(MatrixLine::targetId).distinct().toList();
    }

    public List<MatrixLine> matrix(String sessionId) {
        return Transactions.inTransaction(store, "reading a matrix", c -> {
            List<MatrixLine> lines = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT m.target_id, t.full_name, m.rater_id, r.full_name,"
                    + " m.role_code, a.approved_by IS NOT NULL FROM assessment_matrix m"
                    + " JOIN org_employees t ON t.employee_id = m.target_id JOIN org_employees r ON r.employee_id = m.rater_id"
                    + " LEFT JOIN assessment_matrix_approvals a ON a.session_id = m.session_id AND a.target_id = m.target_id"
                    + " WHERE m.session_id = ? ORDER BY t.full_name, m.target_id, m.role_code, r.full_name")) {
                st.setString(1, sessionId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new MatrixLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getBoolean(6)));
                    }
                }
            }
            return lines;
        });
    }

    /** The latest closed session before {@code sessionId} (by closing time) in which {@code targetId} was assessed. */
    public Optional<Session> previousFor(String sessionId, String targetId) {
        return Transactions.inTransaction(store, "reading earlier sessions", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + SESSION.replace("session_id,", "s.session_id,")
                    + " FROM assessment_sessions s WHERE s.status = 'closed' AND s.session_id <> ?"
                    + " AND s.closed_at < COALESCE((SELECT closed_at FROM assessment_sessions WHERE session_id = ?), now())"
                    + " AND EXISTS (SELECT 1 FROM assessment_matrix m WHERE m.session_id = s.session_id AND m.target_id = ?)"
                    + " ORDER BY s.closed_at DESC LIMIT 1")) {
                st.setString(1, sessionId);
                st.setString(2, sessionId);
                st.setString(3, targetId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The changes made to approved matrices, oldest first: {@code change role target rater by at}. */
    public List<List<String>> history(String sessionId) {
        return Transactions.inTransaction(store, "reading a matrix history", c -> {
            List<List<String>> rows = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT change, role_code, target_id, rater_id, changed_by,"
                    + " changed_at FROM assessment_matrix_history WHERE session_id = ? ORDER BY change_id")) {
                st.setString(1, sessionId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getTimestamp(6).toInstant().toString()));
                    }
                }
            }
            return rows;
        });
    }

    /** Each rater of a launched session with the key of their personal link: {@code raterId -> raterKey}. */
    public java.util.Map<String, String> raterKeys(String sessionId) {
        return Transactions.inTransaction(store, "reading rater keys", c -> {
            java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT rater_id, rater_key FROM assessment_raters"
                    + " WHERE session_id = ? ORDER BY rater_id")) {
                st.setString(1, sessionId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        keys.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return keys;
        });
    }

    /** A session's state and matrix as published to Kafka (pseudonyms and rater keys only). */
    public record PendingAssignments(SessionAssignments event) {
    }

    /** The outbox of {@code assessment.assignments}: launched or closed sessions whose latest version is not in Kafka. */
    public ru.otklik.dashboards.store.OutboxRelay.Outbox<PendingAssignments> outbox() {
        return new ru.otklik.dashboards.store.OutboxRelay.Outbox<>() {
            @Override
            public List<PendingAssignments> unpublished(int limit) {
                return Transactions.inTransaction(store, "reading unpublished sessions", c -> {
                    List<PendingAssignments> pending = new ArrayList<>();
                    for (String id : strings(c, "SELECT session_id FROM assessment_sessions WHERE status <> 'draft'"
                            + " AND assignments_version > published_version ORDER BY session_id LIMIT " + Math.max(1, limit), null)) {
                        pending.add(new PendingAssignments(event(c, id)));
                    }
                    return pending;
                });
            }

            @Override
            public void markPublished(List<PendingAssignments> sent) {
                Transactions.inTransaction(store, "marking sessions published", c -> {
                    try (PreparedStatement st = c.prepareStatement("UPDATE assessment_sessions SET published_version ="
                            + " GREATEST(published_version, ?) WHERE session_id = ?")) {
                        for (PendingAssignments p : sent) {
                            st.setLong(1, p.event().version());
                            st.setString(2, p.event().sessionId());
                            st.addBatch();
                        }
                        st.executeBatch();
                    }
                    return null;
                });
            }

            @Override
            public String key(PendingAssignments entry) {
                return entry.event().sessionId();
            }

            @Override
            public byte[] value(PendingAssignments entry) {
                return EventJson.toBytes(entry.event());
            }
        };
    }

    private SessionAssignments event(Connection c, String sessionId) throws SQLException {
        Session s = session(c, sessionId).orElseThrow();
        List<RaterAssignment> lines = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT r.rater_key, t.pseudonym, m.role_code FROM assessment_matrix m"
                + " JOIN assessment_raters r ON r.session_id = m.session_id AND r.rater_id = m.rater_id"
                + " JOIN org_employees t ON t.employee_id = m.target_id WHERE m.session_id = ?"
                + " ORDER BY t.pseudonym, r.rater_key")) {
            st.setString(1, sessionId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    lines.add(new RaterAssignment(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return new SessionAssignments(sessionId, s.assignmentsVersion(), s.status(), s.modelVersion(), s.anonymous(),
                s.deadline(), Instant.now(), lines);
    }

    private int insertLines(Connection c, String sessionId, String target, String select, String by, Session s)
            throws SQLException {
        List<String[]> lines = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(select)) {
            st.setString(1, target);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    lines.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
        }
        int added = 0;
        for (String[] l : lines) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_matrix (session_id, target_id, rater_id,"
                    + " role_code) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, sessionId);
                st.setString(2, target);
                st.setString(3, l[0]);
                st.setString(4, l[1]);
                if (st.executeUpdate() == 1) {
                    added++;
                    changed(c, s, target, l[0], "added", l[1], by);
                }
            }
        }
        return added;
    }

    /** A change of a matrix line: history once the target's matrix is approved; a new version once launched. */
    private void changed(Connection c, Session s, String targetId, String raterId, String change, String role, String by)
            throws SQLException {
        boolean approved;
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM assessment_matrix_approvals WHERE session_id = ?"
                + " AND target_id = ?")) {
            st.setString(1, s.sessionId());
            st.setString(2, targetId);
            try (ResultSet rs = st.executeQuery()) {
                approved = rs.next();
            }
        }
        if (approved) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_matrix_history (session_id, target_id,"
                    + " rater_id, change, role_code, changed_by) VALUES (?, ?, ?, ?, ?, ?)")) {
                st.setString(1, s.sessionId());
                st.setString(2, targetId);
                st.setString(3, raterId);
                st.setString(4, change);
                st.setString(5, role);
                st.setString(6, by);
                st.executeUpdate();
            }
        } else if (!"draft".equals(s.status())) {
            // a target added to a running session: approved by whoever added it, since it is live at once
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_matrix_approvals (session_id, target_id,"
                    + " approved_by) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setString(1, s.sessionId());
                st.setString(2, targetId);
                st.setString(3, by);
                st.executeUpdate();
            }
        }
        if (!"draft".equals(s.status())) {
            issueKeys(c, s.sessionId());
            try (PreparedStatement st = c.prepareStatement("UPDATE assessment_sessions SET assignments_version ="
                    + " assignments_version + 1 WHERE session_id = ?")) {
                st.setString(1, s.sessionId());
                st.executeUpdate();
            }
        }
    }

    private static void issueKeys(Connection c, String sessionId) throws SQLException {
        for (String rater : strings(c, "SELECT DISTINCT m.rater_id FROM assessment_matrix m LEFT JOIN assessment_raters r"
                + " ON r.session_id = m.session_id AND r.rater_id = m.rater_id WHERE m.session_id = ? AND r.rater_key IS NULL",
                sessionId)) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_raters (session_id, rater_id, rater_key)"
                    + " VALUES (?, ?, ?)")) {
                st.setString(1, sessionId);
                st.setString(2, rater);
                st.setString(3, RaterLinkToken.newRaterKey());
                st.executeUpdate();
            }
        }
    }

    private Session lockedSession(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + SESSION + " FROM assessment_sessions WHERE session_id = ?"
                + " FOR UPDATE")) {
            st.setString(1, sessionId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new RefusedChange(404, "no session " + sessionId);
                }
                return read(rs);
            }
        }
    }

    private static Optional<Session> session(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + SESSION + " FROM assessment_sessions WHERE session_id = ?")) {
            st.setString(1, sessionId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Session read(ResultSet rs) throws SQLException {
        Timestamp starts = rs.getTimestamp(5);
        return new Session(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
                starts == null ? null : starts.toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7),
                rs.getString(8), rs.getLong(9), rs.getBoolean(10));
    }

    private static long model(Connection c, long version) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM assessment_models WHERE model_version = ?")) {
            st.setLong(1, version);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean activeEmployee(Connection c, String id) throws SQLException {
        return !strings(c, "SELECT employee_id FROM org_employees WHERE employee_id = ? AND active", id).isEmpty();
    }

    private static Set<String> roleCodes(Connection c) throws SQLException {
        return new LinkedHashSet<>(strings(c, "SELECT role_code FROM assessment_roles", null));
    }

    private static String roleOf(Connection c, String sessionId, String targetId, String raterId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT role_code FROM assessment_matrix WHERE session_id = ?"
                + " AND target_id = ? AND rater_id = ?")) {
            st.setString(1, sessionId);
            st.setString(2, targetId);
            st.setString(3, raterId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int roleOfAny(Connection c, String sessionId, String targetId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM assessment_matrix WHERE session_id = ?"
                + " AND target_id = ?")) {
            st.setString(1, sessionId);
            st.setString(2, targetId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<String> strings(Connection c, String sql, String parameter) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (parameter != null) {
                st.setString(1, parameter);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
