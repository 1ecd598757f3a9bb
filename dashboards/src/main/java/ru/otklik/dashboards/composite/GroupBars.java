package ru.otklik.dashboards.composite;

import java.util.List;
import java.util.Locale;

/**
 * The horizontal bar chart of the index's groups (0–100 %): one bar per group, a group without a value drawn as an
 * empty, dashed track with its reason — never as a zero bar.
 */
public final class GroupBars {

    /** One bar: label, value 0–1 or null, the text when there is no value. */
    public record Bar(String label, Double value, String missing) {
    }

    private static final int WIDTH = 360;
    private static final int LABEL = 0;
    private static final int ROW = 44;

    private GroupBars() {
    }

    public static String svg(String title, List<Bar> bars) {
        int height = ROW * bars.size() + 8;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"group-bars\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"").append(esc(title))
                .append("\"><title>").append(esc(title)).append("</title>");
        int track = WIDTH - LABEL - 60;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = i * ROW;
            s.append("<text x=\"0\" y=\"").append(y + 14).append("\" font-size=\"13\" fill=\"#1f2328\">")
                    .append(esc(b.label())).append("</text>");
            s.append("<rect x=\"0\" y=\"").append(y + 20).append("\" width=\"").append(track)
                    .append("\" height=\"14\" rx=\"3\" fill=\"#eef1f4\"")
                    .append(b.value() == null ? " stroke=\"#8c959f\" stroke-dasharray=\"4 3\"" : "").append("/>");
            if (b.value() != null) {
                double w = Math.max(0, Math.min(1, b.value())) * track;
                s.append("<rect x=\"0\" y=\"").append(y + 20).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"14\" rx=\"3\" fill=\"#1f6feb\"/>");
                s.append("<text x=\"").append(track + 6).append("\" y=\"").append(y + 32)
                        .append("\" font-size=\"13\" font-weight=\"600\" fill=\"#1f2328\">")
                        .append(String.format(Locale.ROOT, "%.0f%%", b.value() * 100)).append("</text>");
            } else {
                s.append("<text x=\"8\" y=\"").append(y + 31).append("\" font-size=\"11\" fill=\"#57606a\">")
                        .append(esc(b.missing())).append("</text>");
            }
        }
        return s.append("</svg>").toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String esc(String v) {
        return v == null ? "" : v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
