package ru.otklik.ingest.kiosk;

import java.time.Instant;
import java.util.List;

/**
 * What the enrolled-kiosks file holds: outstanding (and recently spent) enrolment codes, the
 * devices enrolled with them, and the ids of revoked devices (enrolled or from the devices file).
 *
 * @param codes issued codes, by hash only
 * @param devices kiosks that enrolled themselves with a code
 * @param revoked device ids refused from now on
 */
public record EnrolmentState(List<IssuedCode> codes, List<EnrolledDevice> devices, List<String> revoked) {

    public EnrolmentState {
        codes = codes == null ? List.of() : List.copyOf(codes);
        devices = devices == null ? List.of() : List.copyOf(devices);
        revoked = revoked == null ? List.of() : List.copyOf(revoked);
    }

    public static EnrolmentState empty() {
        return new EnrolmentState(List.of(), List.of(), List.of());
    }

    /**
     * An enrolment code as stored: its SHA-256, where it enrols to, until when, and once spent,
     * when and by which device (kept until well after expiry, so a second use is told "used").
     */
    public record IssuedCode(String codeHash, String regionCode, String officeCode, String touchpointId,
                             Instant issuedAt, Instant expiresAt, Instant usedAt, String deviceId) {

        boolean spent() {
            return usedAt != null;
        }

        IssuedCode spentBy(String device, Instant at) {
            return new IssuedCode(codeHash, regionCode, officeCode, touchpointId, issuedAt, expiresAt, at, device);
        }
    }

    /** A kiosk enrolled with a code; {@code secret} is its base64 HMAC key, as in the devices file. */
    public record EnrolledDevice(String deviceId, String regionCode, String officeCode, String touchpointId,
                                 String secret, Instant enrolledAt) {

        @Override
        public String toString() { // never the secret
            return "EnrolledDevice[" + deviceId + " @ " + officeCode + "/" + touchpointId + "]";
        }
    }
}
