package ru.otklik.dashboards.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users file as an account store (no operational store configured): read once, validated as a whole, never
 * changed by the server. Sessions end only when they expire or the server's session secret changes.
 */
public final class FileAccounts implements AccountStore {

    private final Map<String, Account> byName;

    public FileAccounts(List<UserEntry> entries, AccountRules rules) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (UserEntry e : entries) {
            if (accounts.containsKey(e.username())) {
                throw new IllegalArgumentException("duplicate username in users file: " + e.username());
            }
            if (e.salt() == null || e.hash() == null || e.iterations() < 1) {
                throw new IllegalArgumentException("user " + e.username() + " has no password hash");
            }
            rules.checkName(e.username());
            Role role = Role.fromCode(e.role());
            accounts.put(e.username(), new Account(e.username(), role, rules.checkedScope(e.username(), role, e.scope()),
                    e.password(), false, 0, null));
        }
        this.byName = Map.copyOf(accounts);
    }

    @Override
    public Optional<Account> find(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    @Override
    public int size() {
        return byName.size();
    }

    @Override
    public void endSessions(String username) {
        // the file cannot record it: the cookie is cleared, and it expires
    }

    public List<Account> all() {
        return List.copyOf(byName.values());
    }
}
