package ru.otklik.common.alert;

import java.util.ArrayDeque;

/**
 * The market leader's fixed rule, kept as an option and as the baseline the statistical test is
 * compared with: an incident while at least {@code badShare} of the observations of the last
 * {@code windowSeconds} are bad and there are at least {@code minimum} of them (HappyOrNot's
 * default: 50 % unhappy in 15 minutes with at least 4 responses). It knows nothing of the scope's
 * own baseline, so its false-alarm rate depends on the traffic and the usual share, not on a setting.
 */
public final class FixedDropRule {

    private final long windowSeconds;
    private final int minimum;
    private final double badShare;
    /** The observations inside the window: {epoch seconds, 1 if bad else 0}, oldest first. */
    private final ArrayDeque<long[]> window = new ArrayDeque<>();
    private int badInWindow;
    private boolean open;

    public FixedDropRule(long windowSeconds, int minimum, double badShare) {
        if (windowSeconds < 1 || minimum < 1 || !(badShare > 0 && badShare <= 1)) {
            throw new IllegalArgumentException("fixed drop rule: window " + windowSeconds + " s, minimum " + minimum
                    + ", bad share " + badShare + " (need ≥ 1 s, ≥ 1, in (0, 1])");
        }
        this.windowSeconds = windowSeconds;
        this.minimum = minimum;
        this.badShare = badShare;
    }

    /** HappyOrNot's published default. */
    public static FixedDropRule happyOrNotDefault() {
        return new FixedDropRule(15 * 60, 4, 0.5);
    }

    /** One observation at {@code epochSeconds} (in time order); what it did to the incident. */
    public DropIncident.Change observe(long epochSeconds, boolean isBad) {
        window.addLast(new long[] {epochSeconds, isBad ? 1 : 0});
        if (isBad) {
            badInWindow++;
        }
        while (!window.isEmpty() && window.peekFirst()[0] <= epochSeconds - windowSeconds) {
            badInWindow -= (int) window.pollFirst()[1];
        }
        boolean holds = window.size() >= minimum && badInWindow >= badShare * window.size();
        if (holds && !open) {
            open = true;
            return DropIncident.Change.OPENED;
        }
        if (!holds && open) {
            open = false;
            return DropIncident.Change.CLOSED;
        }
        return DropIncident.Change.NONE;
    }

    public boolean isOpen() {
        return open;
    }

    public long windowSeconds() {
        return windowSeconds;
    }

    public int minimum() {
        return minimum;
    }

    public double badShare() {
        return badShare;
    }

    /** Observations inside the window after the last one. */
    public int observedInWindow() {
        return window.size();
    }

    public int badInWindow() {
        return badInWindow;
    }

    /** The format {@link #writeTo} writes. */
    private static final int FORMAT = 1;

    /** Its whole state (the settings are the caller's, as for {@link DropDetector}'s keyed state). */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeByte(FORMAT);
        out.writeBoolean(open);
        out.writeInt(window.size());
        for (long[] o : window) {
            out.writeLong(o[0]);
            out.writeBoolean(o[1] == 1);
        }
    }

    /** A rule of these settings in the state {@link #writeTo} wrote. */
    public static FixedDropRule readFrom(java.io.DataInput in, FixedRuleSettings settings) throws java.io.IOException {
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new java.io.IOException("FixedDropRule: unknown format " + format);
        }
        FixedDropRule rule = settings.newRule();
        rule.open = in.readBoolean();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            long at = in.readLong();
            boolean bad = in.readBoolean();
            rule.window.addLast(new long[] {at, bad ? 1 : 0});
            if (bad) {
                rule.badInWindow++;
            }
        }
        return rule;
    }
}
