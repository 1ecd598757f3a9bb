package ru.otklik.common.alert;

import java.time.Duration;

/**
 * Thresholds of the fraud flags (domain §8), each a count of matching responses within a window of
 * event time. Defaults and why:
 *
 * @param burstForms        forms from one address (IP hash) that make a burst: 5 within {@code burstWindow}
 *                          10 min (a family filling in together sends 2–3; a person at the office PC one
 *                          every few minutes at most)
 * @param duplicateForms    forms with the identical answer vector from one address and one device (IP hash
 *                          and user-agent hash): 3 within {@code duplicateWindow} 24 h (two can be a resend
 *                          with a new id; three are a copy). The device is part of the source because many
 *                          honest people share an address (mobile networks behind NAT, a visitor terminal)
 *                          and the commonest honest vector, all 10s, then repeats from one address
 *                          (measured: precision 0.46 by address alone, see {@code FraudFlagBenchmark})
 * @param duplicateMinimumAnswers only forms with at least this many answers are compared: 5 (short
 *                          vectors coincide by chance)
 * @param fastMillisPerItem a form filled in faster than this per answered item is implausibly fast:
 *                          1,500 ms (reading a statement and choosing from ten takes longer; the whole
 *                          15-item form in under 23 s)
 * @param fastForms         fast forms of one office within {@code fastWindow} 1 h that open a flag: 3 (about
 *                          1 % of honest people read that fast, so a single fast form is no evidence; a
 *                          script sends many); every further fast form joins it until an hour passes without one
 * @param kioskBurstTaps    taps of one kiosk touchpoint that make a burst: 30 within {@code kioskBurstWindow}
 *                          10 min (the pilot's busiest kiosk takes about 25 an hour)
 * @param staffForms        the staff pattern (domain §8; what the 2022 pilot found): web forms from the office's
 *                          own network ({@code OfficeNetworks}, decided by ingest) during its opening hours with
 *                          every score favourable (8–10, at least three scores): 5 within {@code staffWindow} 8 h, a
 *                          working day. The office's visitor terminal is on that network too, and about 40 % of
 *                          honest forms are all favourable: at 1–2 terminal forms a day, five such in one day
 *                          happen about once per office and year ({@code FraudFlagBenchmark}), three would
 *                          most weeks. Paper forms are typed in by staff from the office by design and never count
 * @param kioskRhythmTaps   taps of one touchpoint in a steady rhythm ({@link FraudSignal#KIOSK_RHYTHM}) that open
 *                          a flag: the last 20, within {@code kioskRhythmWindow} 5 min (20 taps of a rhythm of at
 *                          most 10 s take at most 3 min 10 s; twenty visitors in a row at clockwork intervals do
 *                          not happen)
 * @param duplicateFlatForms copies that make a duplicate flag when the vector is straight-lined (every score the
 *                          same): 5 within {@code duplicateWindow}. All 10s is the commonest honest form (a third of
 *                          the pilot's), so three of them from an office's visitor terminal in a day are what honest
 *                          visitors do; three copies of any other vector are not (measured: fraud_duplicate precision
 *                          0.45 with 3 for every vector, see {@code FraudFlagBenchmark})
 */
public record FraudSettings(int burstForms, Duration burstWindow, int duplicateForms, Duration duplicateWindow,
                            int duplicateMinimumAnswers, long fastMillisPerItem, int fastForms, Duration fastWindow,
                            int kioskBurstTaps, Duration kioskBurstWindow, int staffForms, Duration staffWindow,
                            int kioskRhythmTaps, Duration kioskRhythmWindow, int duplicateFlatForms)
        implements java.io.Serializable {

    public static final FraudSettings DEFAULTS = new FraudSettings(5, Duration.ofMinutes(10), 3, Duration.ofHours(24),
            5, 1_500, 3, Duration.ofHours(1), 30, Duration.ofMinutes(10), 5, Duration.ofHours(8), 20,
            Duration.ofMinutes(5), 5);

    public FraudSettings {
        if (burstForms < 2 || duplicateForms < 2 || duplicateFlatForms < 2 || kioskBurstTaps < 2 || duplicateMinimumAnswers < 1
                || fastMillisPerItem < 1 || fastForms < 1 || staffForms < 2 || kioskRhythmTaps < 3) {
            throw new IllegalArgumentException("fraud flags: counts must be at least 2 (answers, ms and fast forms at"
                    + " least 1, rhythm taps at least 3)");
        }
        for (Duration d : new Duration[] {burstWindow, duplicateWindow, fastWindow, kioskBurstWindow, staffWindow,
                kioskRhythmWindow}) {
            if (d == null || d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("fraud flags: windows must be positive and at most 7 days, got " + d);
            }
        }
    }
}
