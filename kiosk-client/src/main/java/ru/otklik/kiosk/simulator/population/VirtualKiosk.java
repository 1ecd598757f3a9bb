package ru.otklik.kiosk.simulator.population;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import ru.otklik.common.kiosk.KioskBatch;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.office.Office;
import ru.otklik.common.response.KioskTap;

/**
 * One smiley terminal in an office. It generates taps (buttons correlated with the office's
 * quality, a reason on some, folded repeat presses on a few) and keeps them in an outbox that is
 * sent as one signed batch every 1–2 s or at {@link #BATCH_TAPS} taps, one batch in flight at a
 * time, like the real agent forwarding its journal.
 *
 * <p>Thread-safety: the generator thread adds taps, the sender thread takes batches; the outbox
 * is guarded by this object's monitor.
 */
public final class VirtualKiosk {

    public static final int BATCH_TAPS = 50;
    /** Share of visitors who also pick a reason, higher after a bad visit. */
    static final double REASON_SHARE_UNHAPPY = 0.5;
    static final double REASON_SHARE_HAPPY = 0.2;
    /** Share of taps where the visitor pressed the same button again within 2 s. */
    static final double REPEAT_PRESS_SHARE = 0.05;

    private static final WeightedChoice UNHAPPY_REASON = WeightedChoice.pairs(
            "waiting_time", 35.0, "staff_attitude", 20.0, "competence", 12.0, "result", 18.0,
            "premises", 5.0, "information", 7.0, "other", 3.0);
    private static final WeightedChoice HAPPY_REASON = WeightedChoice.pairs(
            "waiting_time", 12.0, "staff_attitude", 35.0, "competence", 25.0, "result", 18.0,
            "premises", 4.0, "information", 4.0, "other", 2.0);

    private final KioskDevice device;
    private final Office office;
    private final Duration clockDrift;
    private final long flushIntervalNanos;

    private final List<KioskTap> outbox = new ArrayList<>();
    private long firstPendingNanos;
    private boolean batchInFlight;

    public VirtualKiosk(KioskDevice device, Office office, RandomGenerator rng) {
        this.device = device;
        this.office = office;
        // a kiosk's own clock is a little off; well inside the validator's 10 minutes ahead
        this.clockDrift = Duration.ofMillis(rng.nextLong(-30_000, 30_001));
        this.flushIntervalNanos = Duration.ofMillis(rng.nextLong(1_000, 2_001)).toNanos();
    }

    public KioskDevice device() {
        return device;
    }

    public Office office() {
        return office;
    }

    /**
     * One visitor's tap. Buttons: a latent satisfaction around the office quality cut at fixed
     * thresholds, so a weak office gets many more 1s and 2s.
     */
    public KioskTap nextTap(String tapId, Instant now, double quality, RandomGenerator rng) {
        return tapAt(tapId, now.plus(clockDrift), quality, rng);
    }

    /** A tap as {@link #nextTap}, stamped {@code clientTs} as it is (no clock drift added). */
    public KioskTap tapAt(String tapId, Instant clientTs, double quality, RandomGenerator rng) {
        double satisfaction = 0.6 + quality * 0.9 + rng.nextGaussian();
        int button = satisfaction < -1.0 ? 1 : satisfaction < -0.2 ? 2 : satisfaction < 0.7 ? 3 : 4;
        boolean unhappy = button <= 2;
        String reason = null;
        if (rng.nextDouble() < (unhappy ? REASON_SHARE_UNHAPPY : REASON_SHARE_HAPPY)) {
            reason = (unhappy ? UNHAPPY_REASON : HAPPY_REASON).draw(rng);
        }
        int suppressed = 0;
        if (rng.nextDouble() < REPEAT_PRESS_SHARE) {
            suppressed = 1 + (int) Math.min(8, Math.floor(-Math.log(1 - rng.nextDouble()) * 1.5));
        }
        return new KioskTap(tapId, device.deviceId(), button, reason, clientTs, suppressed);
    }

    public synchronized void enqueue(KioskTap tap, long nowNanos) {
        if (outbox.isEmpty()) {
            firstPendingNanos = nowNanos;
        }
        outbox.add(tap);
    }

    /**
     * The next batch to send, or null: only when none is in flight and the outbox is full or its
     * oldest tap waited the flush interval ({@code force} sends whatever is pending).
     */
    public synchronized KioskBatch takeBatch(long nowNanos, boolean force) {
        if (batchInFlight || outbox.isEmpty()) {
            return null;
        }
        boolean due = force || outbox.size() >= BATCH_TAPS || nowNanos - firstPendingNanos >= flushIntervalNanos;
        if (!due) {
            return null;
        }
        int n = Math.min(outbox.size(), Math.min(BATCH_TAPS, KioskBatch.MAX_TAPS));
        List<KioskTap> batch = new ArrayList<>(outbox.subList(0, n));
        outbox.subList(0, n).clear();
        firstPendingNanos = nowNanos;
        batchInFlight = true;
        return new KioskBatch(batch);
    }

    /** The batch in flight was answered (accepted, rejected or given up); the next may go. */
    public synchronized void batchDone() {
        batchInFlight = false;
    }

    public synchronized int pending() {
        return outbox.size() + (batchInFlight ? 1 : 0);
    }
}
