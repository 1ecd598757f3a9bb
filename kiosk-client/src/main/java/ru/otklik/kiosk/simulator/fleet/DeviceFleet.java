package ru.otklik.kiosk.simulator.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.office.Office;
import ru.otklik.common.response.EventJson;

/**
 * The kiosk registry file that ingest loads and the simulator signs with. Devices are listed
 * round by round over the offices (every office's first kiosk, then every office's second…), so
 * "the first N devices" are spread evenly over the offices.
 */
public final class DeviceFleet {

    public static final List<String> TOUCHPOINTS = List.of("hall", "reception", "waiting_area", "employer_desk");

    private DeviceFleet() {
    }

    /** {@code count} new devices with fresh random secrets, e.g. {@code kiosk-BRY-01-03} in the waiting area. */
    public static KioskDevices create(List<Office> offices, int count) {
        if (offices.isEmpty()) {
            throw new IllegalArgumentException("no offices");
        }
        List<KioskDevice> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Office office = offices.get(i % offices.size());
            int number = i / offices.size() + 1;
            String id = String.format(Locale.ROOT, "kiosk-%s-%02d", office.code(), number);
            String touchpoint = TOUCHPOINTS.get((number - 1) % TOUCHPOINTS.size());
            devices.add(new KioskDevice(id, office.code(), touchpoint, KioskSignature.newSecret(), false));
        }
        return new KioskDevices(devices);
    }

    /** Written owner-only where the file system allows: the file holds every device's secret. */
    public static void write(KioskDevices devices, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            restrict(tmp);
            Files.write(tmp, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(devices));
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static KioskDevices read(Path file) throws IOException {
        return EventJson.mapper().readValue(file.toFile(), KioskDevices.class);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
    }
}
