package ru.otklik.ingest.kiosk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.ingest.http.ClientAddress;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.ingest.deadletter.DeadLetterWriter;
import ru.otklik.ingest.http.ClientText;
import ru.otklik.ingest.http.Problem;
import ru.otklik.ingest.http.RequestBody;
import ru.otklik.ingest.http.StaffGate;

/**
 * Kiosk administration for staff (bearer token).
 * <ul>
 * <li>{@code GET /api/v1/kiosk/devices}: every device, from the devices file and enrolled, with its
 *     last contact (batch or heartbeat) and last reported queue length</li>
 * <li>{@code POST /api/v1/kiosk/devices/{deviceId}/revoke}: 204; its batches and heartbeats are 403
 *     from then on, also after a restart. 404 for a device we do not know</li>
 * </ul>
 */
public final class KioskDevicesEndpoint {

    public static final String PATH = "/api/v1/kiosk/devices";
    public static final String REVOKE_PATH = PATH + "/{deviceId}/revoke";
    static final String ENDPOINT = "kiosk-devices";
    private static final Logger LOG = LoggerFactory.getLogger(KioskDevicesEndpoint.class);

    /** One row of the list; nulls are written out, so every row has the same fields. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeviceStatus(String deviceId, String officeCode, String touchpointId, boolean revoked,
                               boolean enrolled, Instant lastContact, Integer lastQueueLength) {
    }

    private final DeviceRegistry devices;
    private final KioskContacts contacts;
    private final StaffGate staff;
    private final DeadLetterWriter deadLetters;

    public KioskDevicesEndpoint(DeviceRegistry devices, KioskContacts contacts, StaffGate staff,
                                DeadLetterWriter deadLetters) {
        this.devices = devices;
        this.contacts = contacts;
        this.staff = staff;
        this.deadLetters = deadLetters;
    }

    public void list(Context ctx) {
        if (staff.admit(ctx, ENDPOINT).isEmpty()) {
            return;
        }
        List<DeviceStatus> rows = devices.all().stream().map(this::status).toList();
        ctx.header("Cache-Control", "no-store").json(rows);
    }

    public void revoke(Context ctx) {
        Optional<String> who = staff.admit(ctx, ENDPOINT);
        if (who.isEmpty()) {
            return;
        }
        String deviceId = ctx.pathParam("deviceId");
        if (devices.device(deviceId).isEmpty()) {
            deadLetters.write(ENDPOINT, 404, "unknown-device", List.of(), RequestBody.of(""), ClientAddress.of(ctx), deviceId);
            ctx.status(HttpStatus.NOT_FOUND).json(Problem.of("not-found", "no device " + deviceId));
            LOG.info("event=kiosk_revoke_refused staff={} device={} status=404", who.get(), ClientText.forLog(deviceId));
            return;
        }
        boolean changed = devices.enrolled().revoke(deviceId);
        ctx.status(HttpStatus.NO_CONTENT);
        LOG.info("event=kiosk_revoked staff={} device={} already_revoked={}", who.get(), deviceId, !changed);
    }

    private DeviceStatus status(KioskDevice d) {
        Optional<KioskContacts.Contact> last = contacts.last(d.deviceId());
        return new DeviceStatus(d.deviceId(), d.officeCode(), d.touchpointId(), d.revoked(),
                devices.isEnrolled(d.deviceId()), last.map(KioskContacts.Contact::at).orElse(null),
                last.map(KioskContacts.Contact::queueLength).orElse(null));
    }
}
