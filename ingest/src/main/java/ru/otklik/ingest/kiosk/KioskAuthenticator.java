package ru.otklik.ingest.kiosk;

import java.time.Clock;
import java.time.Duration;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskSignature;

/**
 * Decides whether a batch really comes from a registered, active kiosk: known device, fresh
 * timestamp, valid HMAC over timestamp and body, and a signature not seen before.
 */
public final class KioskAuthenticator {

    /** The outcome: the device, or the reason it was refused. */
    public record Outcome(KioskDevice device, String refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    private final DeviceRegistry devices;
    private final ReplayGuard replays;
    private final Clock clock;
    private final Duration skew;

    public KioskAuthenticator(DeviceRegistry devices, Clock clock, Duration skew) {
        this.devices = devices;
        this.replays = new ReplayGuard(clock, skew);
        this.clock = clock;
        this.skew = skew;
    }

    public Outcome authenticate(String deviceId, String timestamp, String signature, byte[] body) {
        if (deviceId == null || deviceId.isBlank()) {
            return new Outcome(null, "missing-device-header");
        }
        KioskDevice device = devices.device(deviceId).orElse(null);
        if (device == null) {
            return new Outcome(null, "unknown-device");
        }
        if (device.revoked()) {
            return new Outcome(device, "revoked");
        }
        if (timestamp == null || timestamp.isBlank()) {
            return new Outcome(device, "missing-timestamp-header");
        }
        long signedAt;
        try {
            signedAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return new Outcome(device, "timestamp-format");
        }
        if (signature == null || signature.isBlank()) {
            return new Outcome(device, "missing-signature-header");
        }
        // compared as a window, not as Math.abs(now - signedAt): for signedAt = now - 2^63 the difference
        // overflows to Long.MIN_VALUE, whose absolute value is negative, and a forged timestamp passed
        long now = clock.instant().getEpochSecond();
        if (signedAt < now - skew.toSeconds() || signedAt > now + skew.toSeconds()) {
            return new Outcome(device, "clock-skew");
        }
        if (!KioskSignature.verify(device.secret(), signedAt, body, signature)) {
            return new Outcome(device, "bad-signature");
        }
        if (!replays.firstUse(signature.toLowerCase(java.util.Locale.ROOT), signedAt)) {
            return new Outcome(device, "replay");
        }
        return new Outcome(device, null);
    }
}
