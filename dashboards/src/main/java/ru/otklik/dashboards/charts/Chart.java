package ru.otklik.dashboards.charts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart as an Apache ECharts option: the page puts it in a {@code data-chart} attribute (charts.js draws it),
 * a PDF has {@link ServerCharts} draw the same option to SVG. The option is pure JSON (the pages' CSP runs no inline
 * script, so no formatter functions: ECharts' string templates only). {@code description} is the chart in words,
 * read by screen readers in place of the picture; {@code box} the page's box it is drawn into.
 */
public record Chart(String description, Box box, Map<String, Object> option) {

    /**
     * The boxes of dashboard.css that charts are drawn into (ECharts draws into its box's size, so a box needs a
     * height): the CSS class and its height in CSS pixels, which a PDF also draws at.
     */
    public enum Box {
        SHORT("echart short", 140), NORMAL("echart", 240), TALL("echart tall", 340), BARS_20("echart bars-20", 760),
        RADAR("echart radar", 420);

        public final String cssClass;
        public final int height;

        Box(String cssClass, int height) {
            this.cssClass = cssClass;
            this.height = height;
        }
    }

    /** The same colours, in the same order, as charts.js' {@code palette.series}: a PDF shows what the page shows. */
    static final List<String> SERIES_COLOURS = List.of("#0969da", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#1b7c83",
            "#bf3989", "#57606a");
    static final String TEXT = "#1f2328";
    static final String MUTED = "#57606a";
    static final String TRACK = "#eef1f4";
    static final String LINE = "#d0d7de";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public String json() {
        return json(option);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chart option that is not JSON", e);
        }
    }

    /**
     * An ordered JSON object from key–value pairs (ECharts reads no order, but a stable one keeps the pages' HTML
     * the same from one render to the next). A null value leaves its key out.
     */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                o.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return o;
    }

    /** A share 0–1 as the percent a chart plots, one decimal. */
    static double percent(double share) {
        return Math.round(share * 1000) / 10.0;
    }

    /** A share 0–1 as the text beside or under a mark: "73.9%". */
    static String percentText(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
    }

    /**
     * ECharts' aria with the chart's own description: it sets the box's {@code aria-label} to it, so the text a
     * screen reader gets is the one written here, not the library's generic series summary.
     */
    static Map<String, Object> aria(String description) {
        return obj("enabled", true, "label", obj("description", description));
    }
}
