package ru.otklik.common.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Channel;
import ru.otklik.common.office.OpeningHours;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.SurveyResponse;

/**
 * The fraud flags that count responses of one source within a window (domain §8), and which source
 * of which flag a response belongs to. A flag is an incident of one source: it opens when the source's
 * matching responses within the window reach the threshold, gathers every further one, and closes once
 * a whole window passes without one. Sources are hashes or codes, never personal data.
 */
public enum FraudSignal {

    /** Many forms from one address (IP hash) in a short time. */
    SOURCE_BURST("fraud_burst"),
    /** The same answer vector again and again from one address and device (IP hash and user-agent hash). */
    DUPLICATE_ANSWERS("fraud_duplicate"),
    /** Forms filled in faster than anyone reads them (not paper forms typed in by staff); the source is the office. */
    FAST_FORMS("fraud_fast"),
    /** Many taps of one kiosk touchpoint in a short time. */
    KIOSK_BURST("fraud_kiosk_burst"),
    /**
     * Web forms from the office's own network during its opening hours, every score favourable (8–10):
     * staff filling in for visitors (the 2022 pilot); the source is the office.
     */
    STAFF_NETWORK("fraud_staff"),
    /**
     * One kiosk touchpoint pressed at a steady rhythm (a finger or a gadget just slower than the agent's
     * press filter, which the server cannot take on trust): the last {@code kioskRhythmTaps} taps on
     * average at most {@link #RHYTHM_MAX_MEAN_MILLIS} apart and varying by at most
     * {@link #RHYTHM_MAX_VARIATION} of that.
     */
    KIOSK_RHYTHM("fraud_kiosk_rhythm");

    /** A rhythm's taps are on average at most this far apart (10 s: far quicker than visitors come). */
    public static final long RHYTHM_MAX_MEAN_MILLIS = 10_000;
    /**
     * ... and their intervals vary by at most this share of their mean (0.2: arrivals of people vary by about
     * their mean, 1.0; a hand keeping time, or a device, by a few per cent).
     */
    public static final double RHYTHM_MAX_VARIATION = 0.2;

    /**
     * The lowest score of 1–10 that counts as "top" for the staff pattern: the methodology's favourable band
     * (8–10). A staff member filling in for visitors writes "good" marks, not always 10s.
     */
    static final int TOP_SCORE = 8;
    /** A form needs at least this many scores to be "all top" (one 10 is no pattern). */
    static final int TOP_MINIMUM_SCORES = 3;

    private final String alertType;

    FraudSignal(String alertType) {
        this.alertType = alertType;
    }

    public String alertType() {
        return alertType;
    }

