package ru.otklik.kiosk.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.kiosk.KioskDevices;
import ru.otklik.kiosk.simulator.fleet.DeviceFleet;
import ru.otklik.kiosk.simulator.scenario.ScenarioKind;

class SimulatorMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void devicesCommandSpreadsKiosksOverAllOffices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("devices.json");
        assertEquals(0, main("devices", "--kiosks", "60", "--out", file.toString()), err::toString);
        KioskDevices devices = DeviceFleet.read(file);
        assertEquals(60, devices.devices().size());
        assertEquals("kiosk-BRY-01-01", devices.devices().get(0).deviceId());
        assertEquals("hall", devices.devices().get(0).touchpointId());
        assertEquals("kiosk-BRY-01-02", devices.devices().get(26).deviceId());
        assertEquals("reception", devices.devices().get(26).touchpointId());
        assertEquals(26, devices.devices().stream().map(KioskDevice::officeCode).distinct().count());
        assertEquals(60, new HashSet<>(devices.devices().stream().map(KioskDevice::secret).toList()).size());
        Map<String, Long> perOffice = devices.devices().stream()
                .collect(Collectors.groupingBy(KioskDevice::officeCode, Collectors.counting()));
        assertTrue(perOffice.values().stream().allMatch(n -> n == 2 || n == 3));
    }

    @Test
    void officeNetworksCommandPrintsEveryOfficesNetworkWithItsStaffPcInsideAndNoVisitorsAddress() throws Exception {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        assertEquals(0, SimulatorMain.run(new String[] {"office-networks"}, new java.io.PrintStream(printed, true,
                java.nio.charset.StandardCharsets.UTF_8), System.err));
        var directory = ru.otklik.common.office.OfficeDirectory.pilot();
        var networks = ru.otklik.common.office.OfficeNetworks.parse(printed.toString(
                java.nio.charset.StandardCharsets.UTF_8).strip(), directory);
        assertEquals(directory.offices().size(), networks.offices());
        java.util.Random rng = new java.util.Random(7);
        for (var office : directory.offices()) {
            String staffPc = ru.otklik.kiosk.simulator.population.Sender.staffPc(office).address();
            assertEquals(java.util.Optional.of(true), networks.contains(office.code(), staffPc), office.code());
            String visitor = ru.otklik.kiosk.simulator.population.Sender.person(rng).address();
            assertEquals(java.util.Optional.of(false), networks.contains(office.code(), visitor), visitor);
        }
    }

    @Test
    void runOptionsBecomeAConfig(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("devices.json");
        DeviceFleet.write(DeviceFleet.create(List.copyOf(ru.otklik.common.office.OfficeDirectory.pilot().offices()), 30), file);
        SimulatorConfig c = SimulatorMain.config(Map.of("--devices", file.toString(), "--kiosks", "5",
                "--responses", "10", "--seed", "42", "--scenario", "quality-drop", "--rate", "12.5"));
        assertEquals(5, c.devices().size());
        assertEquals(10, c.formsWanted());
        assertEquals(0, c.tapsWanted());
        assertTrue(c.counted());
        assertEquals(42, c.seed());
        assertEquals(ScenarioKind.QUALITY_DROP, c.scenario());
        assertEquals(12.5, c.rate());

        SimulatorConfig timed = SimulatorMain.config(Map.of("--duration", "0", "--respondents", "3"));
        assertTrue(timed.unlimited());
        assertEquals(ScenarioKind.NORMAL_MONTH,
                SimulatorMain.config(Map.of("--respondents", "3", "--scenario", "normal-month")).scenario());
        assertEquals(ScenarioKind.KIOSK_UNPLUGGED,
                SimulatorMain.config(Map.of("--respondents", "3", "--scenario", "kiosk-unplugged")).scenario());
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(60), SimulatorMain.duration("60s"));
        assertEquals(Duration.ofMinutes(5), SimulatorMain.duration("5m"));
        assertEquals(Duration.ofHours(1), SimulatorMain.duration("1h"));
        assertEquals(Duration.ofMillis(500), SimulatorMain.duration("500ms"));
        assertEquals(Duration.ofSeconds(90), SimulatorMain.duration("90"));
        assertEquals(Duration.ofMinutes(2), SimulatorMain.duration("PT2M"));
        assertThrows(IllegalArgumentException.class, () -> SimulatorMain.duration("soon"));
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertEquals(2, main("run", "--kiosks", "3"));
        assertTrue(err.toString().contains("no --devices FILE"), err::toString);
        assertEquals(2, main("--scenario", "chaos"));
        for (ScenarioKind kind : ScenarioKind.values()) {
            assertTrue(err.toString().contains(kind.code()), "the error lists " + kind.code() + ": " + err);
        }
        assertEquals(2, main("--bogus", "1"));
        assertEquals(2, main("--duration", "10s", "--responses", "5"));
        assertEquals(0, main("--help"));
        assertTrue(out.toString().contains("--summary-out"));
        for (ScenarioKind kind : ScenarioKind.values()) {
            assertTrue(out.toString().contains(kind.code()), "the help names " + kind.code());
        }
    }
}
