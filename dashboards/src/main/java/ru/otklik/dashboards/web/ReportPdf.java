package ru.otklik.dashboards.web;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.otklik.common.assessment.RaterRole;
import ru.otklik.dashboards.assessment.TargetReport;
import ru.otklik.dashboards.charts.Chart;
import ru.otklik.dashboards.charts.Radar;
import ru.otklik.dashboards.charts.ServerCharts;

/**
 * A 360 report as PDF: the same {@link TargetReport} (so the same anonymity merge) and the same radar as the page
 * (drawn to SVG by {@link ServerCharts}), laid out as XHTML and rendered by openhtmltopdf. Cyrillic needs a font
 * with it embedded: Liberation Sans, which PDFBox ships inside its jar, so no font has to be installed on the server.
 */
final class ReportPdf {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    /**
     * The font once more as a CSS font face, for the charts: openhtmltopdf hands Batik the document's font faces,
     * not the builder's fonts, and without it Batik would draw the charts' text in whatever font the server has.
     */
    static final String FONT_FACE = "@font-face { font-family: 'Liberation Sans'; src: url('" + fontUrl() + "'); } ";

    private ReportPdf() {
    }

    static byte[] render(TargetReport r, String sessionName, Map<String, RaterRole> roles, String lang) {
        List<String> columns = new ArrayList<>(r.groups());
        columns.add(RaterRole.OTHERS);
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"")
                .append(" lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\"/><title>")
                .append(Html.esc(r.targetName())).append("</title><style>")
                .append(FONT_FACE).append("@page { size: A4; margin: 16mm 14mm; } body { font-family: 'Liberation Sans'; font-size: 10pt; color: #24292f; }")
                .append(" h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; }")
                .append(" table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 0.5pt solid #d0d7de;")
                .append(" padding: 1.2mm 1.5mm; text-align: right; } th.item { text-align: left; font-weight: normal; }")
                .append(" tr.competency td, tr.competency th { background: #f6f8fa; } .classes { color: #57606a; font-size: 8.5pt; }")
                .append(" svg { display: block; margin: 0 auto; } .hint { color: #57606a; font-size: 8.5pt; }")
                .append("</style></head><body><h1>").append(Html.esc(r.targetName())).append("</h1><p class=\"hint\">")
                .append(Html.esc(sessionName)).append(" · ").append(Html.esc(PageTexts.get("a360Scale", lang))).append(" 0–")
                .append(r.scaleMax()).append("</p>");
        x.append(ServerCharts.svg(radar(r, columns, roles, lang), 172));
        for (TargetReport.CompetencyLine c : r.competencies()) {
            x.append("<h2>").append(Html.esc(c.competency().text())).append("</h2><table><thead><tr><th class=\"item\">")
                    .append(Html.esc(PageTexts.get("a360Indicator", lang))).append("</th>");
            for (String g : columns) {
                x.append("<th>").append(Html.esc(name(g, roles, lang))).append("</th>");
            }
            x.append("</tr></thead><tbody>");
            line(x, c.competency(), PageTexts.get("a360Average", lang), columns, lang, true);
            for (TargetReport.ItemLine i : c.indicators()) {
                line(x, i, i.text(), columns, lang, false);
            }
            x.append("</tbody></table>");
            for (TargetReport.ItemLine i : c.indicators()) {
                for (TargetReport.Comment cm : i.comments()) {
                    x.append("<p class=\"hint\">").append(Html.esc(i.text())).append(" — ").append(Html.esc(name(cm.group(), roles, lang)))
                            .append(": ").append(Html.esc(cm.text())).append("</p>");
                }
            }
        }
        x.append("<p class=\"hint\">").append(Html.esc(PageTexts.get("a360AnonymityHint", lang))).append("</p></body></html>");
        return pdf(x.toString());
    }

    /**
     * XHTML (inline SVG allowed) as PDF with the embedded Liberation Sans: the one renderer setup every PDF of the
     * dashboards uses (the 360 report, the weekly report). CSS must name {@code font-family: 'Liberation Sans'} and
     * carry {@link #FONT_FACE} for the charts.
     */
    static byte[] pdf(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.useFont(ReportPdf::font, "Liberation Sans");
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fontUrl() {
        java.net.URL url = ReportPdf.class.getResource(FONT);
        if (url == null) {
            throw new IllegalStateException("the PDF font is missing from the classpath: " + FONT);
        }
        return url.toExternalForm();
    }

    private static InputStream font() {
        InputStream in = ReportPdf.class.getResourceAsStream(FONT);
        if (in == null) {
            throw new IllegalStateException("the PDF font is missing from the classpath: " + FONT);
        }
        return in;
    }

    /** The page's radar and the PDF's: one axis per competency, one series per role group with a figure. */
    static Chart radar(TargetReport r, List<String> columns, Map<String, RaterRole> roles, String lang) {
        return Radar.of(PageTexts.get("a360Radar", lang), r.competencies().stream().map(c -> c.competency().text()).toList(),
                series(r, columns, roles, lang), r.scaleMax());
    }

    private static List<Radar.Series> series(TargetReport r, List<String> columns, Map<String, RaterRole> roles, String lang) {
        List<Radar.Series> series = new ArrayList<>();
        for (String g : columns) {
            List<Double> values = r.competencies().stream().map(c -> value(c.competency(), g)).toList();
            if (values.stream().anyMatch(v -> !v.isNaN())) {
                series.add(new Radar.Series(name(g, roles, lang), values));
            }
        }
        return series;
    }

    static double value(TargetReport.ItemLine line, String group) {
        if (RaterRole.OTHERS.equals(group)) {
            return line.others() == null ? Double.NaN : line.others().average();
        }
        return line.figures().stream().filter(f -> f.group().equals(group)).mapToDouble(TargetReport.Figure::average)
                .findFirst().orElse(Double.NaN);
    }

    static String name(String group, Map<String, RaterRole> roles, String lang) {
        if (RaterRole.OTHERS.equals(group)) {
            return PageTexts.get("a360Others", lang);
        }
        RaterRole role = roles.get(group);
        return role == null ? group : role.name().in(lang);
    }

    private static void line(StringBuilder x, TargetReport.ItemLine l, String label, List<String> columns, String lang,
                             boolean competency) {
        x.append(competency ? "<tr class=\"competency\">" : "<tr>").append("<th class=\"item\">").append(Html.esc(label));
        if (!l.classes().isEmpty()) {
            x.append("<br/><span class=\"classes\">").append(Html.esc(String.join(", ", l.classes().stream()
                    .map(c -> PageTexts.get("a360_" + c, lang)).toList()))).append("</span>");
        }
        x.append("</th>");
        for (String g : columns) {
            double v = value(l, g);
            x.append("<td>").append(Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v)).append("</td>");
        }
        x.append("</tr>");
    }
}
