package ru.otklik.dashboards.assessment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import ru.otklik.dashboards.delivery.Delivered;
import ru.otklik.dashboards.store.Transactions;

/**
 * Reminders to the raters of running 360 sessions who have targets left to rate (issue 12 §3), by e-mail with their
 * personal link. A round is queued in {@code assessment_reminders} once per rater — before the deadline by each
 * configured lead time, or when an administrator asks — and then delivered with retries; the table's key makes a
 * round one message per rater whatever restarts or how many servers run. Raters without an address in the structure
 * are not queued (the session page shows their links to hand out).
 */
public final class RaterReminders {

    /** What sends one message: {@link ru.otklik.dashboards.delivery.MailChannel#send(String, String, String, String)}. */
    @FunctionalInterface
    public interface Mail {
        Delivered send(String to, String idempotencyKey, String subject, String text);
    }

    /** One reminder due to be sent. */
    record Due(String sessionId, String sessionName, Instant deadline, String raterId, String round, String email,
               int pendingTargets, String raterKey, int attempts) {
        String idempotencyKey() {
            return "reminder/" + sessionId + "/" + raterId + "/" + round;
        }
    }

    private static final int BATCH = 50;
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final DateTimeFormatter DEADLINE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm")
            .withZone(ZoneId.of("Europe/Moscow"));

    private final DataSource store;

    public RaterReminders(DataSource store) {
        this.store = store;
    }

    /** The rater-with-pending-targets rows of the launched, started sessions that {@code condition} selects. */
    private static final String PENDING_RATERS = " SELECT s.session_id, r.rater_id, ?, e.email, p.pending"
            + " FROM assessment_sessions s JOIN assessment_raters r ON r.session_id = s.session_id"
            + " JOIN org_employees e ON e.employee_id = r.rater_id"
            + " JOIN LATERAL (SELECT count(*) AS pending FROM assessment_matrix m WHERE m.session_id = s.session_id"
            + "   AND m.rater_id = r.rater_id AND NOT EXISTS (SELECT 1 FROM assessment_submissions sub"
            + "   WHERE sub.rater_key = r.rater_key AND sub.target_id = m.target_id)) p ON p.pending > 0"
            + " WHERE s.status = 'launched' AND (s.starts_at IS NULL OR s.starts_at <= ?) AND s.deadline > ?"
            + " AND e.email IS NOT NULL AND e.active";

