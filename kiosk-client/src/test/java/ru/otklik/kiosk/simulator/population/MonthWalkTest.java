package ru.otklik.kiosk.simulator.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.ClientTimes;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Validated;
import ru.otklik.kiosk.simulator.fleet.DeviceFleet;
import ru.otklik.kiosk.simulator.scenario.NormalMonth;
import ru.otklik.kiosk.simulator.scenario.ScenarioKind;
import ru.otklik.kiosk.simulator.send.WireFormat;

class MonthWalkTest {

    private static final OfficeDirectory DIRECTORY = OfficeDirectory.pilot();
    private static final SurveyCatalog CATALOG = SurveyCatalog.builtIn();
    private static final List<Office> OFFICES = List.copyOf(DIRECTORY.offices());
    private static final long SEED = 20260504L;

    /** One generated month: every event in generation order, with its office. */
    private record Event(Instant clientTs, boolean tap, Office office, SurveyResponse form) {
        LocalDateTime local() {
            return LocalDateTime.ofInstant(clientTs, RegionTimeZone.of(office.regionCode()));
        }
    }

    private static final class Month {
        final List<VirtualKiosk> kiosks = new ArrayList<>();
        final List<OnlineRespondent> respondents = new ArrayList<>();
        final EventGenerator generator;
        final MonthWalk walk;

        Month(Instant now, int kioskCount) {
            SplittableRandom setup = new SplittableRandom(SEED);
            for (KioskDevice d : DeviceFleet.create(OFFICES, kioskCount).devices()) {
                kiosks.add(new VirtualKiosk(d, DIRECTORY.office(d.officeCode()).orElseThrow(), setup));
            }
            for (int i = 0; i < OFFICES.size() * 4; i++) {
                respondents.add(new OnlineRespondent(OFFICES.get(i % OFFICES.size()), CATALOG, ProfileWeights.pilot()));
            }
            generator = new EventGenerator(respondents, kiosks, OfficeQuality.draw(OFFICES, SEED),
                    ScenarioKind.NORMAL_MONTH.create(null, null), null, "monthtest", SEED);
            walk = MonthWalk.before(now, NormalMonth.SPAN, kiosks, respondents, SEED);
        }

        Event event(MonthWalk.Slot slot, double progress) {
            EventGenerator.Event e = walk.event(generator, slot, progress);
            if (e instanceof EventGenerator.Tap t) {
                assertEquals(EventGenerator.Kind.TAP, slot.kind());
                return new Event(t.tap().clientTs(), true, t.kiosk().office(), null);
            }
            EventGenerator.Form f = (EventGenerator.Form) e;
            assertEquals(EventGenerator.Kind.FORM, slot.kind());
            return new Event(f.response().clientTs(), false, DIRECTORY.office(f.officeCode()).orElseThrow(),
                    f.response());
        }

        List<Event> counted(long forms, long taps) {
            walk.counted(forms, taps);
            List<Event> events = new ArrayList<>();
            long total = forms + taps;
            for (MonthWalk.Slot slot = walk.next(); slot != null; slot = walk.next()) {
                events.add(event(slot, (double) events.size() / total));
            }
            return events;
        }
    }

    @ParameterizedTest
    // ends on a Monday morning, on a Saturday evening, on a Friday night (Fridays then come 5 times, Mondays 4)
    @ValueSource(strings = {"2026-05-04T07:00:00Z", "2026-05-09T17:30:00Z", "2026-05-29T21:10:00Z"})
    void aCountedMonthFollowsTheWeekShapeInLocalTimeInTimeOrder(String end) {
        Instant now = Instant.parse(end);
        Month month = new Month(now, 52);
        List<Event> events = month.counted(20_000, 60_000);

        assertEquals(80_000, events.size());
        assertEquals(60_000, events.stream().filter(Event::tap).count(), "exactly the taps wanted");
        Instant from = now.minus(Duration.ofDays(30));
        Instant previous = from;
        Map<DayOfWeek, Long> perDay = new EnumMap<>(DayOfWeek.class);
        long[] tapsByHour = new long[24];
        for (Event e : events) {
            assertFalse(e.clientTs().isBefore(from) || e.clientTs().isAfter(now), e.clientTs() + " outside the month");
            assertFalse(e.clientTs().isBefore(previous), "time order: " + e.clientTs() + " after " + previous);
            previous = e.clientTs();
            LocalDateTime local = e.local();
            perDay.merge(local.getDayOfWeek(), 1L, Long::sum);
            if (e.tap()) {
                assertNotEquals(DayOfWeek.SUNDAY, local.getDayOfWeek(), "a kiosk tap on a Sunday: " + local);
                assertTrue(local.getHour() >= 9 && local.getHour() < 18, "a kiosk tap at " + local + " local");
                if (local.getDayOfWeek() == DayOfWeek.SATURDAY) {
                    assertTrue(local.getHour() >= 10 && local.getHour() < 14, "Saturday 10-14 only: " + local);
                }
                tapsByHour[local.getHour()]++;
            } else {
                assertTrue(e.form().startedTs().isBefore(e.clientTs()), "opened before it was sent");
                assertTrue(ClientTimes.violation(e.form().startedTs(), now) == null, "startedTs within 35 days");
            }
        }
        long monday = perDay.get(DayOfWeek.MONDAY);
        long friday = perDay.get(DayOfWeek.FRIDAY);
        long saturday = perDay.get(DayOfWeek.SATURDAY);
        long sunday = perDay.get(DayOfWeek.SUNDAY);
        assertTrue(monday > friday && friday > saturday && saturday > sunday,
                "Mon " + monday + " > Fri " + friday + " > Sat " + saturday + " > Sun " + sunday);
        assertTrue(sunday > 0, "online forms come on Sundays too");
        int peak = 0;
        for (int h = 0; h < 24; h++) {
            peak = tapsByHour[h] > tapsByHour[peak] ? h : peak;
        }
        assertTrue(peak >= 12 && peak <= 14, "lunch peak, got " + peak + " h: " + java.util.Arrays.toString(tapsByHour));
        long eveningForms = events.stream().filter(e -> !e.tap() && e.local().getHour() >= 19).count();
        assertTrue(eveningForms > 200 && eveningForms < 20_000 * 0.2, "a few online forms in the evening: " + eveningForms);
    }

