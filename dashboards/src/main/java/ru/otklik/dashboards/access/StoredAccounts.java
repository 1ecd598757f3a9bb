package ru.otklik.dashboards.access;

import ru.otklik.dashboards.store.RefusedChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import ru.otklik.dashboards.store.Transactions;

/**
 * The dashboard accounts in the operational store ({@code dashboard_accounts}): created, re-scoped, disabled and
 * given new passwords on the admin page; every change is logged in {@code dashboard_account_changes} with who made
 * it (never a password). A disabled account, a new password and a sign-out raise the account's session epoch, which
 * every session cookie names, so its sessions end at once on every server. Every statement is parameterised.
 */
public final class StoredAccounts implements AccountStore {

    /** An account as the admin page lists it (no password material). */
    public record Listed(String username, String role, String scope, boolean disabled, String employeeId) {
    }

    private static final String COLUMNS = "username, role, scope, salt, hash, iterations, disabled, session_epoch, employee_id";

    private final DataSource store;
    private final AccountRules rules;

    public StoredAccounts(DataSource store, AccountRules rules) {
        this.store = store;
        this.rules = rules;
    }

    /** Imports the users file's accounts when the table is empty (the first start); how many. */
    public int importIfEmpty(List<UserEntry> entries) {
        FileAccounts checked = new FileAccounts(entries, rules); // the file's own rules first: all or nothing
        return inTransaction("importing the users file", c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM dashboard_accounts")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return 0;
                }
            }
            for (Account a : checked.all()) {
                insert(c, a.username(), a.role(), a.scope(), a.password(), "users-file");
            }
            return checked.size();
        });
    }

    @Override
    public Optional<Account> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return inTransaction("reading an account", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM dashboard_accounts WHERE username = ?")) {
                st.setString(1, username);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Account(rs.getString(1), Role.fromCode(rs.getString(2)), rs.getString(3),
                            new PasswordHash(rs.getString(4), rs.getString(5), rs.getInt(6)), rs.getBoolean(7),
                            rs.getInt(8), rs.getString(9)));
                }
            }
        });
    }

    @Override
    public int size() {
        return inTransaction("counting accounts", c -> {
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM dashboard_accounts")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public void endSessions(String username) {
        inTransaction("ending sessions", c -> {
            bumpEpoch(c, username);
            return null;
        });
    }

    public List<Listed> list() {
        return inTransaction("listing accounts", c -> {
            List<Listed> all = new ArrayList<>();
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT username, role, scope, disabled,"
                    + " employee_id FROM dashboard_accounts ORDER BY role, username")) {
                while (rs.next()) {
                    all.add(new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
                }
            }
            return all;
        });
    }

    public void create(String username, Role role, String scope, String password, String employeeId, String by) {
        String checkedScope = checked(() -> {
            rules.checkName(username);
            rules.checkPassword(password);
            return rules.checkedScope(username, role, scope);
        });
        inTransaction("creating an account", c -> {
            if (find(c, username)) {
                throw new RefusedChange(409, "account " + username + " already exists");
            }
            insert(c, username, role, checkedScope, PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS), by);
            if (employeeId != null) {
                link(c, username, employeeId);
            }
            log(c, username, "created as " + role.code() + (checkedScope == null ? "" : " " + checkedScope), by);
            return null;
        });
    }

    /** A new role and scope; the account's sessions end (what they were allowed to see has changed). */
    public void rescope(String username, Role role, String scope, String by) {
        String checkedScope = checked(() -> rules.checkedScope(username, role, scope));
        inTransaction("re-scoping an account", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE dashboard_accounts SET role = ?, scope = ?,"
                    + " session_epoch = session_epoch + 1, updated_at = now(), updated_by = ? WHERE username = ?")) {
                st.setString(1, role.code());
                st.setString(2, checkedScope);
                st.setString(3, by);
                st.setString(4, username);
                if (st.executeUpdate() == 0) {
                    throw new RefusedChange(404, "no account " + username);
                }
            }
            log(c, username, "re-scoped to " + role.code() + (checkedScope == null ? "" : " " + checkedScope), by);
            return null;
        });
    }

    public void setDisabled(String username, boolean disabled, String by) {
        if (username.equals(by) && disabled) {
            throw new RefusedChange(409, "an admin cannot disable their own account");
        }
        inTransaction("disabling an account", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE dashboard_accounts SET disabled = ?,"
                    + " session_epoch = session_epoch + 1, updated_at = now(), updated_by = ? WHERE username = ?")) {
                st.setBoolean(1, disabled);
                st.setString(2, by);
                st.setString(3, username);
                if (st.executeUpdate() == 0) {
                    throw new RefusedChange(404, "no account " + username);
                }
            }
            log(c, username, disabled ? "disabled" : "enabled", by);
            return null;
        });
    }

    /** A new password (by an admin, or by the user after checking the current one); every session ends. */
    public void setPassword(String username, String password, String by) {
        checked(() -> {
            rules.checkPassword(password);
            return null;
        });
        PasswordHash hash = PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS);
        inTransaction("changing a password", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE dashboard_accounts SET salt = ?, hash = ?, iterations = ?,"
                    + " session_epoch = session_epoch + 1, updated_at = now(), updated_by = ? WHERE username = ?")) {
                st.setString(1, hash.salt());
                st.setString(2, hash.hash());
                st.setInt(3, hash.iterations());
                st.setString(4, by);
                st.setString(5, username);
                if (st.executeUpdate() == 0) {
                    throw new RefusedChange(404, "no account " + username);
                }
            }
            log(c, username, "password changed", by);
            return null;
        });
    }

    /** Links the account to an employee of the structure (for 360: their own report, their subtree), or unlinks it. */
    public void linkEmployee(String username, String employeeId, String by) {
        inTransaction("linking an account", c -> {
            if (!find(c, username)) {
                throw new RefusedChange(404, "no account " + username);
            }
            if (employeeId == null) {
                try (PreparedStatement st = c.prepareStatement("UPDATE dashboard_accounts SET employee_id = NULL,"
                        + " updated_at = now(), updated_by = ? WHERE username = ?")) {
                    st.setString(1, by);
                    st.setString(2, username);
                    st.executeUpdate();
                }
            } else {
                link(c, username, employeeId);
            }
            log(c, username, employeeId == null ? "unlinked from the structure" : "linked to employee " + employeeId, by);
            return null;
        });
    }

    /** The account's history of changes, oldest first: {@code change by at}. */
    public List<List<String>> changes(String username) {
        return inTransaction("reading account changes", c -> {
            List<List<String>> rows = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT change, changed_by, changed_at FROM"
                    + " dashboard_account_changes WHERE username = ? ORDER BY change_id")) {
                st.setString(1, username);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(List.of(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString()));
                    }
                }
            }
            return rows;
        });
    }

    private static void insert(Connection c, String username, Role role, String scope, PasswordHash hash, String by)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO dashboard_accounts (username, role, scope, salt, hash,"
                + " iterations, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, username);
            st.setString(2, role.code());
            st.setString(3, scope);
            st.setString(4, hash.salt());
            st.setString(5, hash.hash());
            st.setInt(6, hash.iterations());
            st.setString(7, by);
            st.executeUpdate();
        }
    }

    private static void link(Connection c, String username, String employeeId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE dashboard_accounts SET employee_id = ? WHERE username = ?"
                + " AND EXISTS (SELECT 1 FROM org_employees WHERE employee_id = ?)")) {
            st.setString(1, employeeId);
            st.setString(2, username);
            st.setString(3, employeeId);
            if (st.executeUpdate() == 0) {
                throw new RefusedChange(400, "no employee " + employeeId + " in the structure");
            }
        }
    }

    private static boolean find(Connection c, String username) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM dashboard_accounts WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void bumpEpoch(Connection c, String username) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE dashboard_accounts SET session_epoch = session_epoch + 1"
                + " WHERE username = ?")) {
            st.setString(1, username);
            st.executeUpdate();
        }
    }

    private static void log(Connection c, String username, String change, String by) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO dashboard_account_changes (username, change, changed_by)"
                + " VALUES (?, ?, ?)")) {
            st.setString(1, username);
            st.setString(2, change);
            st.setString(3, by);
            st.executeUpdate();
        }
    }

    private static <T> T checked(java.util.function.Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new RefusedChange(400, e.getMessage());
        }
    }

    private <T> T inTransaction(String what, Transactions.Work<T> work) {
        return Transactions.inTransaction(store, what, work);
    }
}