    /**
     * Queues the rounds due at {@code now}: for each lead time, every session whose deadline is at most that far away
     * and that was launched before the reminder's moment (a session launched two days before its deadline gets no
     * "three days left" reminder: its raters just got their links). The number of reminders queued.
     */
    public int queueDue(Instant now, List<Duration> leads) {
        return Transactions.inTransaction(store, "queueing 360 reminders", c -> {
            int queued = 0;
            for (Duration lead : leads) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_reminders (session_id, rater_id,"
                        + " round, email, pending_targets)" + PENDING_RATERS
                        + " AND s.deadline - make_interval(secs => ?) <= ? AND s.launched_at < s.deadline - make_interval(secs => ?)"
                        + " ON CONFLICT DO NOTHING")) {
                    st.setString(1, "before-" + lead);
                    st.setTimestamp(2, Timestamp.from(now));
                    st.setTimestamp(3, Timestamp.from(now));
                    st.setLong(4, lead.toSeconds());
                    st.setTimestamp(5, Timestamp.from(now));
                    st.setLong(6, lead.toSeconds());
                    queued += st.executeUpdate();
                }
            }
            return queued;
        });
    }

    /** An administrator's "remind now": one round for every rater of the session with targets left. */
    public int queueNow(String sessionId, Instant now) {
        return Transactions.inTransaction(store, "queueing 360 reminders", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO assessment_reminders (session_id, rater_id,"
                    + " round, email, pending_targets)" + PENDING_RATERS + " AND s.session_id = ? ON CONFLICT DO NOTHING")) {
                st.setString(1, "manual-" + now.getEpochSecond());
                st.setTimestamp(2, Timestamp.from(now));
                st.setTimestamp(3, Timestamp.from(now));
                st.setString(4, sessionId);
                return st.executeUpdate();
            }
        });
    }

    /**
     * Sends the reminders due at {@code now}, at most a batch: each claimed with {@code FOR UPDATE SKIP LOCKED} (two
     * servers never send one twice), sent, and marked sent, refused (the address is refused) or due again later with
     * back-off. A rater who submitted everything meanwhile is not reminded (marked sent with nothing left). The number
     * sent.
     */
    public int deliver(Mail mail, UnaryOperator<String> linkOfKey, Instant now) {
        return Transactions.inTransaction(store, "sending 360 reminders", c -> {
            List<Due> due = claim(c, now);
            int sent = 0;
            for (Due d : due) {
                int left = pendingTargets(c, d);
                Delivered outcome = left == 0 ? Delivered.YES : mail.send(d.email(), d.idempotencyKey(), subject(d),
                        text(d, left, linkOfKey.apply(d.raterKey())));
                sent += left > 0 && outcome == Delivered.YES ? 1 : 0;
                record(c, d, outcome, now);
            }
            return sent;
        });
    }

    /** Counts of a session's reminders by state ({@code pending}, {@code sent}, {@code refused}). */
    public java.util.Map<String, Integer> counts(String sessionId) {
        return Transactions.inTransaction(store, "reading 360 reminders", c -> {
            java.util.Map<String, Integer> counts = new java.util.TreeMap<>(java.util.Map.of("pending", 0, "sent", 0,
                    "refused", 0));
            try (PreparedStatement st = c.prepareStatement("SELECT state, count(*) FROM assessment_reminders"
                    + " WHERE session_id = ? GROUP BY state")) {
                st.setString(1, sessionId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return counts;
        });
    }

    private static List<Due> claim(Connection c, Instant now) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT m.session_id, s.name, s.deadline, m.rater_id, m.round,"
                + " m.email, m.pending_targets, r.rater_key, m.attempts FROM assessment_reminders m"
                + " JOIN assessment_sessions s ON s.session_id = m.session_id"
                + " JOIN assessment_raters r ON r.session_id = m.session_id AND r.rater_id = m.rater_id"
                + " WHERE m.state = 'pending' AND m.next_attempt_at <= ? AND s.status = 'launched'"
                + " ORDER BY m.next_attempt_at LIMIT " + BATCH + " FOR UPDATE OF m SKIP LOCKED")) {
            st.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getInt(9)));
                }
            }
        }
        return due;
    }

    private static int pendingTargets(Connection c, Due d) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM assessment_matrix m WHERE m.session_id = ?"
                + " AND m.rater_id = ? AND NOT EXISTS (SELECT 1 FROM assessment_submissions sub WHERE sub.rater_key = ?"
                + " AND sub.target_id = m.target_id)")) {
            st.setString(1, d.sessionId());
            st.setString(2, d.raterId());
            st.setString(3, d.raterKey());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void record(Connection c, Due d, Delivered outcome, Instant now) throws SQLException {
        String state = outcome == Delivered.YES ? "sent" : outcome == Delivered.REFUSED ? "refused" : "pending";
        Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 30L << Math.min(d.attempts(), 10)));
        try (PreparedStatement st = c.prepareStatement("UPDATE assessment_reminders SET state = ?, attempts = attempts + 1,"
                + " next_attempt_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, last_error = ?"
                + " WHERE session_id = ? AND rater_id = ? AND round = ?")) {
            st.setString(1, state);
            st.setTimestamp(2, Timestamp.from(now.plus(backoff)));
            st.setString(3, state);
            st.setTimestamp(4, Timestamp.from(now));
            st.setString(5, outcome == Delivered.YES ? null : outcome.name().toLowerCase());
            st.setString(6, d.sessionId());
            st.setString(7, d.raterId());
            st.setString(8, d.round());
            st.executeUpdate();
        }
        if (outcome == Delivered.YES) {
            try (PreparedStatement st = c.prepareStatement("UPDATE assessment_raters SET reminded_at = ?"
                    + " WHERE session_id = ? AND rater_id = ?")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setString(2, d.sessionId());
                st.setString(3, d.raterId());
                st.executeUpdate();
            }
        }
    }

    static String subject(Due d) {
        return "Напоминание: оценка 360 «" + d.sessionName() + "» / Reminder: 360 assessment";
    }

    static String text(Due d, int left, String link) {
        String deadline = DEADLINE.format(d.deadline());
        return "Здравствуйте!\n\nОсталось оценить коллег: " + left + ". Оценка «" + d.sessionName()
                + "» закрывается " + deadline + " (МСК).\nВаша персональная ссылка (не пересылайте её): " + link
                + "\nЧерновик сохраняется: можно продолжить с того места, где вы остановились.\n\n"
                + "Hello,\n\nYou have " + left + " colleague(s) left to rate. The assessment \"" + d.sessionName()
                + "\" closes " + deadline + " (Moscow time).\nYour personal link (do not forward it): " + link + "\n";
    }
}
