package ru.otklik.dashboards.access;

/** One entry of the users file, as stored: {@code role} office|region|federal, {@code scope} office/region code or null. */
public record UserEntry(String username, String role, String scope, String salt, String hash, int iterations) {

    PasswordHash password() {
        return new PasswordHash(salt, hash, iterations);
    }
}
