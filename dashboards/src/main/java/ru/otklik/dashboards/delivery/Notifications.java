package ru.otklik.dashboards.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.operational.OperationalStoreException;

/**
 * The messages due to people, in the operational store ({@code alert_notifications}): what the alert
 * topic asks for is put in line once per idempotency key, the dispatcher claims what is due, and each
 * attempt's outcome is written back. Every statement is parameterised.
 */
public final class Notifications {

    /** A message in line. */
    public record Due(long id, String idempotencyKey, String alertId, String transition, AlertRoute.Channel channel,
                      String target, AlertEvent event, int attempts) {
    }

    private final DataSource store;

    public Notifications(DataSource store) {
        this.store = store;
    }

    /** The key a receiver sees with every attempt of the same message. */
    static String idempotencyKey(AlertEvent e, String transition, AlertRoute route) {
        return e.alertId() + "|" + transition + "|" + route.channel().code() + "|" + route.target();
    }

    /**
     * Puts in line the message of {@code e}'s change for {@code route}; nothing if that message is already
     * in line or sent (a redelivered change, a fraud flag's rewrite while it gathers responses), and as
     * suppressed if it is an escalation within {@code quiet} of the incident's last message to the target.
     * @return whether a message was put in line to be sent
     */
    public boolean enqueue(AlertEvent e, String transition, AlertRoute route, Duration quiet) {
        String sql = "INSERT INTO alert_notifications (idempotency_key, alert_id, transition, channel, target, payload, state)"
                + " SELECT ?, ?, ?, ?, ?, ?, CASE WHEN ? = 'escalated' AND EXISTS (SELECT 1 FROM alert_notifications"
                + "   WHERE alert_id = ? AND channel = ? AND target = ? AND state IN ('pending', 'sent')"
                + "   AND created_at > now() - make_interval(secs => ?)) THEN 'suppressed' ELSE 'pending' END"
                + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING state";
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, idempotencyKey(e, transition, route));
            st.setString(2, e.alertId());
            st.setString(3, transition);
            st.setString(4, route.channel().code());
            st.setString(5, route.target());
            st.setString(6, EventJson.toJson(e));
            st.setString(7, transition);
            st.setString(8, e.alertId());
            st.setString(9, route.channel().code());
            st.setString(10, route.target());
            st.setDouble(11, quiet.toSeconds());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && "pending".equals(rs.getString(1));
            }
        } catch (SQLException ex) {
            throw new OperationalStoreException("queueing an alert message failed", ex);
        }
    }

    /**
     * Claims up to {@code limit} messages due now: each is moved {@code lease} into the future first, so
     * a second dispatcher (another dashboards instance) does not send it at the same time.
     */
    public List<Due> claimDue(int limit, Duration lease) {
        String sql = "UPDATE alert_notifications SET next_attempt_at = now() + make_interval(secs => ?)"
                + " WHERE notification_id IN (SELECT notification_id FROM alert_notifications WHERE state = 'pending'"
                + "   AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " RETURNING notification_id, idempotency_key, alert_id, transition, channel, target, payload, attempts";
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setDouble(1, lease.toSeconds());
            st.setInt(2, limit);
            List<Due> due = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            AlertRoute.Channel.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)), rs.getString(6),
                            EventJson.fromBytes(rs.getString(7).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    AlertEvent.class), rs.getInt(8)));
                }
            }
            due.sort(java.util.Comparator.comparingLong(Due::id));
            return due;
        } catch (SQLException ex) {
            throw new OperationalStoreException("claiming alert messages failed", ex);
        }
    }

    public void sent(long id) {
        update("UPDATE alert_notifications SET state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL"
                + " WHERE notification_id = ?", id, null, null);
    }

    /** One more failed attempt: tried again at {@code next}, or given up ({@code next} null). */
    public void failed(long id, String error, Instant next) {
        if (next == null) {
            update("UPDATE alert_notifications SET state = 'failed', attempts = attempts + 1, last_error = ?"
                    + " WHERE notification_id = ?", id, error, null);
        } else {
            update("UPDATE alert_notifications SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                    + " WHERE notification_id = ?", id, error, next);
        }
    }

    private void update(String sql, long id, String error, Instant next) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            if (error != null) {
                st.setString(i++, error.length() > 500 ? error.substring(0, 500) : error);
            }
            if (next != null) {
                st.setTimestamp(i++, Timestamp.from(next));
            }
            st.setLong(i, id);
            st.executeUpdate();
        } catch (SQLException ex) {
            throw new OperationalStoreException("recording an alert message's attempt failed", ex);
        }
    }
}
