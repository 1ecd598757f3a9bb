package ru.otklik.dashboards.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import ru.otklik.dashboards.delivery.Delivered;
import ru.otklik.dashboards.store.Transactions;

/**
 * The weekly report's subscribers and what was sent to them, in the operational store ({@code
 * weekly_report_subscriptions}, {@code weekly_report_sends}). A send row per (subscription, week) is queued once the
 * week's report is due; its primary key makes a week one e-mail per subscription whatever restarts or how many servers
 * run, and a row that is sent is never sent again.
 */
public final class ReportSubscriptions {

    /** One subscription: who, where to, which place, in which language. */
    public record Subscription(long id, String username, String email, String scopeLevel, String scopeCode,
                               String language) {
        public String scope() {
            return scopeLevel + ":" + scopeCode;
        }
    }

    /** A week's report claimed for sending. */
    public record Due(Subscription subscription, String week, int attempts) {
        /** The same key, so the same Message-ID, on every attempt of this week's e-mail. */
        public String idempotencyKey() {
            return "weekly-report:" + subscription.id() + ":" + week;
        }
    }

    static final int BATCH = 20;
    private static final Duration MAX_BACKOFF = Duration.ofHours(6);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final DataSource store;

    public ReportSubscriptions(DataSource store) {
        this.store = store;
    }

    /** Subscribes (or changes the address and language of) {@code username} to a place's weekly report. */
    public Subscription subscribe(String username, String email, ReportScope scope, String language) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        if (!"ru".equals(language) && !"en".equals(language)) {
            throw new IllegalArgumentException("language must be ru or en");
        }
        return Transactions.inTransaction(store, "subscribing to the weekly report", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO weekly_report_subscriptions (username, email,"
                    + " scope_level, scope_code, language) VALUES (?, ?, ?, ?, ?) ON CONFLICT (username, scope_level,"
                    + " scope_code) DO UPDATE SET email = EXCLUDED.email, language = EXCLUDED.language"
                    + " RETURNING subscription_id")) {
                st.setString(1, username);
                st.setString(2, email);
                st.setString(3, scope.level());
                st.setString(4, scope.code());
                st.setString(5, language);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new Subscription(rs.getLong(1), username, email, scope.level(), scope.code(), language);
                }
            }
        });
    }

    /** The user's subscriptions. */
    public List<Subscription> of(String username) {
        return Transactions.inTransaction(store, "reading weekly report subscriptions", c -> select(c,
                " WHERE username = ? ORDER BY subscription_id", username));
    }

    /** Every subscription (the schedule's round). */
    public List<Subscription> all() {
        return Transactions.inTransaction(store, "reading weekly report subscriptions", c -> select(c,
                " ORDER BY subscription_id", null));
    }

    /** Ends one of the user's own subscriptions; false if there is none with that id. */
    public boolean unsubscribe(String username, long id) {
        return Transactions.inTransaction(store, "unsubscribing from the weekly report", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM weekly_report_subscriptions"
                    + " WHERE subscription_id = ? AND username = ?")) {
                st.setLong(1, id);
                st.setString(2, username);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Queues the week's send of a subscription; false if it was queued (or sent) before. */
    public boolean queue(long subscriptionId, IsoWeek week, Instant now) {
        return Transactions.inTransaction(store, "queueing a weekly report", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO weekly_report_sends (subscription_id, week,"
                    + " next_attempt_at, queued_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                st.setLong(1, subscriptionId);
                st.setString(2, week.code());
                st.setTimestamp(3, Timestamp.from(now));
                st.setTimestamp(4, Timestamp.from(now));
                return st.executeUpdate() == 1;
            }
        });
    }

    /** What sends one claimed report and says how it went. */
    @FunctionalInterface
    public interface Sender {
        Delivered send(Due due);
    }

    /**
     * Sends the reports due at {@code now}, at most a batch: each row claimed with {@code FOR UPDATE SKIP LOCKED} (two
     * servers never send one twice), sent, and marked sent, refused, or due again later with back-off. The number sent.
     */
    public int deliver(Sender sender, Instant now) {
        return Transactions.inTransaction(store, "sending weekly reports", c -> {
            List<Due> due = claim(c, now);
            int sent = 0;
            for (Due d : due) {
                Delivered outcome = sender.send(d);
                sent += outcome == Delivered.YES ? 1 : 0;
                record(c, d, outcome, now);
            }
            return sent;
        });
    }

    /** The state of a week's send ({@code pending}, {@code sent}, {@code refused}), for tests and support. */
    public java.util.Optional<String> state(long subscriptionId, IsoWeek week) {
        return Transactions.inTransaction(store, "reading a weekly report send", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT state FROM weekly_report_sends"
                    + " WHERE subscription_id = ? AND week = ?")) {
                st.setLong(1, subscriptionId);
                st.setString(2, week.code());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.<String>empty();
                }
            }
        });
    }

    private static List<Subscription> select(Connection c, String where, String username) throws SQLException {
        List<Subscription> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT subscription_id, username, email, scope_level, scope_code,"
                + " language FROM weekly_report_subscriptions" + where)) {
            if (username != null) {
                st.setString(1, username);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Subscription(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    private static List<Due> claim(Connection c, Instant now) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT s.subscription_id, s.username, s.email, s.scope_level,"
                + " s.scope_code, s.language, d.week, d.attempts FROM weekly_report_sends d"
                + " JOIN weekly_report_subscriptions s ON s.subscription_id = d.subscription_id"
                + " WHERE d.state = 'pending' AND d.next_attempt_at <= ?"
                + " ORDER BY d.next_attempt_at LIMIT " + BATCH + " FOR UPDATE OF d SKIP LOCKED")) {
            st.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(new Subscription(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)), rs.getString(7), rs.getInt(8)));
                }
            }
        }
        return due;
    }

    private static void record(Connection c, Due d, Delivered outcome, Instant now) throws SQLException {
        String state = outcome == Delivered.YES ? "sent" : outcome == Delivered.REFUSED ? "refused" : "pending";
        Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 60L << Math.min(d.attempts(), 10)));
        try (PreparedStatement st = c.prepareStatement("UPDATE weekly_report_sends SET state = ?, attempts = attempts + 1,"
                + " next_attempt_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, last_error = ?"
                + " WHERE subscription_id = ? AND week = ?")) {
            st.setString(1, state);
            st.setTimestamp(2, Timestamp.from(now.plus(backoff)));
            st.setString(3, state);
            st.setTimestamp(4, Timestamp.from(now));
            st.setString(5, outcome == Delivered.YES ? null : outcome.name().toLowerCase(java.util.Locale.ROOT));
            st.setLong(6, d.subscription().id());
            st.setString(7, d.week());
            st.executeUpdate();
        }
    }
}
