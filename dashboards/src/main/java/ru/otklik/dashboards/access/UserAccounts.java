package ru.otklik.dashboards.access;

import java.util.Optional;
import ru.otklik.common.office.OfficeDirectory;

/**
 * Sign-in and sessions over an {@link AccountStore}: the password check (as long for unknown names as for known
 * ones), the user of a session — looked up on every request, so a disabled account or a raised session epoch ends
 * its sessions at once — and the scope rules.
 */
public final class UserAccounts {

    private final AccountStore store;
    private final OfficeDirectory directory;
    /** Checked for unknown names too, so a login takes as long whether or not the name exists. */
    private final PasswordHash decoy = PasswordHash.create("decoy-password", PasswordHash.DEFAULT_ITERATIONS);

    public UserAccounts(AccountStore store, OfficeDirectory directory) {
        this.store = store;
        this.directory = directory;
    }

    /** The users file's accounts (no operational store). */
    public UserAccounts(java.util.List<UserEntry> entries, OfficeDirectory directory) {
        this(new FileAccounts(entries, new AccountRules(directory)), directory);
    }

    public Optional<DashboardUser> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<AccountStore.Account> account = store.find(username);
        if (account.isEmpty()) {
            decoy.matches(password);
            return Optional.empty();
        }
        boolean matches = account.get().password().matches(password);
        return matches && !account.get().disabled() ? Optional.of(user(account.get())) : Optional.empty();
    }

    /** The user as currently configured: a session of a removed or disabled user stops working. */
    public Optional<DashboardUser> find(String username) {
        return store.find(username).filter(a -> !a.disabled()).map(UserAccounts::user);
    }

    /** What a session cookie of this user names: the name and the account's session epoch. */
    public String sessionSubject(String username) {
        return username + "~" + store.find(username).map(AccountStore.Account::sessionEpoch).orElse(0);
    }

    /** The user of a session subject, if the account is active and its sessions have not been ended since. */
    public Optional<DashboardUser> findSession(String subject) {
        int tilde = subject.lastIndexOf('~');
        if (tilde <= 0) {
            return Optional.empty();
        }
        String username = subject.substring(0, tilde);
        String epoch = subject.substring(tilde + 1);
        return store.find(username).filter(a -> !a.disabled() && String.valueOf(a.sessionEpoch()).equals(epoch))
                .map(UserAccounts::user);
    }

    public void endSessions(String username) {
        store.endSessions(username);
    }

    public AccessScope scopeOf(DashboardUser user) {
        return new AccessScope(user.role(), user.scope(), directory);
    }

    public int size() {
        return store.size();
    }

    public AccountStore store() {
        return store;
    }

    private static DashboardUser user(AccountStore.Account a) {
        return new DashboardUser(a.username(), a.role(), a.scope());
    }
}
