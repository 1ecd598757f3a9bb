package ru.otklik.dashboards.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import ru.otklik.common.office.OfficeDirectory;

/** The known users, validated against the office directory when loaded, and the password check. */
public final class UserAccounts {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, UserEntry> byName;
    private final Map<String, DashboardUser> users;
    private final OfficeDirectory directory;
    /** Checked for unknown names too, so a login takes as long whether or not the name exists. */
    private final PasswordHash decoy = PasswordHash.create("decoy-password", PasswordHash.DEFAULT_ITERATIONS);

    public UserAccounts(List<UserEntry> entries, OfficeDirectory directory) {
        this.directory = directory;
        Map<String, UserEntry> entriesByName = new LinkedHashMap<>();
        Map<String, DashboardUser> usersByName = new LinkedHashMap<>();
        for (UserEntry e : entries) {
            if (e.username() == null || !USERNAME.matcher(e.username()).matches()) {
                throw new IllegalArgumentException("bad username in users file: " + e.username());
            }
            if (entriesByName.containsKey(e.username())) {
                throw new IllegalArgumentException("duplicate username in users file: " + e.username());
            }
            if (e.salt() == null || e.hash() == null || e.iterations() < 1) {
                throw new IllegalArgumentException("user " + e.username() + " has no password hash");
            }
            Role role = Role.fromCode(e.role());
            String scope = checkedScope(e.username(), role, e.scope());
            entriesByName.put(e.username(), e);
            usersByName.put(e.username(), new DashboardUser(e.username(), role, scope));
        }
        this.byName = Map.copyOf(entriesByName);
        this.users = Map.copyOf(usersByName);
    }

    private String checkedScope(String username, Role role, String scope) {
        boolean ok = switch (role) {
            case FEDERAL -> scope == null || scope.isEmpty();
            case REGION -> scope != null && directory.hasRegion(scope);
            case OFFICE -> scope != null && directory.office(scope).isPresent();
        };
        if (!ok) {
            throw new IllegalArgumentException("user " + username + ": role " + role.code()
                    + " needs " + (role == Role.FEDERAL ? "no scope" : "a known " + role.code() + " code") + ", got " + scope);
        }
        return role == Role.FEDERAL ? null : scope;
    }

    public Optional<DashboardUser> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        UserEntry entry = byName.get(username);
        if (entry == null) {
            decoy.matches(password);
            return Optional.empty();
        }
        return entry.password().matches(password) ? Optional.of(users.get(username)) : Optional.empty();
    }

    /** The user as currently configured: a session of a removed user stops working. */
    public Optional<DashboardUser> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    public AccessScope scopeOf(DashboardUser user) {
        return new AccessScope(user.role(), user.scope(), directory);
    }

    public int size() {
        return users.size();
    }
}
