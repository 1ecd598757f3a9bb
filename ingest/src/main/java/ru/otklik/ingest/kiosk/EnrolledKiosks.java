package ru.otklik.ingest.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.ingest.kiosk.EnrolmentState.EnrolledDevice;
import ru.otklik.ingest.kiosk.EnrolmentState.IssuedCode;

/**
 * Enrolment codes, self-enrolled kiosks and revocations, kept in memory and in the enrolled-kiosks
 * file. Every change writes the whole new state to the file first and only then takes effect, so
 * what a client was told (201, 204) has survived a restart; a failed write changes nothing.
 * Lookups on the request path read an immutable snapshot without locking.
 */
public final class EnrolledKiosks {

    /** A spent code is remembered this long after its expiry, so a late second use is still told "used". */
    static final Duration KEEP_SPENT = Duration.ofDays(30);

    /** The outcome of presenting a code. */
    public sealed interface Redemption {
        record Enrolled(EnrolledDevice device) implements Redemption {
        }

        record AlreadyUsed() implements Redemption {
        }

        record UnknownOrExpired() implements Redemption {
        }
    }

    private record Snapshot(EnrolmentState state, Map<String, IssuedCode> codes, Map<String, EnrolledDevice> devices,
                            Set<String> revoked) {

        static Snapshot of(EnrolmentState state) {
            Map<String, IssuedCode> codes = new HashMap<>();
            state.codes().forEach(c -> codes.put(c.codeHash(), c));
            Map<String, EnrolledDevice> devices = new HashMap<>();
            state.devices().forEach(d -> devices.put(d.deviceId(), d));
            return new Snapshot(state, Map.copyOf(codes), Map.copyOf(devices), Set.copyOf(state.revoked()));
        }
    }

    private final EnrolmentFile file; // null: kept in memory only (unit tests)
    private volatile Snapshot snapshot;

    private EnrolledKiosks(EnrolmentFile file, EnrolmentState state) {
        this.file = file;
        this.snapshot = Snapshot.of(state);
    }

    public static EnrolledKiosks load(EnrolmentFile file) {
        return new EnrolledKiosks(file, file.read());
    }

    /** Nothing enrolled and nothing persisted: for registries built in tests. */
    public static EnrolledKiosks inMemory() {
        return new EnrolledKiosks(null, EnrolmentState.empty());
    }

    public Optional<EnrolledDevice> enrolled(String deviceId) {
        return Optional.ofNullable(deviceId == null ? null : snapshot.devices().get(deviceId));
    }

    /** The enrolled device as the authenticator knows devices. */
    public Optional<KioskDevice> device(String deviceId) {
        return enrolled(deviceId).map(d -> new KioskDevice(d.deviceId(), d.officeCode(), d.touchpointId(), d.secret(),
                isRevoked(d.deviceId())));
    }

    public boolean isRevoked(String deviceId) {
        return deviceId != null && snapshot.revoked().contains(deviceId);
    }

    public List<EnrolledDevice> devices() {
        return snapshot.state().devices();
    }

    public int size() {
        return snapshot.devices().size();
    }

    /** Keeps a new code (by hash); the caller shows the code itself once and forgets it. */
    public synchronized void issue(IssuedCode code, Instant now) {
        EnrolmentState s = snapshot.state();
        List<IssuedCode> codes = pruned(s.codes(), now);
        codes.add(code);
        commit(new EnrolmentState(codes, s.devices(), s.revoked()));
    }

    /**
     * Spends the code and enrols {@code newDevice} (the caller has made sure its id is free of the
     * devices file); a spent code answers {@link Redemption.AlreadyUsed}, an unknown or expired one
     * {@link Redemption.UnknownOrExpired}.
     */
    public synchronized Redemption redeem(String codeHash, Instant now, NewDevice newDevice) {
        EnrolmentState s = snapshot.state();
        IssuedCode code = snapshot.codes().get(codeHash);
        if (code == null) {
            return new Redemption.UnknownOrExpired();
        }
        if (code.spent()) {
            return new Redemption.AlreadyUsed();
        }
        if (!now.isBefore(code.expiresAt())) {
            return new Redemption.UnknownOrExpired();
        }
        EnrolledDevice device = newDevice.create(code);
        if (snapshot.devices().containsKey(device.deviceId())) {
            throw new IllegalStateException("device id " + device.deviceId() + " is already enrolled");
        }
        List<IssuedCode> codes = new ArrayList<>();
        for (IssuedCode c : pruned(s.codes(), now)) {
            codes.add(c.codeHash().equals(codeHash) ? c.spentBy(device.deviceId(), now) : c);
        }
        List<EnrolledDevice> devices = new ArrayList<>(s.devices());
        devices.add(device);
        commit(new EnrolmentState(codes, devices, s.revoked()));
        return new Redemption.Enrolled(device);
    }

    /** What a code enrols to: decided by the caller (id, secret), from the code's office and touchpoint. */
    @FunctionalInterface
    public interface NewDevice {
        EnrolledDevice create(IssuedCode code);
    }

    /** Refuses the device from now on; true when this changed anything. */
    public synchronized boolean revoke(String deviceId) {
        EnrolmentState s = snapshot.state();
        if (s.revoked().contains(deviceId)) {
            return false;
        }
        Set<String> revoked = new LinkedHashSet<>(s.revoked());
        revoked.add(deviceId);
        commit(new EnrolmentState(s.codes(), s.devices(), List.copyOf(revoked)));
        return true;
    }

    /** Codes still worth remembering: unexpired ones, and spent ones until a while after their expiry. */
    private static List<IssuedCode> pruned(List<IssuedCode> codes, Instant now) {
        List<IssuedCode> kept = new ArrayList<>();
        for (IssuedCode c : codes) {
            Instant forgetAt = c.spent() ? c.expiresAt().plus(KEEP_SPENT) : c.expiresAt();
            if (now.isBefore(forgetAt)) {
                kept.add(c);
            }
        }
        return kept;
    }

    private void commit(EnrolmentState next) {
        if (file != null) {
            file.write(next); // throws: the old state stays in force
        }
        snapshot = Snapshot.of(next);
    }
}
