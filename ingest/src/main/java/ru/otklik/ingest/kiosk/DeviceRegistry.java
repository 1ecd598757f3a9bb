package ru.otklik.ingest.kiosk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Kiosks registered to offices, read from the device file at start-up. No file: no kiosk may send. */
public final class DeviceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

    private final Map<String, KioskDevice> devices;

    /** Refuses a registry that names an unknown office or lists a device twice: both are configuration errors. */
    public DeviceRegistry(Iterable<KioskDevice> devices, OfficeDirectory offices) {
        Map<String, KioskDevice> byId = new HashMap<>();
        for (KioskDevice d : devices) {
            if (offices.office(d.officeCode()).isEmpty()) {
                throw new IllegalArgumentException("device " + d.deviceId() + " names unknown office " + d.officeCode());
            }
            if (byId.put(d.deviceId(), d) != null) {
                throw new IllegalArgumentException("device " + d.deviceId() + " is listed twice");
            }
        }
        this.devices = Map.copyOf(byId);
    }

    public static DeviceRegistry load(Path file, OfficeDirectory offices) {
        if (file == null) {
            return new DeviceRegistry(List.of(), offices);
        }
        if (!Files.exists(file)) {
            LOG.warn("event=kiosk_devices_missing file={} effect=\"no kiosk may send\"", file);
            return new DeviceRegistry(List.of(), offices);
        }
        try {
            KioskDevices parsed = EventJson.mapper().readValue(file.toFile(), KioskDevices.class);
            return new DeviceRegistry(parsed.devices() == null ? List.of() : parsed.devices(), offices);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kiosk devices from " + file, e);
        }
    }

    public Optional<KioskDevice> device(String deviceId) {
        return Optional.ofNullable(deviceId == null ? null : devices.get(deviceId));
    }

    public int size() {
        return devices.size();
    }
}
