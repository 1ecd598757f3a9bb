package ru.otklik.dashboards.access;

import java.util.Optional;

/**
 * Where the dashboard accounts live: the operational store ({@link StoredAccounts}) or, without one, the users
 * file ({@link FileAccounts}, read-only). {@link UserAccounts} asks it on every request, so a disabled or re-scoped
 * account takes effect at once.
 */
public interface AccountStore {

    /** An account as stored; {@code scope} is null for federal and admin accounts. */
    record Account(String username, Role role, String scope, PasswordHash password, boolean disabled, int sessionEpoch,
                   String employeeId) {
    }

    Optional<Account> find(String username);

    int size();

    /** Ends every session of the account (sign-out); a store that cannot (the users file) does nothing. */
    void endSessions(String username);
}
