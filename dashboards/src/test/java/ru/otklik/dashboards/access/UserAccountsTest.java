package ru.otklik.dashboards.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.office.OfficeDirectory;

class UserAccountsTest {

    private static final OfficeDirectory OFFICES = OfficeDirectory.pilot();

    @Test
    void passwordHashMatchesOnlyTheRightPasswordAndSaltsDiffer() {
        PasswordHash a = PasswordHash.create("correct horse", 1_000);
        PasswordHash b = PasswordHash.create("correct horse", 1_000);
        assertTrue(a.matches("correct horse"));
        assertFalse(a.matches("correct hors"));
        assertFalse(a.matches(""));
        assertNotEquals(a.salt(), b.salt());
        assertNotEquals(a.hash(), b.hash());
    }

    @Test
    void demoUsersFileRoundTripsAndAuthenticates(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.json");
        DemoUsers.write(file, OFFICES, "s3cret-pass", 1_000);
        String json = Files.readString(file);
        assertFalse(json.contains("s3cret-pass"), "the password itself is never stored");

        UserAccounts accounts = new UserAccounts(UsersFile.read(file), OFFICES);
        assertEquals(2 + OFFICES.regions().size() + OFFICES.offices().size(), accounts.size(), "federal, admin, regions, offices");
        assertEquals(new DashboardUser("federal", Role.FEDERAL, null),
                accounts.authenticate("federal", "s3cret-pass").orElseThrow());
        assertEquals(new DashboardUser("region-BRY", Role.REGION, "BRY"),
                accounts.authenticate("region-BRY", "s3cret-pass").orElseThrow());
        assertEquals(new DashboardUser("office-VLA-02", Role.OFFICE, "VLA-02"),
                accounts.authenticate("office-VLA-02", "s3cret-pass").orElseThrow());
        assertTrue(accounts.authenticate("federal", "wrong").isEmpty());
        assertTrue(accounts.authenticate("nobody", "s3cret-pass").isEmpty());
        assertTrue(accounts.authenticate(null, null).isEmpty());
    }

    @Test
    void rejectsEntriesWhoseScopeDoesNotFitTheRole() {
        PasswordHash h = PasswordHash.create("x", 1_000);
        assertThrows(IllegalArgumentException.class, () -> accounts(new UserEntry("a", "office", "NOPE-01", h.salt(), h.hash(), 1_000)));
        assertThrows(IllegalArgumentException.class, () -> accounts(new UserEntry("a", "region", "BRY-01", h.salt(), h.hash(), 1_000)));
        assertThrows(IllegalArgumentException.class, () -> accounts(new UserEntry("a", "federal", "BRY", h.salt(), h.hash(), 1_000)));
        assertThrows(IllegalArgumentException.class, () -> accounts(new UserEntry("a", "admin", "BRY", h.salt(), h.hash(), 1_000)));
        assertThrows(IllegalArgumentException.class, () -> accounts(new UserEntry("a", "owner", null, h.salt(), h.hash(), 1_000)));
        assertThrows(IllegalArgumentException.class, () -> accounts(new UserEntry("a b", "federal", null, h.salt(), h.hash(), 1_000)));
        assertThrows(IllegalArgumentException.class, () -> accounts(
                new UserEntry("a", "federal", null, h.salt(), h.hash(), 1_000),
                new UserEntry("a", "federal", null, h.salt(), h.hash(), 1_000)));
    }

    private static UserAccounts accounts(UserEntry... entries) {
        return new UserAccounts(List.of(entries), OFFICES);
    }
}
