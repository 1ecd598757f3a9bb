package ru.otklik.common.assessment;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ru.otklik.common.survey.LocalizedText;

/**
 * The answer options of a competency model: points 0..max (the source: "0 to 5 or more"), each value at most
 * once, and optionally one "cannot judge" option without points. Every threshold of the classification is
 * scaled by {@code max / 5} ({@link Classification360}).
 */
public record AnswerScale(List<AnswerOption> options) {

    /** The largest maximum a scale may have (distributions are arrays indexed by points). */
    public static final int LARGEST_MAX = 10;

    public AnswerScale {
        options = List.copyOf(options);
        Set<String> codes = new HashSet<>();
        Set<Integer> points = new HashSet<>();
        int cannotJudge = 0;
        for (AnswerOption o : options) {
            if (!codes.add(o.code())) {
                throw new IllegalArgumentException("option code " + o.code() + " is used twice");
            }
            if (o.cannotJudge()) {
                cannotJudge++;
            } else if (!points.add(o.points())) {
                throw new IllegalArgumentException("two options score " + o.points() + " points");
            }
        }
        if (cannotJudge > 1) {
            throw new IllegalArgumentException("at most one option may be \"cannot judge\"");
        }
        if (points.size() < 2 || !points.contains(0)) {
            throw new IllegalArgumentException("a scale needs at least two scored options, one of them 0 points");
        }
    }

    /** The default scale: 0..5 points, each with an optional comment, and "cannot judge" (no comment). */
    public static AnswerScale zeroToFive() {
        String[][] labels = {
                {"0", "Не проявляется", "Never shown"},
                {"1", "Очень редко", "Very rarely"},
                {"2", "Редко", "Rarely"},
                {"3", "Иногда", "Sometimes"},
                {"4", "Часто", "Often"},
                {"5", "Всегда", "Always"}};
        java.util.ArrayList<AnswerOption> options = new java.util.ArrayList<>();
        for (String[] l : labels) {
            options.add(new AnswerOption("p" + l[0], new LocalizedText(l[1], l[2]), Integer.parseInt(l[0]), true, false));
        }
        options.add(new AnswerOption("cannot-judge", new LocalizedText("Не могу оценить", "Cannot judge"), null, false, false));
        return new AnswerScale(options);
    }

    /** The highest points of the scale. */
    public int max() {
        return options.stream().filter(o -> !o.cannotJudge()).mapToInt(AnswerOption::points).max().orElseThrow();
    }

    public Optional<AnswerOption> option(String code) {
        return options.stream().filter(o -> o.code().equals(code)).findFirst();
    }
}
