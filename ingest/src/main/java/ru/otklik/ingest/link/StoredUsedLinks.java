package ru.otklik.ingest.link;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import ru.otklik.common.operational.OperationalStoreException;

/**
 * {@link UsedLinks} in the operational store ({@code used_links}): one row per spent link, inserted
 * with {@code ON CONFLICT DO NOTHING}, so spending is atomic whatever number of ingest instances share
 * the store, survives every restart, and the first insert wins. Committed before {@link #markUsed}
 * returns: the questionnaire confirms a single-use answer only once the spending is recorded.
 */
public final class StoredUsedLinks implements UsedLinks {

    private final DataSource store;

    public StoredUsedLinks(DataSource store) {
        this.store = store;
    }

    @Override
    public boolean markUsed(String linkId, String responseId) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO used_links (link_id, response_id) VALUES (?, ?) ON CONFLICT (link_id) DO NOTHING")) {
            st.setString(1, linkId);
            st.setString(2, responseId);
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new OperationalStoreException("recording a used link failed", e);
        }
    }

    @Override
    public Optional<String> usedBy(String linkId) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT response_id FROM used_links WHERE link_id = ?")) {
            st.setString(1, linkId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new OperationalStoreException("reading a used link failed", e);
        }
    }
}
