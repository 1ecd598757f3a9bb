package ru.otklik.dashboards.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ru.otklik.dashboards.charts.Chart;
import ru.otklik.dashboards.charts.GroupBars;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.report.WeeklyReport;

/** What the weekly report's page and PDF show alike: the figures as text and the two bar charts. */
final class WeeklyReportViews {

    /** Bar labels are one line each: long statements are cut (the table beside has the whole text). */
    private static final int LABEL_CHARS = 32;

    private WeeklyReportViews() {
    }

    static String pct(Double share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** "73.3% (n=45)", or "insufficient data (n=12)" below the minimum sample, "—" when nobody answered. */
    static String share(Share s, String lang) {
        if (s.n() == 0) {
            return "— (n=0)";
        }
        if (!s.sufficient()) {
            return PageTexts.get("wrInsufficient", lang) + " (n=" + s.n() + ")";
        }
        return pct(s.share()) + " (n=" + s.n() + ")";
    }

    static String interval(Share s) {
        return s.sufficient() ? pct(s.low()) + "–" + pct(s.high()) : "—";
    }

    /** Percentage points with a sign, or the reason there is no comparison. */
    static String change(WeeklyReport.Figure f, String lang) {
        return f.change() == null ? PageTexts.get("wrNoChange", lang)
                : String.format(Locale.ROOT, "%+.1f", f.change() * 100) + ("en".equals(lang) ? " pp" : " п.п.");
    }

    static String itemLabel(WeeklyReport.Item i) {
        String text = i.questionId() + ". " + i.label();
        return text.length() <= LABEL_CHARS ? text : text.substring(0, LABEL_CHARS - 1).strip() + "…";
    }

    /** The pooled index and every item answered this week (the table beside lists the unanswered ones too). */
    static Chart itemsChart(WeeklyReport r, String lang) {
        List<GroupBars.Bar> bars = new ArrayList<>();
        bars.add(bar(PageTexts.get("wrIndex", lang), r.index().week(), lang));
        for (WeeklyReport.Item i : r.items()) {
            if (i.all().week().n() > 0) {
                bars.add(bar(itemLabel(i), i.all().week(), lang));
            }
        }
        return GroupBars.of(PageTexts.get("wrItems", lang), bars);
    }

    static Chart weekdayChart(WeeklyReport r, String lang) {
        List<GroupBars.Bar> bars = new ArrayList<>();
        for (WeeklyReport.Weekday d : r.kioskByWeekday()) {
            bars.add(bar(PageTexts.get("wrDay" + d.weekday(), lang) + " " + d.date().substring(5), d.satisfaction(), lang));
        }
        return GroupBars.of(PageTexts.get("wrByWeekday", lang), bars);
    }

    /**
     * Below the minimum sample no bar is drawn (a dashed empty track with the reason: none or too few), never a short
     * bar; above it the bar carries its interval, as the tables do.
     */
    private static GroupBars.Bar bar(String label, Share s, String lang) {
        return s.sufficient() ? new GroupBars.Bar(label + " · n=" + s.n(), s.share(), s.low(), s.high(), null)
                : GroupBars.Bar.of(label + " · n=" + s.n(), null, PageTexts.get(s.n() == 0 ? "wrNoData" : "wrInsufficient", lang));
    }

    static String audience(String code, String lang) {
        return switch (code) {
            case "seeker" -> PageTexts.get("wrSeekers", lang);
            case "employer" -> PageTexts.get("wrEmployers", lang);
            default -> code;
        };
    }

    /** What fraud flags left out of the week's figures, or null when nothing was (the page and the PDF say it). */
    static String excluded(WeeklyReport r, String lang) {
        WeeklyReport.Excluded e = r.excluded();
        if (e.answers() == 0 && e.kioskTaps() == 0) {
            return null;
        }
        return PageTexts.get("wrExcluded", lang).replace("{a}", Long.toString(e.answers()))
                .replace("{k}", Long.toString(e.kioskTaps()));
    }
}
