package ru.otklik.ingest.kiosk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.EventJson;

/**
 * Kiosks registered to offices: those of the device file read at start-up, and those that enrolled
 * themselves with a one-time code ({@link EnrolledKiosks}). Both are authenticated alike; a
 * revocation applies to either. No file and no enrolment: no kiosk may send.
 */
public final class DeviceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

    private final Map<String, KioskDevice> fromFile;
    private final EnrolledKiosks enrolled;

    /** Refuses a registry that names an unknown office or lists a device twice: both are configuration errors. */
    public DeviceRegistry(Iterable<KioskDevice> devices, OfficeDirectory offices) {
        this(devices, offices, EnrolledKiosks.inMemory());
    }

    /** As above; an enrolled device must also name a known office and must not share an id with the file's. */
    public DeviceRegistry(Iterable<KioskDevice> devices, OfficeDirectory offices, EnrolledKiosks enrolled) {
        Map<String, KioskDevice> byId = new HashMap<>();
        for (KioskDevice d : devices) {
            if (offices.office(d.officeCode()).isEmpty()) {
                throw new IllegalArgumentException("device " + d.deviceId() + " names unknown office " + d.officeCode());
            }
            if (byId.put(d.deviceId(), d) != null) {
                throw new IllegalArgumentException("device " + d.deviceId() + " is listed twice");
            }
        }
        for (EnrolmentState.EnrolledDevice d : enrolled.devices()) {
            if (offices.office(d.officeCode()).isEmpty()) {
                throw new IllegalArgumentException("enrolled device " + d.deviceId() + " names unknown office "
                        + d.officeCode());
            }
            if (byId.containsKey(d.deviceId())) {
                throw new IllegalArgumentException("device " + d.deviceId()
                        + " is both in the devices file and enrolled");
            }
        }
        this.fromFile = Map.copyOf(byId);
        this.enrolled = enrolled;
    }

    public static DeviceRegistry load(Path file, OfficeDirectory offices) {
        return load(file, offices, EnrolledKiosks.inMemory());
    }

    public static DeviceRegistry load(Path file, OfficeDirectory offices, EnrolledKiosks enrolled) {
        if (file == null) {
            return new DeviceRegistry(List.of(), offices, enrolled);
        }
        if (!Files.exists(file)) {
            LOG.warn("event=kiosk_devices_missing file={} effect=\"only enrolled kiosks may send\"", file);
            return new DeviceRegistry(List.of(), offices, enrolled);
        }
        try {
            KioskDevices parsed = EventJson.mapper().readValue(file.toFile(), KioskDevices.class);
            return new DeviceRegistry(parsed.devices() == null ? List.of() : parsed.devices(), offices, enrolled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kiosk devices from " + file, e);
        }
    }

    /** The device as it stands now: a revocation made through the API marks a file device revoked too. */
    public Optional<KioskDevice> device(String deviceId) {
        if (deviceId == null) {
            return Optional.empty();
        }
        KioskDevice listed = fromFile.get(deviceId);
        if (listed != null) {
            return Optional.of(listed.revoked() || !enrolled.isRevoked(deviceId) ? listed
                    : new KioskDevice(listed.deviceId(), listed.officeCode(), listed.touchpointId(), listed.secret(),
                    true));
        }
        return enrolled.device(deviceId);
    }

    /** Whether the device came from a code rather than the devices file. */
    public boolean isEnrolled(String deviceId) {
        return !fromFile.containsKey(deviceId) && enrolled.enrolled(deviceId).isPresent();
    }

    /** Every device, file first, then enrolled, each sorted by id. */
    public List<KioskDevice> all() {
        List<KioskDevice> all = new ArrayList<>();
        fromFile.keySet().stream().sorted().forEach(id -> all.add(device(id).orElseThrow()));
        enrolled.devices().stream().map(EnrolmentState.EnrolledDevice::deviceId).sorted()
                .forEach(id -> all.add(device(id).orElseThrow()));
        return all;
    }

    public EnrolledKiosks enrolled() {
        return enrolled;
    }

    public int size() {
        return fromFile.size() + enrolled.size();
    }
}
