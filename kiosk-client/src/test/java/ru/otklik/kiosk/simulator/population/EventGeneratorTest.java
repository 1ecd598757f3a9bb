package ru.otklik.kiosk.simulator.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.OfficeNetworks;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.validation.ResponseValidator;
import ru.otklik.common.validation.Validated;
import ru.otklik.kiosk.simulator.fleet.DeviceFleet;
import ru.otklik.kiosk.simulator.scenario.FraudBurst;
import ru.otklik.kiosk.simulator.scenario.KioskUnplugged;
import ru.otklik.kiosk.simulator.scenario.Scenario;
import ru.otklik.kiosk.simulator.scenario.ScenarioKind;
import ru.otklik.kiosk.simulator.send.WireFormat;

class EventGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final OfficeDirectory DIRECTORY = OfficeDirectory.pilot();
    private static final SurveyCatalog CATALOG = SurveyCatalog.builtIn();
    private static final ProfileWeights WEIGHTS = ProfileWeights.pilot();
    private static final List<Office> OFFICES = List.copyOf(DIRECTORY.offices());
    private static final ResponseValidator VALIDATOR =
            new ResponseValidator(CATALOG, DIRECTORY, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final long SEED = 20260504L;

    private static EventGenerator generator(long seed, Scenario scenario, int kiosks) {
        OfficeQuality quality = OfficeQuality.draw(OFFICES, seed);
        List<OnlineRespondent> respondents = new ArrayList<>();
        for (int i = 0; i < OFFICES.size() * 4; i++) {
            respondents.add(new OnlineRespondent(OFFICES.get(i % OFFICES.size()), CATALOG, WEIGHTS));
        }
        java.util.SplittableRandom setup = new java.util.SplittableRandom(seed);
        List<VirtualKiosk> vk = new ArrayList<>();
        for (KioskDevice d : DeviceFleet.create(OFFICES, kiosks).devices()) {
            vk.add(new VirtualKiosk(d, DIRECTORY.office(d.officeCode()).orElseThrow(), setup));
        }
        OnlineRespondent fraud = scenario.targetOffice() == null ? null
                : new OnlineRespondent(DIRECTORY.office(scenario.targetOffice()).orElseThrow(), CATALOG, WEIGHTS);
        return new EventGenerator(respondents, vk, quality, scenario, fraud, "testrun01", seed);
    }

    private static List<SurveyResponse> forms(long seed, int n) {
        EventGenerator g = generator(seed, ScenarioKind.NORMAL.create(null, null), 0);
        List<SurveyResponse> forms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            forms.add(g.form(NOW, (double) i / n).response());
        }
        return forms;
    }

    private static Validated<SurveyResponse> validate(byte[] json) {
        try {
            JsonNode tree = EventJson.mapper().readTree(json);
            return VALIDATOR.validate(tree);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fiveThousandFormsAllPassTheIngestValidator() {
        List<SurveyResponse> forms = forms(SEED, 5_000);
        Set<String> ids = new HashSet<>();
        for (SurveyResponse r : forms) {
            Validated<SurveyResponse> v = validate(WireFormat.form(r));
            assertTrue(v.isValid(), () -> r.responseId() + ": " + v.violations());
            assertEquals(r.answers(), v.value().answers(), "validation must not drop answers");
            assertTrue(ids.add(r.responseId()), "ids are unique");
        }
        assertTrue(forms.stream().anyMatch(r -> r.surveyId().equals("pulse")), "some pulse forms");
        assertTrue(forms.stream().anyMatch(r -> r.comment() != null), "some comments");
    }

    @Test
    void tapsPassTheValidatorAsIngestTurnsThemIntoResponses() {
        EventGenerator g = generator(SEED, ScenarioKind.NORMAL.create(null, null), 52);
        int withReason = 0;
        int suppressed = 0;
        for (int i = 0; i < 3_000; i++) {
            EventGenerator.Tap t = g.tap(NOW, 0);
            KioskDevice d = t.kiosk().device();
            SurveyResponse asResponse = t.tap().toResponse(t.kiosk().office().regionCode(), d.officeCode(),
                    d.touchpointId(), null);
            Validated<SurveyResponse> v = validate(WireFormat.form(asResponse));
            assertTrue(v.isValid(), () -> v.violations().toString());
            withReason += t.tap().reason() != null ? 1 : 0;
            suppressed += t.tap().suppressedPresses() > 0 ? 1 : 0;
        }
        assertTrue(withReason > 300 && withReason < 1_500, "a reason on some taps: " + withReason);
        assertTrue(suppressed > 50 && suppressed < 300, "occasional repeat presses: " + suppressed);
    }

    @Test
    void mixMatchesThePilotWeights() {
        List<SurveyResponse> forms = forms(SEED, 5_000).stream().filter(r -> !r.surveyId().equals("pulse")).toList();
        List<SurveyResponse> seekers = forms.stream().filter(r -> r.audience() == Audience.SEEKER).toList();
        List<SurveyResponse> employers = forms.stream().filter(r -> r.audience() == Audience.EMPLOYER).toList();

        near("employer share", WEIGHTS.employerShare(), (double) employers.size() / forms.size(), 0.02);
        near("remote share", OnlineRespondent.REMOTE_SHARE, share(forms, r -> r.mode() == Mode.REMOTE), 0.02);
        assertTrue(forms.stream().filter(r -> r.mode() == Mode.REMOTE)
                .noneMatch(r -> r.answers().containsKey("Q2") || r.answers().containsKey("Q3")
                        || r.answers().containsKey("Q7")), "remote clients skip Q2/Q3/Q7");

        near("seekers contacted management", 0.121, yesShare(seekers, "Q12_gate"), 0.02);
        near("seekers used pre-booking", 0.212, yesShare(seekers, "Q13_gate"), 0.025);
        near("employers contacted management", 0.30, yesShare(employers, "Q12_gate"), 0.045);
        near("employers used pre-booking", 0.11, yesShare(employers, "Q13_gate"), 0.035);
        near("comments", 0.122, share(forms, r -> r.comment() != null), 0.015);

        near("female", 0.617, profileShare(seekers, p -> p.gender(), "female"), 0.025);
        near("age 30-39", 0.305 / 0.9984, profileShare(seekers, p -> p.ageBand(), "30-39"), 0.025);
        near("category none", 0.391, profileShare(seekers, p -> p.category(), "none"), 0.025);
        near("private Russian", 0.60, profileShare(employers, p -> p.ownership(), "private_russian"), 0.05);
        near("16-100 staff", 0.469, profileShare(employers, p -> p.orgSize(), "16_to_100"), 0.05);
        List<List<String>> traits = employers.stream().filter(r -> r.profile() != null && r.profile().traits() != null)
                .map(r -> r.profile().traits()).toList();
        near("seasonal demand", 0.17, (double) traits.stream().filter(t -> t.contains("seasonal_demand")).count()
                / traits.size(), 0.04);

        double q1Answered = share(forms, r -> r.answers().containsKey("Q1"));
        assertTrue(q1Answered > 0.95 && q1Answered < 0.995, "some items are left unanswered: " + q1Answered);
    }

    @Test
    void goodOfficesScoreClearlyHigherThanWeakOnes() {
        OfficeQuality quality = OfficeQuality.draw(OFFICES, SEED);
        assertTrue(quality.good().size() >= 2 && quality.weak().size() >= 2, "a few good and weak offices");
        List<SurveyResponse> forms = forms(SEED, 20_000);
        String good = quality.good().get(0);
        String weak = quality.weak().get(0);
        double goodShare = positiveShare(forms, good);
        double weakShare = positiveShare(forms, weak);
        assertTrue(goodShare > weakShare + 0.35, "good " + good + " " + goodShare + " vs weak " + weak + " " + weakShare);

        EventGenerator g = generator(SEED, ScenarioKind.NORMAL.create(null, null), 52);
        Map<String, int[]> happy = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            EventGenerator.Tap t = g.tap(NOW, 0);
            int[] c = happy.computeIfAbsent(t.officeCode(), k -> new int[2]);
            c[0] += t.tap().button() >= 3 ? 1 : 0;
            c[1]++;
        }
        double goodHappy = (double) happy.get(good)[0] / happy.get(good)[1];
        double weakHappy = (double) happy.get(weak)[0] / happy.get(weak)[1];
        assertTrue(goodHappy > weakHappy + 0.3, "kiosk happy share good " + goodHappy + " vs weak " + weakHappy);
    }

    @Test
    void sameSeedSameEventsOtherSeedOtherEvents() {
        assertEquals(json(SEED), json(SEED));
        assertNotEquals(json(SEED), json(SEED + 1));
    }

    @Test
    void qualityDropLowersTheTargetOfficeAfterTheStart() {
        String target = OfficeQuality.draw(OFFICES, SEED).best();
        EventGenerator g = generator(SEED, ScenarioKind.QUALITY_DROP.create(target, null), 0);
        List<SurveyResponse> before = new ArrayList<>();
        List<SurveyResponse> after = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            before.add(g.form(NOW, 0.1).response());
            after.add(g.form(NOW, 0.9).response());
        }
        double b = positiveShare(before, target);
        double a = positiveShare(after, target);
        assertTrue(a < b - 0.35, "positive share of " + target + " before " + b + " after " + a);
    }

    @Test
    void aSlowDeclineLowersTheTargetOfficeLittleByLittle() {
        String target = OfficeQuality.draw(OFFICES, SEED).best();
        EventGenerator g = generator(SEED, ScenarioKind.SLOW_DECLINE.create(target, null), 0);
        List<SurveyResponse> before = new ArrayList<>();
        List<SurveyResponse> early = new ArrayList<>();
        List<SurveyResponse> late = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            before.add(g.form(NOW, 0.2).response());
            early.add(g.form(NOW, 0.4).response());
            late.add(g.form(NOW, 1.0).response());
        }
        double b = positiveShare(before, target);
        double e = positiveShare(early, target);
        double l = positiveShare(late, target);
        assertTrue(e < b && e > b - 0.2, "a seventh of the way down, a small fall: before " + b + ", early " + e);
        assertTrue(l < b - 0.35, "at the end as far as quality-drop: before " + b + ", at the end " + l);
        assertEquals(0, ScenarioKind.SLOW_DECLINE.create(target, null).qualityShift("VLA-01".equals(target) ? "BRY-01"
                : "VLA-01", 1.0), "other offices keep their quality");
    }

    @Test
    void fraudBurstFakesAreVariedTopScoresFromTheOfficeNetworkSpreadSteadilyOverTheWindow() {
        String target = OfficeQuality.draw(OFFICES, SEED).weak().get(0);
        Office office = DIRECTORY.office(target).orElseThrow();
        OfficeNetworks networks = OfficeNetworks.parse(Sender.officeNetworks(OFFICES), DIRECTORY);
        EventGenerator g = generator(SEED, ScenarioKind.FRAUD_BURST.create(target, null), 0);
        int n = 40_000;
        List<Map<String, Answer>> vectors = new ArrayList<>();
        Set<String> agents = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        int[] byTwentieth = new int[20];
        long scores = 0;
        long scoreSum = 0;
        List<Long> fakeFill = new ArrayList<>();
        List<Long> honestFill = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double progress = (double) i / n;
            EventGenerator.Form f = g.form(NOW, progress);
            SurveyResponse r = f.response();
            long fill = java.time.Duration.between(r.startedTs(), r.clientTs()).toMillis();
            if (!f.fake()) {
                if (r.surveyId().equals("jc-seeker")) {
                    honestFill.add(fill);
                }
                continue;
            }
            assertTrue(progress >= Scenario.START && progress < FraudBurst.END, "a fake outside the window at " + progress);
            byTwentieth[(int) (progress * 20)]++;
            assertEquals(target, f.officeCode());
            Validated<SurveyResponse> v = validate(WireFormat.form(r));
            assertTrue(v.isValid(), () -> v.violations().toString());
            assertEquals(Mode.IN_PERSON, r.mode());
            for (Answer a : r.answers().values()) {
                if (a.isScore()) {
                    assertTrue(a.score() >= 7, "a fake's score " + a.score());
                    scores++;
                    scoreSum += a.score();
                }
            }
            vectors.add(r.answers());
            agents.add(f.sender().userAgent());
            addresses.add(f.sender().address());
            assertEquals(java.util.Optional.of(true), networks.contains(target, f.sender().address()),
                    f.sender().address() + " is in " + Sender.staffNetwork(office));
            fakeFill.add(fill);
        }
        int fakes = vectors.size();
        // 5 % of the 12,000 forms of the window; a steady pace, no burst and no gap in any 5 % of the run
        assertTrue(fakes > 500 && fakes < 700, "fakes: " + fakes);
        for (int t = 6; t < 12; t++) {
            int k = byTwentieth[t];
            assertTrue(k > fakes / 6 * 0.75 && k < fakes / 6 * 1.25, "fakes per twentieth " + Arrays.toString(byTwentieth));
        }
        double mean = (double) scoreSum / scores;
        assertTrue(mean >= 9 && mean < 9.9, "top-ish but not all 10: mean " + mean);
        long distinct = vectors.stream().distinct().count();
        assertTrue(distinct > fakes * 0.9, "the fakes' vectors differ: " + distinct + " distinct of " + fakes);
        assertTrue(agents.size() >= 3 && agents.size() <= 4, "a few staff browsers: " + agents);
        assertTrue(addresses.size() > 50, "addresses vary inside the office network: " + addresses.size());
        Collections.sort(fakeFill);
        Collections.sort(honestFill);
        assertTrue(fakeFill.get(0) >= 40_000, "no fake is filled in bot-fast: " + fakeFill.get(0) + " ms");
        assertTrue(fakeFill.get(fakeFill.size() / 2) < honestFill.get(honestFill.size() / 2),
                "staff who know the form are quicker than visitors, but human");
    }

    @Test
    void anUnpluggedKioskSendsNothingFrom30To60PercentThenTapsAgainAndTheOthersKeepTheirShare() {
        String device = "kiosk-BRY-01-01";
        EventGenerator g = generator(SEED, ScenarioKind.KIOSK_UNPLUGGED.create("BRY-01", device), 26);
        int n = 60_000;
        Map<String, int[]> perDevice = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            double progress = (double) i / n;
            String id = g.tap(NOW, progress).tap().deviceId();
            int phase = progress < Scenario.START ? 0 : progress < KioskUnplugged.END ? 1 : 2;
            perDevice.computeIfAbsent(id, k -> new int[3])[phase]++;
        }
        int[] target = perDevice.get(device);
        assertEquals(0, target[1], "no tap from the unplugged kiosk while it is off");
        assertTrue(target[0] > 400 && target[2] > 600, "it taps before and after: " + Arrays.toString(target));
        assertEquals(26, perDevice.size());
        for (Map.Entry<String, int[]> e : perDevice.entrySet()) {
            if (e.getKey().equals(device)) {
                continue;
            }
            int[] c = e.getValue();
            double before = c[0] / 0.3;
            double during = c[1] / 0.3;
            double after = c[2] / 0.4;
            // its visitors spread over all other kiosks (1/25 instead of 1/26 each), none gets a double share
            assertTrue(during / before > 0.85 && during / before < 1.25, e.getKey() + " " + Arrays.toString(c));
            assertTrue(after / before > 0.85 && after / before < 1.15, e.getKey() + " " + Arrays.toString(c));
        }
        assertEquals(false, ScenarioKind.KIOSK_UNPLUGGED.create("BRY-01", device).silent(device, 0.6),
                "back at 60 %, unlike silent-kiosk");
        assertEquals(true, ScenarioKind.SILENT_KIOSK.create("BRY-01", device).silent(device, 0.6));
    }

    private static List<String> json(long seed) {
        EventGenerator g = generator(seed, ScenarioKind.NORMAL.create(null, null), 26);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            EventGenerator.Event e = g.next(g.nextKind(), NOW, 0);
            events.add(e instanceof EventGenerator.Form f ? EventJson.toJson(f.response())
                    : EventJson.toJson(((EventGenerator.Tap) e).tap()));
        }
        return events;
    }

    private static double positiveShare(List<SurveyResponse> forms, String office) {
        long positive = 0;
        long answered = 0;
        for (SurveyResponse r : forms) {
            if (!r.officeCode().equals(office) || r.surveyId().equals("pulse")) {
                continue;
            }
            for (Answer a : r.answers().values()) {
                if (a.isScore()) {
                    answered++;
                    positive += a.score() >= 8 ? 1 : 0;
                }
            }
        }
        return (double) positive / answered;
    }

    private static double share(List<SurveyResponse> forms, Predicate<SurveyResponse> p) {
        return (double) forms.stream().filter(p).count() / forms.size();
    }

    private static double yesShare(List<SurveyResponse> forms, String gate) {
        List<Answer> answered = forms.stream().map(r -> r.answers().get(gate)).filter(a -> a != null).toList();
        return (double) answered.stream().filter(a -> "yes".equals(a.choice())).count() / answered.size();
    }

    private static double profileShare(List<SurveyResponse> forms, java.util.function.Function<ru.otklik.common.response.Profile, String> field,
                                       String value) {
        List<String> values = forms.stream().filter(r -> r.profile() != null).map(r -> field.apply(r.profile()))
                .filter(v -> v != null).toList();
        return (double) values.stream().filter(value::equals).count() / values.size();
    }

    private static void near(String what, double expected, double actual, double tolerance) {
        assertTrue(Math.abs(expected - actual) <= tolerance,
                what + ": expected " + expected + " ± " + tolerance + ", got " + actual);
    }
}