    /** The signal whose flags have {@code alertType}, if it is a fraud flag's type. */
    public static java.util.Optional<FraudSignal> ofAlertType(String alertType) {
        for (FraudSignal s : values()) {
            if (s.alertType.equals(alertType)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    /** Marks a duplicate source whose vector is straight-lined (every score the same): it needs more copies. */
    static final String FLAT = "/flat-";

    /**
     * How many matching responses of {@code source} within the window open a flag of this signal. The source
     * matters for duplicates only: a straight-lined vector ({@link #FLAT}) needs {@code duplicateFlatForms}.
     */
    public int threshold(FraudSettings s, String source) {
        return switch (this) {
            case SOURCE_BURST -> s.burstForms();
            case DUPLICATE_ANSWERS -> source != null && source.contains(FLAT) ? s.duplicateFlatForms() : s.duplicateForms();
            case FAST_FORMS -> s.fastForms();
            case KIOSK_BURST -> s.kioskBurstTaps();
            case STAFF_NETWORK -> s.staffForms();
            case KIOSK_RHYTHM -> s.kioskRhythmTaps();
        };
    }

    public Duration window(FraudSettings s) {
        return switch (this) {
            case SOURCE_BURST -> s.burstWindow();
            case DUPLICATE_ANSWERS -> s.duplicateWindow();
            case FAST_FORMS -> s.fastWindow();
            case KIOSK_BURST -> s.kioskBurstWindow();
            case STAFF_NETWORK -> s.staffWindow();
            case KIOSK_RHYTHM -> s.kioskRhythmWindow();
        };
    }

    /** A response's place in one signal: the signal and the source it counts for. */
    public record Match(FraudSignal signal, String source) {
    }

    /** Every source a response counts for, with the pilot's opening hours (see the other). */
    public static List<Match> of(SurveyResponse r, FraudSettings s) {
        return of(r, s, OpeningHours.pilot());
    }

    /**
     * Every source a response counts for. Kiosk taps only for kiosk bursts; 360 rater forms for none; the
     * staff pattern only within the office's {@code hours} (in its region's time zone).
     */
    public static List<Match> of(SurveyResponse r, FraudSettings s, OpeningHours hours) {
        List<Match> matches = new ArrayList<>(3);
        if (r.channel() == Channel.KIOSK) {
            if (r.touchpointId() != null && !r.touchpointId().isBlank()) {
                matches.add(new Match(KIOSK_BURST, r.touchpointId()));
                matches.add(new Match(KIOSK_RHYTHM, r.touchpointId()));
            }
            return matches;
        }
        if (r.channel() == Channel.RATER360) {
            return matches;
        }
        String ip = r.meta() == null ? null : r.meta().ipHash();
        if (ip != null && !ip.isBlank()) {
            matches.add(new Match(SOURCE_BURST, ip));
            if (r.answers().size() >= s.duplicateMinimumAnswers()) {
                String device = r.meta().userAgentHash() == null ? "" : r.meta().userAgentHash();
                matches.add(new Match(DUPLICATE_ANSWERS, ip + "/" + device + (flat(r) ? FLAT : "/") + vector(r)));
            }
        }
        // paper forms are typed in by staff from the sheet: their speed is the typist's, not the respondent's
        Long fill = r.meta() == null ? null : r.meta().fillMillis();
        if (r.channel() != Channel.PAPER && fill != null && fill >= 0 && !r.answers().isEmpty()
                && fill < s.fastMillisPerItem() * r.answers().size()) {
            matches.add(new Match(FAST_FORMS, ""));
        }
        if (r.channel() != Channel.PAPER && r.meta() != null && Boolean.TRUE.equals(r.meta().officeNetwork())
                && allTop(r) && hours.isOpen(r.clientTs(), RegionTimeZone.of(r.regionCode()))) {
            matches.add(new Match(STAFF_NETWORK, ""));
        }
        return matches;
    }

    /** Whether every score is the same (at least two scores): the straight-lined form, all 10s the commonest. */
    static boolean flat(SurveyResponse r) {
        int first = -1;
        int scores = 0;
        for (Answer a : r.answers().values()) {
            if (!a.isScore()) {
                continue;
            }
            if (first < 0) {
                first = a.score();
            } else if (a.score() != first) {
                return false;
            }
            scores++;
        }
        return scores >= 2;
    }

    /** Whether every score of the form is favourable (8–10 of 10), and it has enough of them to tell. */
    static boolean allTop(SurveyResponse r) {
        int scores = 0;
        for (Answer a : r.answers().values()) {
            if (!a.isScore()) {
                continue;
            }
            if (a.score() < TOP_SCORE) {
                return false;
            }
            scores++;
        }
        return scores >= TOP_MINIMUM_SCORES;
    }

    /** A short digest of the answers (item order is the map's, sorted): equal vectors, equal digests. */
    static String vector(SurveyResponse r) {
        StringBuilder text = new StringBuilder();
        for (var e : r.answers().entrySet()) {
            Answer a = e.getValue();
            text.append(e.getKey()).append('=').append(a.isScore() ? String.valueOf(a.score()) : a.choice()).append(';');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