    @Test
    void aTimedMonthWalksFromThirtyDaysAgoToNowAndEveryEventPassesTheValidator() {
        Instant now = Instant.parse("2026-05-04T10:00:00Z");
        Month month = new Month(now, 52);
        ResponseValidator validator = new ResponseValidator(CATALOG, DIRECTORY, Clock.fixed(now, ZoneOffset.UTC));
        int n = 30_000;
        Instant previous = Instant.MIN;
        Instant first = null;
        long taps = 0;
        for (int i = 0; i <= n; i++) {
            double progress = (double) i / n;
            MonthWalk.Slot slot = month.walk.next(progress);
            Event e = month.event(slot, progress);
            first = first == null ? e.clientTs() : first;
            assertFalse(e.clientTs().isBefore(previous), "time order");
            previous = e.clientTs();
            if (e.tap()) {
                taps++;
                LocalDateTime local = e.local();
                assertTrue(local.getDayOfWeek() != DayOfWeek.SUNDAY && local.getHour() >= 9 && local.getHour() < 18,
                        "a kiosk tap at " + local);
            }
            if (i % 10 == 0) {
                SurveyResponse asResponse = e.tap() ? null : e.form();
                if (asResponse != null) {
                    Validated<SurveyResponse> v = validate(validator, WireFormat.form(asResponse));
                    assertTrue(v.isValid(), () -> v.violations().toString());
                }
            }
        }
        assertTrue(Duration.between(now.minus(Duration.ofDays(30)), first).toHours() < 2, "starts 30 days ago: " + first);
        assertTrue(Duration.between(previous, now).toMinutes() < 10, "ends now: " + previous);
        // 52 kiosks weigh 2 each against 104 links: about even over the month, links over longer hours
        assertTrue(taps > n * 0.35 && taps < n * 0.65, "taps and forms mixed by the hour's weights: " + taps);
    }

    @Test
    void everyTapOfACountedMonthPassesTheValidatorAsIngestTurnsItIntoAResponse() {
        Instant now = Instant.parse("2026-05-04T10:00:00Z");
        Month month = new Month(now, 26);
        ResponseValidator validator = new ResponseValidator(CATALOG, DIRECTORY, Clock.fixed(now, ZoneOffset.UTC));
        month.walk.counted(0, 2_000);
        for (MonthWalk.Slot slot = month.walk.next(); slot != null; slot = month.walk.next()) {
            EventGenerator.Tap t = (EventGenerator.Tap) month.walk.event(month.generator, slot, 0);
            KioskDevice d = t.kiosk().device();
            SurveyResponse r = t.tap().toResponse(t.kiosk().office().regionCode(), d.officeCode(), d.touchpointId(), null);
            Validated<SurveyResponse> v = validate(validator, WireFormat.form(r));
            assertTrue(v.isValid(), () -> v.violations().toString());
        }
    }

    @Test
    void theDayShapeOfRealTimeRunsReadsTheSameWeekTable() {
        DayShape shape = DayShape.moscow(40, 100);
        WeekShape week = WeekShape.pilot();
        // Monday 12:30 Moscow is the week's peak
        assertEquals(1.0, shape.multiplier(Instant.parse("2026-05-04T09:30:00Z")), 1e-9);
        double sunday = shape.multiplier(Instant.parse("2026-05-03T09:30:00Z"));
        double expected = 100 * week.online(DayOfWeek.SUNDAY, 12) / week.peak(40 * EventGenerator.KIOSK_WEIGHT, 100);
        assertEquals(expected, sunday, 1e-9, "Sunday: online forms only");
        assertTrue(shape.multiplier(Instant.parse("2026-05-08T09:30:00Z"))
                < shape.multiplier(Instant.parse("2026-05-04T09:30:00Z")), "Friday lighter than Monday");
        assertEquals(0, week.kiosk(DayOfWeek.SATURDAY, 15), "Saturday closes at 14:00");
    }

    private static Validated<SurveyResponse> validate(ResponseValidator validator, byte[] json) {
        try {
            JsonNode tree = EventJson.mapper().readTree(json);
            return validator.validate(tree);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
