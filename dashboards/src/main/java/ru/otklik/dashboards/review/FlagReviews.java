package ru.otklik.dashboards.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import ru.otklik.common.operational.OperationalStoreException;

/**
 * The flag reviews of the operational store ({@code flag_reviews}): recorded, read newest per alert, and
 * handed to the {@link ReviewPublisher} until Kafka has them. Every statement is parameterised.
 */
public final class FlagReviews {

    private static final String COLUMNS = "review_id, alert_id, alert_type, office_code, region_code, scope_id, decision, reason,"
            + " reviewer, reviewer_role, reviewed_at";

    private final DataSource store;

    public FlagReviews(DataSource store) {
        this.store = store;
    }

    /** Records a decision (committed when this returns) and gives it back with its id and time. */
    public FlagReview record(String alertId, String alertType, String officeCode, String regionCode, String scopeId,
                             String decision, String reason, String reviewer, String reviewerRole) {
        String sql = "INSERT INTO flag_reviews (alert_id, alert_type, office_code, region_code, scope_id, decision,"
                + " reason, reviewer, reviewer_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS;
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, alertId);
            st.setString(2, alertType);
            st.setString(3, officeCode);
            st.setString(4, regionCode);
            st.setString(5, scopeId);
            st.setString(6, decision);
            st.setString(7, reason);
            st.setString(8, reviewer);
            st.setString(9, reviewerRole);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return read(rs);
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("recording a flag review failed", e);
        }
    }

    /** The newest review of each of {@code alertIds} that has one. */
    public Map<String, FlagReview> latest(Collection<String> alertIds) {
        Map<String, FlagReview> byAlert = new HashMap<>();
        if (alertIds.isEmpty()) {
            return byAlert;
        }
        select("SELECT DISTINCT ON (alert_id) " + COLUMNS + " FROM flag_reviews WHERE alert_id = ANY (?)"
                + " ORDER BY alert_id, review_id DESC", "reading flag reviews failed",
                (c, st) -> st.setArray(1, c.createArrayOf("text", alertIds.toArray())))
                .forEach(r -> byAlert.put(r.alertId(), r));
        return byAlert;
    }

    /** Every decision on one alert, oldest first. */
    public List<FlagReview> history(String alertId) {
        return select("SELECT " + COLUMNS + " FROM flag_reviews WHERE alert_id = ? ORDER BY review_id",
                "reading flag reviews failed", (c, st) -> st.setString(1, alertId));
    }

    /** Reviews not yet acknowledged by Kafka, oldest first. */
    List<FlagReview> unpublished(int limit) {
        return select("SELECT " + COLUMNS + " FROM flag_reviews WHERE published_at IS NULL ORDER BY review_id LIMIT ?",
                "reading unpublished flag reviews failed", (c, st) -> st.setInt(1, limit));
    }

    /** How a query's parameters are set (the connection is there for arrays). */
    @FunctionalInterface
    private interface Parameters {
        void set(Connection c, PreparedStatement st) throws SQLException;
    }

    /** The reviews {@code sql} selects, in its order; {@code failure} names what failed. */
    private List<FlagReview> select(String sql, String failure, Parameters parameters) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            parameters.set(c, st);
            List<FlagReview> reviews = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reviews.add(read(rs));
                }
            }
            return reviews;
        } catch (SQLException e) {
            throw new OperationalStoreException(failure, e);
        }
    }

    void markPublished(Collection<Long> reviewIds) {
        if (reviewIds.isEmpty()) {
            return;
        }
        String sql = "UPDATE flag_reviews SET published_at = now() WHERE review_id = ANY (?) AND published_at IS NULL";
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setArray(1, c.createArrayOf("bigint", reviewIds.toArray()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new OperationalStoreException("marking flag reviews published failed", e);
        }
    }

    private static FlagReview read(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("reviewed_at");
        return new FlagReview(rs.getLong("review_id"), rs.getString("alert_id"), rs.getString("alert_type"),
                rs.getString("office_code"), rs.getString("region_code"), rs.getString("scope_id"), rs.getString("decision"),
                rs.getString("reason"), rs.getString("reviewer"), rs.getString("reviewer_role"), at.toInstant());
    }
}
