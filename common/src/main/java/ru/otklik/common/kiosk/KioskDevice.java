package ru.otklik.common.kiosk;

/**
 * A kiosk registered to one office and touchpoint. {@code secret} is the base64 per-device HMAC
 * key; a revoked device is refused by ingest.
 */
public record KioskDevice(String deviceId, String officeCode, String touchpointId, String secret, boolean revoked) {

    @Override
    public String toString() {
        return "KioskDevice[" + deviceId + " @ " + officeCode + "/" + touchpointId + (revoked ? ", revoked" : "") + "]";
    }
}
