package ru.otklik.dashboards.charts;

import static ru.otklik.dashboards.charts.Chart.obj;

import java.util.ArrayList;
import java.util.List;

/**
 * The composite index of one place over its periods (quarters), 0–100 %: a line through the periods with a value,
 * broken where a period has none (its reason is the table's), each point labelled with its figure.
 */
public final class IndexTrend {

    /** One period: its code ("2025-Q4") and the index 0–1, or null without a value. */
    public record Point(String period, Double value) {
    }

    private IndexTrend() {
    }

    public static Chart of(String title, String noValue, List<Point> points) {
        List<String> periods = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (Point p : points) {
            periods.add(p.period());
            values.add(p.value() == null ? null : Chart.percent(p.value()));
            said.add(p.period() + " — " + (p.value() == null ? noValue : Chart.percentText(p.value())));
        }
        String description = title + ": " + String.join("; ", said);
        return new Chart(description, Chart.Box.SHORT, obj(
                "aria", Chart.aria(description),
                "grid", obj("left", 36, "right", 16, "top", 18, "bottom", 24),
                "xAxis", obj("type", "category", "data", periods, "axisLabel", obj("color", Chart.MUTED),
                        "axisLine", obj("lineStyle", obj("color", Chart.LINE))),
                "yAxis", obj("type", "value", "min", 0, "max", 100, "interval", 50,
                        "axisLabel", obj("formatter", "{value}%", "color", Chart.MUTED),
                        "splitLine", obj("lineStyle", obj("color", Chart.TRACK))),
                "series", List.of(obj("type", "line", "name", title, "data", values, "connectNulls", false,
                        "symbolSize", 7, "itemStyle", obj("color", Chart.SERIES_COLOURS.get(0)),
                        "label", obj("show", true, "formatter", "{c}%", "color", Chart.TEXT, "fontSize", 11)))));
    }
}
