package ru.otklik.dashboards.charts;

import static ru.otklik.dashboards.charts.Chart.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Horizontal bars of shares (0–100 %), one per group, each with its label above it: the index's groups, an office's
 * coverage, the weekly report's items and weekdays. A group without a value is an empty, dashed track with its
 * reason — never a zero bar; a share with a confidence interval carries it as a bracket over the bar.
 */
public final class GroupBars {

    /**
     * One bar: its label, the share 0–1 or null, the interval's ends (null when the figure has none) and the text
     * shown when there is no share.
     */
    public record Bar(String label, Double share, Double low, Double high, String missing) {

        public static Bar of(String label, Double share, String missing) {
            return new Bar(label, share, null, null, missing);
        }

        boolean hasInterval() {
            return share != null && low != null && high != null;
        }
    }

    private static final int BAR_WIDTH = 14;
    private static final String BAR_COLOUR = Chart.SERIES_COLOURS.get(0);

    private GroupBars() {
    }

    public static Chart of(String title, List<Bar> bars) {
        List<String> labels = new ArrayList<>();
        List<Object> tracks = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        List<Object> intervals = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (Bar b : bars) {
            labels.add(b.label());
            shares.add(b.share() == null ? null : percent(b.share()));
            intervals.add(b.hasInterval() ? List.of(percent(b.low()), percent(b.low()), percent(b.share()),
                    percent(b.high()), percent(b.high())) : List.of());
            // the track under each bar, 0–100 %: it carries the figure as text at its end, or the reason inside it
            tracks.add(b.share() == null
                    ? obj("value", 100, "itemStyle", obj("color", "rgba(0,0,0,0)", "borderColor", "#8c959f",
                            "borderType", "dashed", "borderWidth", 1),
                    "label", obj("position", "insideLeft", "formatter", b.missing(), "color", Chart.MUTED, "fontSize", 11,
                            "fontWeight", "normal"))
                    : obj("value", 100, "label", obj("formatter", text(b.share()))));
            said.add(b.label() + " — " + (b.share() == null ? b.missing() : text(b.share())
                    + (b.hasInterval() ? " (" + text(b.low()) + "–" + text(b.high()) + ")" : "")));
        }
        List<Object> series = new ArrayList<>();
        series.add(obj("type", "bar", "name", "track", "silent", true, "barWidth", BAR_WIDTH, "barGap", "-100%",
                "data", tracks, "itemStyle", obj("color", Chart.TRACK, "borderRadius", 3),
                "label", obj("show", true, "position", "right", "color", Chart.TEXT, "fontSize", 12, "fontWeight", 600)));
        series.add(obj("type", "bar", "name", title, "silent", true, "barWidth", BAR_WIDTH, "data", shares,
                "itemStyle", obj("color", BAR_COLOUR, "borderRadius", 3)));
        if (bars.stream().anyMatch(Bar::hasInterval)) {
            // a box from the interval's low to its high end, the share marked inside: a bracket, not a second bar
            series.add(obj("type", "boxplot", "name", "interval", "silent", true, "boxWidth", List.of(8, 8),
                    "data", intervals, "itemStyle", obj("color", "rgba(0,0,0,0)", "borderColor", Chart.TEXT,
                            "borderWidth", 1.2)));
        }
        String description = title + ": " + String.join("; ", said);
        Map<String, Object> option = obj(
                "aria", Chart.aria(description),
                "grid", obj("left", 14, "right", 60, "top", 16, "bottom", 24),
                "xAxis", obj("type", "value", "min", 0, "max", 100, "interval", 25,
                        "axisLabel", obj("formatter", "{value}%", "color", Chart.MUTED),
                        "splitLine", obj("lineStyle", obj("color", Chart.TRACK))),
                // the labels inside the plot, above their bars: a phone has no width to spare for a label column
                "yAxis", obj("type", "category", "inverse", true, "data", labels, "axisLine", obj("show", false),
                        "axisTick", obj("show", false), "axisLabel", obj("inside", true, "verticalAlign", "bottom",
                                "padding", List.of(0, 0, BAR_WIDTH / 2 + 3, 0), "color", Chart.TEXT, "fontSize", 13)),
                "series", series);
        return new Chart(description, box(bars.size()), option);
    }

    /** A box tall enough for every bar with its label above it (about 36 px a bar at the least). */
    static Chart.Box box(int bars) {
        return bars <= 2 ? Chart.Box.SHORT : bars <= 5 ? Chart.Box.NORMAL : bars <= 8 ? Chart.Box.TALL : Chart.Box.BARS_20;
    }

    private static double percent(double share) {
        return Chart.percent(share);
    }

    private static String text(double share) {
        return Chart.percentText(share);
    }
}
