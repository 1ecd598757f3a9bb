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
        String id = runId + "-f" + Long.toString(forms++, 36);
        if (fraudSource != null && rng.nextDouble() < scenario.fakeFormShare(progress)) {
            return new Form(fraudSource.fakeForm(id, now), true, Sender.staffPc(fraudSource.office()));
        }
        if (respondents.isEmpty()) {
            throw new IllegalStateException("forms wanted but there are no online respondents");
        }
        OnlineRespondent respondent = respondents.get(rng.nextInt(respondents.size()));
        double q = qualityNow(respondent.office().code(), progress);
        SurveyResponse response = rng.nextDouble() < PULSE_SHARE
                ? respondent.nextPulse(id, now, q, rng)
                : respondent.nextForm(id, now, q, rng);
        return new Form(response, false, Sender.person(rng));
    }

    /** A tap on a random kiosk that is not silent; if the scenario silenced the pick, its neighbour taps. */
    public Tap tap(Instant now, double progress) {
        if (kiosks.isEmpty()) {
            throw new IllegalStateException("taps wanted but there are no kiosks");
        }
        int start = rng.nextInt(kiosks.size());
        for (int i = 0; i < kiosks.size(); i++) {
            VirtualKiosk kiosk = kiosks.get((start + i) % kiosks.size());
            if (!scenario.silent(kiosk.device().deviceId(), progress)) {
                String id = runId + "-t" + Long.toString(taps++, 36);
                return new Tap(kiosk, kiosk.nextTap(id, now, qualityNow(kiosk.office().code(), progress), rng));
            }
        }
        throw new IllegalStateException("every kiosk of the run is silent");
    }

    private double qualityNow(String officeCode, double progress) {
        return quality.of(officeCode) + scenario.qualityShift(officeCode, progress);
    }
}
