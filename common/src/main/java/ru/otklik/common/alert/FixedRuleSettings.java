package ru.otklik.common.alert;

import java.io.Serializable;

/**
 * The fixed drop rule's settings ({@link FixedDropRule}; HappyOrNot's default: 50 % bad in 15 minutes
 * with at least 4 observations) and which drop test the job runs: the statistical one, the fixed
 * rule, or both side by side (their incidents are told apart by type: {@code drop_kiosk} and
 * {@code drop_kiosk_fixed}).
 */
public record FixedRuleSettings(Rule rule, long windowSeconds, int minimum, double badShare) implements Serializable {

    /** Which drop test runs. */
    public enum Rule {
        /** The sequential test against the office's own baseline (the default). */
        CUSUM,
        /** Only the fixed rule. */
        FIXED,
        /** Both, for a comparison on live traffic. */
        BOTH;

        public boolean statistical() {
            return this != FIXED;
        }

        public boolean fixed() {
            return this != CUSUM;
        }
    }

    public static final FixedRuleSettings DEFAULTS = new FixedRuleSettings(Rule.CUSUM, 15 * 60, 4, 0.5);

    public FixedRuleSettings {
        if (rule == null) {
            throw new IllegalArgumentException("rule is required");
        }
        new FixedDropRule(windowSeconds, minimum, badShare); // the rule's own checks, with its message
    }

    public FixedDropRule newRule() {
        return new FixedDropRule(windowSeconds, minimum, badShare);
    }

    /** The alert type of the fixed rule's incidents for a signal ({@code drop_kiosk_fixed}, {@code drop_forms_fixed}). */
    public static String alertType(DropSignal signal) {
        return signal.alertType() + "_fixed";
    }
}
