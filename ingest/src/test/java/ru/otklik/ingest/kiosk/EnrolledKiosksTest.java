package ru.otklik.ingest.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.ingest.kiosk.EnrolledKiosks.Redemption;
import ru.otklik.ingest.kiosk.EnrolmentState.EnrolledDevice;
import ru.otklik.ingest.kiosk.EnrolmentState.IssuedCode;

/** The enrolled-kiosks store: what it answers, and that the file carries it across a restart. */
class EnrolledKiosksTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

    @TempDir
    Path dir;

    private static String issue(EnrolledKiosks store, Instant expires) {
        String code = EnrolmentCode.newCode();
        store.issue(new IssuedCode(hash(code), "BRY", "BRY-01", "hall", NOW, expires, null, null), NOW);
        return code;
    }

    private static String hash(String code) {
        return EnrolmentCode.hash(EnrolmentCode.normalised(code).orElseThrow());
    }

    private static EnrolledKiosks.NewDevice device(String id) {
        return c -> new EnrolledDevice(id, c.regionCode(), c.officeCode(), c.touchpointId(), KioskSignature.newSecret(),
                NOW);
    }

    @Test
    void aCodeEnrolsOnceThenIsUsedAndAnUnknownOrExpiredOneNever() {
        EnrolledKiosks store = EnrolledKiosks.load(new EnrolmentFile(dir.resolve("enrolled.json")));
        String code = issue(store, NOW.plus(Duration.ofHours(72)));
        String expired = issue(store, NOW.plus(Duration.ofHours(1)));

        Redemption first = store.redeem(hash(code), NOW.plusSeconds(60), device("k-bry-01-aaaa"));
        EnrolledDevice enrolled = assertInstanceOf(Redemption.Enrolled.class, first).device();
        assertEquals("BRY-01", enrolled.officeCode());
        assertEquals("hall", enrolled.touchpointId());
        assertInstanceOf(Redemption.AlreadyUsed.class, store.redeem(hash(code), NOW.plusSeconds(61),
                device("k-bry-01-bbbb")));
        assertInstanceOf(Redemption.UnknownOrExpired.class, store.redeem(hash(expired), NOW.plus(Duration.ofHours(2)),
                device("k-bry-01-cccc")));
        assertInstanceOf(Redemption.UnknownOrExpired.class, store.redeem(hash(EnrolmentCode.newCode()), NOW,
                device("k-bry-01-dddd")));
        assertEquals(List.of("k-bry-01-aaaa"), store.devices().stream().map(EnrolledDevice::deviceId).toList());
    }

    @Test
    void everythingSurvivesAReloadAndTheFileHoldsNoCode() throws Exception {
        Path file = dir.resolve("state").resolve("enrolled.json");
        EnrolledKiosks store = EnrolledKiosks.load(new EnrolmentFile(file));
        String spent = issue(store, NOW.plus(Duration.ofHours(72)));
        String open = issue(store, NOW.plus(Duration.ofHours(72)));
        store.redeem(hash(spent), NOW, device("k-bry-01-aaaa"));
        assertTrue(store.revoke("kiosk-from-file"));
        assertFalse(store.revoke("kiosk-from-file"), "a second revocation changes nothing");

        EnrolledKiosks reloaded = EnrolledKiosks.load(new EnrolmentFile(file));
        KioskDevice device = reloaded.device("k-bry-01-aaaa").orElseThrow();
        assertEquals(store.enrolled("k-bry-01-aaaa").orElseThrow().secret(), device.secret());
        assertFalse(device.revoked());
        assertTrue(reloaded.isRevoked("kiosk-from-file"));
        assertInstanceOf(Redemption.AlreadyUsed.class, reloaded.redeem(hash(spent), NOW, device("k-bry-01-bbbb")));
        assertInstanceOf(Redemption.Enrolled.class, reloaded.redeem(hash(open), NOW, device("k-bry-01-cccc")));

        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (String code : List.of(spent, open)) {
            assertFalse(text.contains(code) || text.contains(EnrolmentCode.normalised(code).orElseThrow()),
                    "only hashes of codes are stored");
            assertTrue(text.contains(hash(code)));
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aFailedWriteChangesNothing() throws Exception {
        Path file = dir.resolve("enrolled.json");
        EnrolledKiosks store = EnrolledKiosks.load(new EnrolmentFile(file));
        String code = issue(store, NOW.plus(Duration.ofHours(72)));
        byte[] before = Files.readAllBytes(file);
        // the file's place is taken by a non-empty directory: the atomic rename onto it must fail
        Files.delete(file);
        Files.createDirectories(file.resolve("blocker"));
        assertThrows(UncheckedIOException.class, () -> store.redeem(hash(code), NOW, device("k-bry-01-aaaa")));
        assertTrue(store.devices().isEmpty(), "not enrolled in memory either");
        assertFalse(store.isRevoked("x"));
        assertThrows(UncheckedIOException.class, () -> store.revoke("x"));
        assertFalse(store.isRevoked("x"), "a revocation that is not on disk does not take effect");

        Files.delete(file.resolve("blocker"));
        Files.delete(file);
        Files.write(file, before);
        assertInstanceOf(Redemption.Enrolled.class, store.redeem(hash(code), NOW, device("k-bry-01-aaaa")),
                "the code is still unspent");
    }

    @Test
    void aRegistryRefusesAnEnrolledIdThatTheDevicesFileHasToo() {
        EnrolledKiosks store = EnrolledKiosks.load(new EnrolmentFile(dir.resolve("enrolled.json")));
        store.redeem(hash(issue(store, NOW.plus(Duration.ofHours(1)))), NOW, device("kiosk-bry01-a"));
        KioskDevice listed = new KioskDevice("kiosk-bry01-a", "BRY-01", "hall", KioskSignature.newSecret(), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeviceRegistry(List.of(listed), OfficeDirectory.pilot(), store));
        assertTrue(e.getMessage().contains("kiosk-bry01-a"), e.getMessage());
    }

    @Test
    void theRegistryAppliesRevocationsToDevicesOfTheFileToo() {
        EnrolledKiosks store = EnrolledKiosks.load(new EnrolmentFile(dir.resolve("enrolled.json")));
        KioskDevice listed = new KioskDevice("kiosk-bry01-a", "BRY-01", "hall", KioskSignature.newSecret(), false);
        DeviceRegistry registry = new DeviceRegistry(List.of(listed), OfficeDirectory.pilot(), store);
        store.redeem(hash(issue(store, NOW.plus(Duration.ofHours(1)))), NOW, device("k-bry-01-aaaa"));
        assertFalse(registry.device("kiosk-bry01-a").orElseThrow().revoked());
        assertTrue(registry.isEnrolled("k-bry-01-aaaa"));
        assertFalse(registry.isEnrolled("kiosk-bry01-a"));
        assertEquals(2, registry.size());
        store.revoke("kiosk-bry01-a");
        store.revoke("k-bry-01-aaaa");
        assertTrue(registry.device("kiosk-bry01-a").orElseThrow().revoked());
        assertTrue(registry.device("k-bry-01-aaaa").orElseThrow().revoked());
        assertEquals(List.of("kiosk-bry01-a", "k-bry-01-aaaa"), registry.all().stream().map(KioskDevice::deviceId).toList());
    }
}
