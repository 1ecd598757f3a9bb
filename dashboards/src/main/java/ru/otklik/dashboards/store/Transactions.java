package ru.otklik.dashboards.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import ru.otklik.common.operational.OperationalStoreException;

/** One transaction on the operational store: committed when the work returns, rolled back when it throws. */
public final class Transactions {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    public static <T> T inTransaction(DataSource store, String what, Work<T> work) {
        try (Connection c = store.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new OperationalStoreException(what + " failed", e);
        }
    }
}
