package ru.otklik.dashboards.office;

import ru.otklik.dashboards.figures.Share;

/** One 1–10 item of an office: positive answers (8–10) of n answered, share with its 95% Wilson interval. */
public record IndicatorFigure(String questionId, String indicator, String group, String label, long n, long positive,
                              Double share, Double low, Double high, boolean sufficient) {

    static IndicatorFigure of(String questionId, String indicator, String group, String label, Share s) {
        return new IndicatorFigure(questionId, indicator, group, label, s.n(), s.positive(), s.share(), s.low(),
                s.high(), s.sufficient());
    }
}
