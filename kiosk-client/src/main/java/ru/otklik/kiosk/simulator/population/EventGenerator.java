package ru.otklik.kiosk.simulator.population;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.kiosk.simulator.scenario.Scenario;

/**
 * Decides what happens next across all virtual clients and produces it: a form from one of the
 * online respondents or a tap on one of the kiosks. One seeded generator drives everything, so
 * the same seed and run id give the same events in the same order. Not thread-safe: one thread
 * (the simulator's scheduler) calls it.
 */
public final class EventGenerator {

    /** A kiosk sees more visitors than one link/QR code gets forms. */
    public static final double KIOSK_WEIGHT = 2.0;
    /** Share of online forms that are the short NPS/CES/CSAT pulse instead of the questionnaire. */
    public static final double PULSE_SHARE = 0.08;

    public enum Kind { FORM, TAP }

    public sealed interface Event permits Form, Tap {
        String officeCode();
    }

    /** A form with where it comes from ({@link Sender}); {@code fake} for a staff-entered one of a scenario. */
    public record Form(SurveyResponse response, boolean fake, Sender sender) implements Event {
        @Override
        public String officeCode() {
            return response.officeCode();
        }
    }

    public record Tap(VirtualKiosk kiosk, KioskTap tap) implements Event {
        @Override
        public String officeCode() {
            return kiosk.office().code();
        }
    }

    private final List<OnlineRespondent> respondents;
    private final List<VirtualKiosk> kiosks;
    private final OfficeQuality quality;
    private final Scenario scenario;
    private final OnlineRespondent fraudSource;
    private final String runId;
    private final RandomGenerator rng;
    private long forms;
    private long taps;
    private double fakeCredit;
    private double fakeThreshold = 1;

    /**
     * @param fraudSource the link staff abuse in the fraud-burst scenario (null otherwise)
     */
    public EventGenerator(List<OnlineRespondent> respondents, List<VirtualKiosk> kiosks, OfficeQuality quality,
                          Scenario scenario, OnlineRespondent fraudSource, String runId, long seed) {
        this.respondents = List.copyOf(respondents);
        this.kiosks = List.copyOf(kiosks);
        this.quality = quality;
        this.scenario = scenario;
        this.fraudSource = fraudSource;
        this.runId = runId;
        this.rng = new SplittableRandom(seed);
    }

    /** What comes next in a timed run: proportional to the number of clients of each kind. */
    public Kind nextKind() {
        double kioskWeight = kiosks.size() * KIOSK_WEIGHT;
        double total = kioskWeight + respondents.size();
        if (total == 0) {
            throw new IllegalStateException("no kiosks and no respondents");
        }
        return rng.nextDouble() * total < kioskWeight ? Kind.TAP : Kind.FORM;
    }

    /** What comes next in a counted run, so both counts run out together. */
    public Kind nextKind(long formsLeft, long tapsLeft) {
        return rng.nextDouble() * (formsLeft + tapsLeft) < tapsLeft ? Kind.TAP : Kind.FORM;
    }

    public Event next(Kind kind, Instant now, double progress) {
        return kind == Kind.TAP ? tap(now, progress) : form(now, progress);
    }

    public Form form(Instant now, double progress) {
        if (respondents.isEmpty()) {
            if (fraudSource != null && fakeDue(progress)) {
                return fake(now);
            }
            throw new IllegalStateException("forms wanted but there are no online respondents");
        }
        return formBy(respondents.get(rng.nextInt(respondents.size())), now, progress);
    }

    /**
     * A form through this respondent's link, submitted at {@code clientTs} (the month walk picks the
     * respondent by the hour); a staff fake instead when the scenario's fakes are due.
     */
    public Form formBy(OnlineRespondent respondent, Instant clientTs, double progress) {
        if (fraudSource != null && fakeDue(progress)) {
            return fake(clientTs);
        }
        String id = nextFormId();
        double q = qualityNow(respondent.office().code(), progress);
        SurveyResponse response = rng.nextDouble() < PULSE_SHARE
                ? respondent.nextPulse(id, clientTs, q, rng)
                : respondent.nextForm(id, clientTs, q, rng);
        return new Form(response, false, Sender.person(rng));
    }

    /**
     * Whether this form is a staff fake: the scenario's share of forms, spaced steadily (every
     * 1/share forms, ±50 %) rather than at random, like staff working through a quota.
     */
    private boolean fakeDue(double progress) {
        double share = scenario.fakeFormShare(progress);
        if (share <= 0) {
            return false;
        }
        fakeCredit += share;
        if (fakeCredit < fakeThreshold) {
            return false;
        }
        fakeCredit -= fakeThreshold;
        fakeThreshold = rng.nextDouble(0.5, 1.5);
        return true;
    }

    private Form fake(Instant now) {
        return new Form(fraudSource.fakeForm(nextFormId(), now, rng), true, Sender.staff(fraudSource.office(), rng));
    }

    private String nextFormId() {
        return runId + "-f" + Long.toString(forms++, 36);
    }

    /**
     * A tap on a random kiosk that is not silent; if the scenario silenced the pick, another one is
     * drawn, so the silent kiosk's visitors spread evenly over the others.
     */
    public Tap tap(Instant now, double progress) {
        if (kiosks.isEmpty()) {
            throw new IllegalStateException("taps wanted but there are no kiosks");
        }
        for (int attempt = 0; attempt < 16 * kiosks.size() + 16; attempt++) {
            VirtualKiosk kiosk = kiosks.get(rng.nextInt(kiosks.size()));
            if (!scenario.silent(kiosk.device().deviceId(), progress)) {
                String id = runId + "-t" + Long.toString(taps++, 36);
                return new Tap(kiosk, kiosk.nextTap(id, now, qualityNow(kiosk.office().code(), progress), rng));
            }
        }
        if (kiosks.stream().allMatch(k -> scenario.silent(k.device().deviceId(), progress))) {
            throw new IllegalStateException("every kiosk of the run is silent");
        }
        return tap(now, progress); // astronomically unlikely: a long run of silent picks
    }

    /**
     * A tap on this kiosk stamped exactly {@code clientTs} (the month walk's simulated clock, which
     * keeps every event in time order; a kiosk's few seconds of clock drift would only shuffle them).
     */
    public Tap tapOn(VirtualKiosk kiosk, Instant clientTs, double progress) {
        if (scenario.silent(kiosk.device().deviceId(), progress)) {
            throw new IllegalStateException(kiosk.device().deviceId() + " is silent now");
        }
        String id = runId + "-t" + Long.toString(taps++, 36);
        return new Tap(kiosk, kiosk.tapAt(id, clientTs, qualityNow(kiosk.office().code(), progress), rng));
    }

    private double qualityNow(String officeCode, double progress) {
        return quality.of(officeCode) + scenario.qualityShift(officeCode, progress);
    }
}
