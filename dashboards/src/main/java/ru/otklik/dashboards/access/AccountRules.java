package ru.otklik.dashboards.access;

import java.util.regex.Pattern;
import ru.otklik.common.office.OfficeDirectory;

/** What makes an account valid, for the users file and the admin page alike: the name, and a scope fitting the role. */
public record AccountRules(OfficeDirectory directory) {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final int MIN_PASSWORD = 12;

    public void checkName(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("a username is 1-64 of A-Z a-z 0-9 . _ -, got " + username);
        }
    }

    /** The scope as stored: an office code for office, a region code for region, none for federal and admin. */
    public String checkedScope(String username, Role role, String scope) {
        boolean ok = switch (role) {
            case FEDERAL, ADMIN -> scope == null || scope.isEmpty();
            case REGION -> scope != null && directory.hasRegion(scope);
            case OFFICE -> scope != null && directory.office(scope).isPresent();
        };
        if (!ok) {
            throw new IllegalArgumentException("user " + username + ": role " + role.code() + " needs "
                    + (role == Role.FEDERAL || role == Role.ADMIN ? "no scope" : "a known " + role.code() + " code")
                    + ", got " + scope);
        }
        return role == Role.FEDERAL || role == Role.ADMIN ? null : scope;
    }

    public void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD || password.length() > 200) {
            throw new IllegalArgumentException("a password has " + MIN_PASSWORD + " to 200 characters");
        }
    }
}
