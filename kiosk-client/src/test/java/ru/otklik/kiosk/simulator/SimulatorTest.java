package ru.otklik.kiosk.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.kiosk.simulator.fleet.DeviceFleet;
import ru.otklik.kiosk.simulator.population.ProfileWeights;
import ru.otklik.kiosk.simulator.report.SimulationSummary;
import ru.otklik.kiosk.simulator.report.SimulationSummary.Counts;
import ru.otklik.kiosk.simulator.scenario.ScenarioKind;
import ru.otklik.kiosk.simulator.send.RetryPolicy;

class SimulatorTest {

    private static final List<KioskDevice> DEVICES =
            DeviceFleet.create(List.copyOf(OfficeDirectory.pilot().offices()), 40).devices();

    private static SimulatorConfig.Builder counted(FakeIngest ingest, long forms, long taps) {
        return SimulatorConfig.builder()
                .ingest(ingest.uri())
                .devices(DEVICES)
                .respondents(52)
                .forms(forms)
                .taps(taps)
                .seed(7)
                .runId("simtest" + System.nanoTime())
                .maxInFlight(16)
                .retry(RetryPolicy.fast())
                .progress(SimulatorConfig.Progress.OFF);
    }

    private static SimulationSummary run(SimulatorConfig config) throws Exception {
        return new Simulator(config, OfficeDirectory.pilot(), SurveyCatalog.builtIn(), ProfileWeights.pilot(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
    }

    @Test
    @Timeout(60)
    void sendsExactlyTheWantedEventsEachAcceptedOnceDespite503s(@TempDir Path dir) throws Exception {
        try (FakeIngest ingest = new FakeIngest(DEVICES, id -> false)) {
            Path out = dir.resolve("summary.json");
            SimulationSummary s = run(counted(ingest, 700, 1_800).summaryOut(out).build());

            assertTrue(ingest.errors.isEmpty(), () -> "the fake refused: " + ingest.errors);
            assertEquals(0, ingest.badSignatures.get(), "every batch signature verifies");
            assertTrue(ingest.refused503.get() > 50, "the fake did refuse some requests");
            assertEquals(700, ingest.acceptedForms.size());
            assertEquals(1_800, ingest.acceptedTaps.size());
            assertTrue(ingest.acceptedForms.values().stream().allMatch(c -> c.get() == 1), "each form accepted once");
            assertTrue(ingest.acceptedTaps.values().stream().allMatch(c -> c.get() == 1), "each tap accepted once");

            assertEquals(new Counts(700, 700, 0, 0), s.totals().forms());
            assertEquals(new Counts(1_800, 1_800, 0, 0), s.totals().taps());
            assertEquals(ingest.refused503.get(), s.totals().retries(), "every 503 was retried");
            for (SimulationSummary.OfficeSummary o : s.offices()) {
                for (String audience : List.of("seeker", "employer", "visitor")) {
                    Counts c = o.formsByAudience().getOrDefault(audience, Counts.ZERO);
                    assertEquals(ingest.count(ingest.formsByOfficeAudience, o.officeCode() + "/" + audience),
                            c.accepted(), o.officeCode() + " " + audience);
                    assertEquals(c.sent(), c.accepted());
                }
                assertEquals(ingest.count(ingest.tapsByOffice, o.officeCode()), o.taps().accepted(), o.officeCode());
            }
            assertTrue(s.offices().stream().allMatch(o -> o.forms().sent() > 0), "every office got forms");
            assertEquals(s, SimulationSummary.fromJson(Files.readString(out)), "the JSON summary round-trips");
            // each virtual person sends from an address of their own with a phone browser, so the fraud
            // flags do not take the whole load for one burst
            long addresses = ingest.senders.values().stream().map(v -> v.substring(0, v.indexOf(" | "))).distinct().count();
            assertTrue(addresses > 690, "700 forms from " + addresses + " addresses");
            assertTrue(ingest.senders.values().stream().allMatch(v -> v.startsWith("100.") && v.contains("Mobile")),
                    ingest.senders.values().iterator().next());
        }
    }

    @Test
    @Timeout(60)
    void rejectedFormsAreCountedAndReportedNotRetried() throws Exception {
        // form ids end in their number in base 36 (<run>-f<n>): those ending in 3 are refused
        long expectedRejected = java.util.stream.LongStream.range(0, 300)
                .filter(i -> Long.toString(i, 36).endsWith("3")).count();
        try (FakeIngest ingest = new FakeIngest(DEVICES, id -> id.endsWith("3"))) {
            SimulationSummary s = run(counted(ingest, 300, 0).build());
            Counts forms = s.totals().forms();
            assertEquals(300, forms.sent());
            assertEquals(ingest.rejected.get(), forms.rejected());
            assertEquals(expectedRejected, forms.rejected());
            assertEquals(300 - forms.rejected(), forms.accepted());
            assertEquals(ingest.acceptedForms.size(), forms.accepted());
            assertTrue(s.problems().get(0).startsWith("HTTP 400"), s.problems().toString());
        }
    }

    @Test
    @Timeout(30)
    void timedRunNeverExceedsTheRate() throws Exception {
        try (FakeIngest ingest = new FakeIngest(DEVICES, id -> false)) {
            SimulationSummary s = run(SimulatorConfig.builder().ingest(ingest.uri()).devices(DEVICES).respondents(26)
                    .duration(Duration.ofSeconds(3)).rate(200).retry(RetryPolicy.fast())
                    .progress(SimulatorConfig.Progress.OFF).build());
            long sent = s.totals().forms().sent() + s.totals().taps().sent();
            // only the upper bound is a property of the pacing; how many it reaches depends on the machine
            assertTrue(sent > 0 && sent <= 3 * 200 + 50, "never faster than 200/s over 3 s: " + sent);
            assertEquals(sent, s.totals().forms().accepted() + s.totals().taps().accepted());
            assertTrue(s.totals().taps().sent() > s.totals().forms().sent(), "kiosks tap more than links fill forms");
        }
    }

    @Test
    @Timeout(60)
    void normalMonthSendsTheLastThirtyDaysShapedByLocalOpeningHoursAndIngestTakesEveryEvent() throws Exception {
        try (FakeIngest ingest = new FakeIngest(DEVICES, id -> false)) {
            Instant before = Instant.now();
            SimulationSummary s = run(counted(ingest, 600, 2_400).scenario(ScenarioKind.NORMAL_MONTH).build());
            Instant after = Instant.now();

            assertTrue(ingest.errors.isEmpty(), () -> "the fake refused: " + ingest.errors);
            assertEquals("normal-month", s.scenario());
            assertEquals(new Counts(600, 600, 0, 0), s.totals().forms());
            assertEquals(new Counts(2_400, 2_400, 0, 0), s.totals().taps());
            assertEquals(3_000, ingest.clientTimes.size());
            Instant from = before.minus(Duration.ofDays(30));
            for (Instant t : ingest.clientTimes.values()) {
                assertTrue(!t.isBefore(from) && !t.isAfter(after), t + " outside the last 30 days");
            }
            Instant first = ingest.clientTimes.values().stream().min(Instant::compareTo).orElseThrow();
            Instant last = ingest.clientTimes.values().stream().max(Instant::compareTo).orElseThrow();
            assertTrue(first.isBefore(before.minus(Duration.ofDays(29))) && last.isAfter(before.minus(Duration.ofDays(1))),
                    "spread over the month: " + first + " .. " + last);
            OfficeDirectory directory = OfficeDirectory.pilot();
            Map<String, String> officeOf = new HashMap<>();
            DEVICES.forEach(d -> officeOf.put(d.deviceId(), d.officeCode()));
            ingest.tapDevices.forEach((tap, device) -> {
                ZoneId zone = RegionTimeZone.of(directory.office(officeOf.get(device)).orElseThrow().regionCode());
                LocalDateTime local = LocalDateTime.ofInstant(ingest.clientTimes.get(tap), zone);
                assertTrue(local.getDayOfWeek() != DayOfWeek.SUNDAY && local.getHour() >= 8 && local.getHour() < 19,
                        tap + " on " + device + " at " + local + " local");
            });
            // generated in time order: ids count up with the simulated clock (taps among themselves, forms too)
            for (String kind : List.of("-t", "-f")) {
                List<Instant> inOrder = ingest.clientTimes.entrySet().stream().filter(e -> e.getKey().contains(kind))
                        .sorted(Comparator.comparingLong(e -> Long.parseLong(
                                e.getKey().substring(e.getKey().lastIndexOf(kind) + 2), 36)))
                        .map(Map.Entry::getValue).toList();
                for (int i = 1; i < inOrder.size(); i++) {
                    assertFalse(inOrder.get(i).isBefore(inOrder.get(i - 1)), kind + " " + i);
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void kioskUnpluggedSilencesTheFirstKioskOfTheRunFrom30To60PercentOnly() throws Exception {
        try (FakeIngest ingest = new FakeIngest(DEVICES, id -> false)) {
            SimulationSummary s = run(counted(ingest, 0, 2_000).scenario(ScenarioKind.KIOSK_UNPLUGGED).build());
            assertEquals(new Counts(2_000, 2_000, 0, 0), s.totals().taps());
            String unplugged = DEVICES.get(0).deviceId();
            assertEquals(DEVICES.get(0).officeCode(), s.targetOffice());
            int[] phases = new int[3];
            ingest.tapDevices.forEach((tap, device) -> {
                // no forms: a tap's number is the run position in events
                long n = Long.parseLong(tap.substring(tap.lastIndexOf("-t") + 2), 36);
                int phase = n < 600 ? 0 : n < 1_200 ? 1 : 2;
                if (device.equals(unplugged)) {
                    phases[phase]++;
                }
            });
            assertEquals(0, phases[1], "nothing from " + unplugged + " while it is off");
            assertTrue(phases[0] > 0 && phases[2] > 0, "it taps before and after: " + java.util.Arrays.toString(phases));
            assertEquals(DEVICES.size(), ingest.tapDevices.values().stream().distinct().count(), "every kiosk tapped");
        }
    }

    @Test
    @Timeout(30)
    void unreachableIngestEndsWithFailedEventsNotAHang() throws Exception {
        SimulationSummary s = run(SimulatorConfig.builder().ingest(java.net.URI.create("http://127.0.0.1:1"))
                .respondents(5).forms(5L).runId("simdead01")
                .retry(new RetryPolicy(Duration.ofMillis(5), Duration.ofMillis(20), 3, Duration.ofSeconds(5)))
                .progress(SimulatorConfig.Progress.OFF).build());
        assertEquals(new Counts(5, 0, 0, 5), s.totals().forms());
        assertEquals(10, s.totals().retries(), "3 attempts each");
    }
}
