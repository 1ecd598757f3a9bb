package ru.otklik.common.assessment;

import java.util.List;
import ru.otklik.common.survey.LocalizedText;

/**
 * A rater role (domain §5): the four built-in ones and custom ones (e.g. manager's manager). The role code is
 * the role group of every aggregate.
 *
 * @param anonymityThreshold fewest answers of this role for its group to be shown on its own; below it the
 *                           group is merged into "others" (not applied to self and manager, who are known)
 * @param commentThreshold   fewest answers of this role for its comments to be shown
 */
public record RaterRole(String code, LocalizedText name, int anonymityThreshold, int commentThreshold) {

    public static final String SELF = "self";
    public static final String MANAGER = "manager";
    public static final String PEER = "peer";
    public static final String SUBORDINATE = "subordinate";
    /** The pseudo-group of every answer but self's (domain §5: "others" = all roles but self). */
    public static final String OTHERS = "others";
    public static final int DEFAULT_THRESHOLD = 3;

    public RaterRole {
        if (code == null || !code.matches("[a-z][a-z0-9_-]{0,39}") || OTHERS.equals(code)) {
            throw new IllegalArgumentException("role code must be 1-40 of [a-z0-9_-] starting with a letter and not "
                    + OTHERS + ", got " + code);
        }
        if (anonymityThreshold < 1 || commentThreshold < 1) {
            throw new IllegalArgumentException("role " + code + ": thresholds must be at least 1");
        }
    }

    /** Whether the role's answers are attributable anyway, so no threshold applies (self and manager). */
    public boolean known() {
        return SELF.equals(code) || MANAGER.equals(code);
    }

    public static List<RaterRole> builtIn() {
        return List.of(
                new RaterRole(SELF, new LocalizedText("Самооценка", "Self"), 1, 1),
                new RaterRole(MANAGER, new LocalizedText("Руководитель", "Manager"), 1, 1),
                new RaterRole(PEER, new LocalizedText("Коллеги", "Peers"), DEFAULT_THRESHOLD, DEFAULT_THRESHOLD),
                new RaterRole(SUBORDINATE, new LocalizedText("Подчинённые", "Subordinates"), DEFAULT_THRESHOLD,
                        DEFAULT_THRESHOLD));
    }
}
