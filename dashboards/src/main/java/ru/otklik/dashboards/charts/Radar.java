package ru.otklik.dashboards.charts;

import static ru.otklik.dashboards.charts.Chart.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The radar of a 360 report: one axis per competency, one polygon per role group. A group without a figure on some
 * axis (withheld there) is drawn as points only, never as a polygon that would invent the missing value: ECharts'
 * radar would put a missing value at the centre, so such a group's points are a scatter series on a polar system
 * laid exactly over the radar (same centre, radius, start angle and turning direction).
 */
public final class Radar {

    /** One role group: its label and its value per axis ({@code NaN} = no figure). */
    public record Series(String label, List<Double> values) {

        boolean complete(int axes) {
            return values.size() == axes && values.stream().noneMatch(v -> v.isNaN());
        }
    }

    private static final String CENTRE_Y = "46%";
    private static final String RADIUS = "62%";
    /** Light enough that four or five groups' areas laid over each other still show each outline. */
    private static final double AREA_OPACITY = 0.07;

    private Radar() {
    }

    public static Chart of(String title, List<String> axes, List<Series> series, int scaleMax) {
        List<Object> indicators = axes.stream().<Object>map(a -> obj("name", a, "min", 0, "max", scaleMax)).toList();
        List<Object> polygons = new ArrayList<>();
        List<Object> all = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            Series one = series.get(k);
            String colour = Chart.SERIES_COLOURS.get(k % Chart.SERIES_COLOURS.size());
            List<String> figures = new ArrayList<>();
            for (int i = 0; i < axes.size() && i < one.values().size(); i++) {
                double v = one.values().get(i);
                figures.add(axes.get(i) + " " + (Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v)));
            }
            said.add(one.label() + ": " + String.join(", ", figures));
            if (one.complete(axes.size()) && axes.size() >= 3) {
                polygons.add(obj("name", one.label(), "value", one.values().stream().map(Radar::rounded).toList(),
                        "itemStyle", obj("color", colour), "lineStyle", obj("color", colour, "width", 2),
                        "areaStyle", obj("color", colour, "opacity", AREA_OPACITY)));
            } else {
                List<Object> points = new ArrayList<>();
                for (int i = 0; i < axes.size() && i < one.values().size(); i++) {
                    double v = one.values().get(i);
                    if (!Double.isNaN(v)) {
                        points.add(List.of(rounded(v), i));
                    }
                }
                all.add(obj("type", "scatter", "name", one.label(), "coordinateSystem", "polar", "symbolSize", 8,
                        "itemStyle", obj("color", colour), "data", points));
            }
        }
        all.add(0, obj("type", "radar", "name", title, "symbolSize", 6, "data", polygons));
        String description = title + ". " + String.join("; ", said);
        Map<String, Object> option = obj(
                "aria", Chart.aria(description),
                "legend", obj("bottom", 0, "data", series.stream().map(Series::label).toList(),
                        "textStyle", obj("color", Chart.TEXT)),
                "radar", obj("indicator", indicators, "center", List.of("50%", CENTRE_Y), "radius", RADIUS,
                        "startAngle", 90, "splitNumber", scaleMax, "splitArea", obj("show", false),
                        "splitLine", obj("lineStyle", obj("color", Chart.LINE)),
                        "axisLine", obj("lineStyle", obj("color", Chart.LINE)),
                        // long competency names wrap instead of running off a phone's screen
                        "axisName", obj("color", Chart.TEXT, "fontSize", 11, "width", 110, "overflow", "break")),
                // the polar system under the incomplete groups' points: invisible, it only places them
                "polar", obj("center", List.of("50%", CENTRE_Y), "radius", RADIUS),
                "angleAxis", obj("type", "value", "min", 0, "max", Math.max(axes.size(), 1), "startAngle", 90,
                        "clockwise", false, "show", false),
                "radiusAxis", obj("type", "value", "min", 0, "max", scaleMax, "show", false),
                "series", all);
        return new Chart(description, Chart.Box.RADAR, option);
    }

    private static double rounded(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
