package ru.otklik.common.kiosk;

/**
 * What a kiosk receives once for a one-time enrolment code ({@code POST /api/v1/kiosk/enrolments}):
 * its device id and base64 HMAC secret, and where it stands. The agent stores it next to its journal
 * and never asks again; the code is spent.
 */
public record KioskEnrolment(String deviceId, String secret, String regionCode, String officeCode,
                             String touchpointId) {

    @Override
    public String toString() {
        return "KioskEnrolment[" + deviceId + " @ " + officeCode + "/" + touchpointId + "]";
    }
}
