package ru.otklik.dashboards.web;

/** Escaping for text and attribute values in server-rendered pages. */
final class Html {

    private Html() {
    }

    static String esc(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A chart's box: charts.js draws the option in {@code data-chart} on load; until then (and without script) the
     * box's label says what the chart shows.
     */
    static String chart(ru.otklik.dashboards.charts.Chart chart) {
        return "<div class=\"" + chart.box().cssClass + "\" data-chart=\"" + esc(chart.json()) + "\" role=\"img\" aria-label=\""
                + esc(chart.description()) + "\"></div>";
    }

    /** JSON placed inside a {@code <script type="application/json">}: "</" must not close the tag. */
    static String scriptJson(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\!--");
    }
}
