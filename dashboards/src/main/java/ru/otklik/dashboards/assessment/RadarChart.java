package ru.otklik.dashboards.assessment;

import java.util.List;
import java.util.Locale;

/**
 * The radar chart of a 360 report: one axis per competency, one polygon per role group (the same SVG in the page
 * and in the PDF export, so both show the same picture). A group without a figure on some axis (withheld there)
 * is drawn as points only, never as a polygon that would invent the missing value.
 */
public final class RadarChart {

    /** One series: a role group's label and its value per axis ({@code NaN} = no figure). */
    public record Series(String label, List<Double> values) {
    }

    private static final String[] COLOURS = {"#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#0a7ea4", "#bf3989"};
    private static final int SIZE = 420;
    private static final double CX = SIZE / 2.0;
    private static final double CY = SIZE / 2.0 - 10;
    private static final double R = 130;

    private RadarChart() {
    }

    public static String svg(String title, List<String> axes, List<Series> series, int scaleMax) {
        StringBuilder s = new StringBuilder();
        // the side margins hold the axis labels, which are written outward from the polygon
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\" viewBox=\"-120 0 ").append(SIZE + 240).append(' ')
                .append(SIZE + 20 * ((series.size() + 1) / 2)).append("\" role=\"img\" aria-label=\"").append(esc(title))
                .append("\"><title>").append(esc(title)).append("</title>");
        int n = Math.max(axes.size(), 3);
        for (int level = 1; level <= scaleMax; level++) {
            s.append("<polygon fill=\"none\" stroke=\"#d0d7de\" stroke-width=\"1\" points=\"");
            for (int i = 0; i < n; i++) {
                point(s, i, n, R * level / scaleMax);
            }
            s.append("\"/>");
        }
        for (int i = 0; i < axes.size(); i++) {
            double[] end = at(i, n, R);
            double[] label = at(i, n, R + 18);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d7de\"/>",
                    CX, CY, end[0], end[1]));
            String anchor = Math.abs(label[0] - CX) < 5 ? "middle" : label[0] > CX ? "start" : "end";
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\""
                    + " fill=\"#24292f\">", label[0], label[1] + 4, anchor)).append(esc(shorten(axes.get(i)))).append("</text>");
        }
        for (int k = 0; k < series.size(); k++) {
            Series one = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            boolean complete = one.values().size() == axes.size() && one.values().stream().noneMatch(v -> v.isNaN());
            if (complete && axes.size() >= 3) {
                s.append("<polygon fill=\"").append(colour).append("\" fill-opacity=\"0.12\" stroke=\"").append(colour)
                        .append("\" stroke-width=\"2\" points=\"");
                for (int i = 0; i < axes.size(); i++) {
                    point(s, i, n, R * one.values().get(i) / scaleMax);
                }
                s.append("\"/>");
            }
            for (int i = 0; i < one.values().size() && i < axes.size(); i++) {
                double v = one.values().get(i);
                if (!Double.isNaN(v)) {
                    double[] p = at(i, n, R * v / scaleMax);
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                            + "<title>%s: %.2f</title></circle>", p[0], p[1], colour, esc(one.label() + " · "
                            + axes.get(i)), v));
                }
            }
            double lx = -40 + (k % 2) * 250;
            double ly = SIZE - 6 + 20 * (k / 2);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#24292f\">", lx, ly - 10, colour, lx + 18, ly))
                    .append(esc(one.label())).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    private static void point(StringBuilder s, int i, int n, double radius) {
        double[] p = at(i, n, radius);
        s.append(String.format(Locale.ROOT, "%.1f,%.1f ", p[0], p[1]));
    }

    private static double[] at(int i, int n, double radius) {
        double angle = -Math.PI / 2 + 2 * Math.PI * i / n;
        return new double[]{CX + radius * Math.cos(angle), CY + radius * Math.sin(angle)};
    }

    private static String shorten(String label) {
        return label.length() <= 26 ? label : label.substring(0, 25) + "…";
    }

    private static String esc(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
