package ru.otklik.dashboards.charts;

import static ru.otklik.dashboards.charts.Chart.obj;

import java.util.List;

/** The small bar in a table cell that shows how much of a 360 session's forms are in (0–100 %). */
public final class CompletionBar {

    private static final String DONE = "#1a7f37";
    private static final String TRACK = "#eaeef2";

    private CompletionBar() {
    }

    /** {@code percent} of the expected forms submitted, already rounded as the text beside the bar says it. */
    public static Chart of(int percent) {
        String description = percent + " %";
        return new Chart(description, Chart.Box.TABLE_CELL, obj(
                "aria", Chart.aria(description),
                "grid", obj("left", 0, "right", 0, "top", 0, "bottom", 0),
                "xAxis", obj("type", "value", "min", 0, "max", 100, "show", false),
                "yAxis", obj("type", "category", "data", List.of(""), "show", false),
                "series", List.of(obj("type", "bar", "silent", true, "barWidth", "100%", "data", List.of(percent),
                        "itemStyle", obj("color", DONE), "showBackground", true,
                        "backgroundStyle", obj("color", TRACK)))));
    }
}
