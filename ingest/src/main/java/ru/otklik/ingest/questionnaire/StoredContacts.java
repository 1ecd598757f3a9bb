package ru.otklik.ingest.questionnaire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import ru.otklik.common.operational.OperationalStoreException;

/**
 * {@link ContactStore} in the operational store ({@code respondent_contacts}): one row per response,
 * committed before {@link #save} returns; a retry of the same response keeps the first row.
 */
public final class StoredContacts implements ContactStore {

    private final DataSource store;

    public StoredContacts(DataSource store) {
        this.store = store;
    }

    @Override
    public void save(Contact contact) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO respondent_contacts (response_id, office_code, email, saved_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (response_id) DO NOTHING")) {
            st.setString(1, contact.responseId());
            st.setString(2, contact.officeCode());
            st.setString(3, contact.email());
            st.setTimestamp(4, Timestamp.from(contact.at()));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new OperationalStoreException("saving a respondent's contact failed", e);
        }
    }
}
