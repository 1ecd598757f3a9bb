package ru.otklik.dashboards.web;

import ru.otklik.dashboards.charts.ServerCharts;
import ru.otklik.dashboards.report.WeeklyReport;

/**
 * The weekly report as PDF: the same {@link WeeklyReport} and the same bar charts as the page (drawn to SVG by
 * {@link ServerCharts}), laid out as XHTML and rendered by {@link ReportPdf#pdf} (openhtmltopdf, Batik for the SVG,
 * the embedded Liberation Sans for Cyrillic).
 */
final class WeeklyReportPdf {

    private WeeklyReportPdf() {
    }

    static byte[] render(WeeklyReport r, String lang) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"")
                .append(" lang=\"").append(lang).append("\"><head><meta charset=\"utf-8\"/><title>")
                .append(Html.esc(PageTexts.get("wrTitle", lang) + " · " + r.scopeName() + " · " + r.week()))
                .append("</title><style>")
                .append(ReportPdf.FONT_FACE).append("@page { size: A4; margin: 14mm 12mm; } body { font-family: 'Liberation Sans'; font-size: 9pt; color: #24292f; }")
                .append(" h1 { font-size: 15pt; margin: 0 0 1mm; } h2 { font-size: 11pt; margin: 5mm 0 2mm; }")
                .append(" table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 0.5pt solid #d0d7de;")
                .append(" padding: 1mm 1.2mm; text-align: right; vertical-align: top; } th.item, td.item { text-align: left; font-weight: normal; }")
                .append(" tr.head td, tr.head th { background: #f6f8fa; font-weight: bold; } .hint { color: #57606a; font-size: 8pt; }")
                .append(" .chart { text-align: center; } .new-page { page-break-before: always; } .comment { margin: 0 0 1.5mm; } tr { page-break-inside: avoid; } table { -fs-table-paginate: paginate; }")
                .append("</style></head><body><h1>").append(Html.esc(PageTexts.get("wrTitle", lang))).append(" · ")
                .append(Html.esc(r.week())).append("</h1><p>").append(Html.esc(r.scopeCode() + " · " + r.scopeName()));
        if ("office".equals(r.scopeLevel())) {
            x.append(" · ").append(Html.esc(r.regionName()));
        }
        x.append("</p><p class=\"hint\">").append(Html.esc(PageTexts.get("wrLocalTime", lang))).append(' ')
                .append(Html.esc(r.from() + " – " + r.to() + " (" + r.zone() + ")")).append(" · ")
                .append(Html.esc(PageTexts.get("wrMinimum", lang))).append(r.minimumSample()).append("</p>");

        x.append("<table><tbody>");
        headline(x, PageTexts.get("wrIndex", lang), r.index(), lang);
        headline(x, PageTexts.get("wrKiosk", lang), r.kiosk(), lang);
        WeeklyReport.Coverage c = r.coverage();
        x.append("<tr><td class=\"item\">").append(Html.esc(PageTexts.get("wrCoverage", lang))).append("</td><td colspan=\"3\">")
                .append(Html.esc(PageTexts.get("wrSeekers", lang))).append(": ").append(c.seekers()).append(" · ")
                .append(Html.esc(PageTexts.get("wrEmployers", lang))).append(": ").append(c.employers()).append(" · ")
                .append(Html.esc(PageTexts.get("wrKioskTaps", lang))).append(": ").append(c.kioskTaps()).append(" · ")
                .append(Html.esc(PageTexts.get("wrPulse", lang))).append(": ").append(c.pulse()).append("<br/><span class=\"hint\">")
                .append(Html.esc(PageTexts.get("wrPrevious", lang))).append(": ").append(c.previousSeekers()).append(" · ")
                .append(c.previousEmployers()).append(" · ").append(c.previousKioskTaps()).append(" · ").append(c.previousPulse())
                .append(" · ").append(Html.esc(PageTexts.get("wrNoQuota", lang))).append("</span></td></tr>");
        x.append("</tbody></table>");
        String excluded = WeeklyReportViews.excluded(r, lang);
        if (excluded != null) {
            x.append("<p class=\"hint\">").append(Html.esc(excluded)).append("</p>");
        }

        // page 1: the headline, top and bottom, the kiosk's week; the items' chart (a bar per item) opens page 2
        ranking(x, PageTexts.get("wrTop", lang), r.top(), lang);
        ranking(x, PageTexts.get("wrBottom", lang), r.bottom(), lang);
        x.append("<h2>").append(Html.esc(PageTexts.get("wrByWeekday", lang))).append("</h2><div class=\"chart\">")
                .append(ServerCharts.svg(WeeklyReportViews.weekdayChart(r, lang), 95)).append("</div>");
        x.append("<h2 class=\"new-page\">").append(Html.esc(PageTexts.get("wrItems", lang))).append("</h2><div class=\"chart\">")
                .append(ServerCharts.svg(WeeklyReportViews.itemsChart(r, lang), 105)).append("</div><p class=\"hint\">")
                .append(Html.esc(PageTexts.get("wrChangeRule", lang))).append("</p>");
        x.append("<table><thead><tr class=\"head\"><th class=\"item\">").append(Html.esc(PageTexts.get("wrItem", lang)))
                .append("</th><th>").append(Html.esc(PageTexts.get("wrShare", lang))).append("</th><th>")
                .append(Html.esc(PageTexts.get("wrInterval", lang))).append("</th><th>").append(Html.esc(PageTexts.get("wrPrevious", lang)))
                .append("</th><th>").append(Html.esc(PageTexts.get("wrChange", lang))).append("</th><th>")
                .append(Html.esc(PageTexts.get("wrSeekers", lang))).append("</th><th>").append(Html.esc(PageTexts.get("wrEmployers", lang)))
                .append("</th></tr></thead><tbody>");
        for (WeeklyReport.Item i : r.items()) {
            x.append("<tr><td class=\"item\">").append(Html.esc(i.questionId() + ". " + i.label())).append("</td><td>")
                    .append(Html.esc(WeeklyReportViews.share(i.all().week(), lang))).append("</td><td>")
                    .append(Html.esc(WeeklyReportViews.interval(i.all().week()))).append("</td><td>")
                    .append(Html.esc(WeeklyReportViews.share(i.all().previous(), lang))).append("</td><td>")
                    .append(Html.esc(WeeklyReportViews.change(i.all(), lang))).append("</td><td>")
                    .append(Html.esc(WeeklyReportViews.share(i.seekers().week(), lang))).append("</td><td>")
                    .append(Html.esc(WeeklyReportViews.share(i.employers().week(), lang))).append("</td></tr>");
        }
        x.append("</tbody></table>");

        x.append("<h2>").append(Html.esc(PageTexts.get("wrComments", lang))).append("</h2>");
        if (r.comments().isEmpty()) {
            x.append("<p class=\"hint\">").append(Html.esc(PageTexts.get("wrNoComments", lang))).append("</p>");
        }
        for (WeeklyReport.Comment cm : r.comments()) {
            x.append("<p class=\"comment\"><span class=\"hint\">").append(Html.esc(cm.date())).append(" · ")
                    .append(Html.esc(WeeklyReportViews.audience(cm.audience(), lang))).append("</span> ")
                    .append(Html.esc(cm.text())).append("</p>");
        }
        x.append("</body></html>");
        return ReportPdf.pdf(x.toString());
    }

    private static void headline(StringBuilder x, String name, WeeklyReport.Figure f, String lang) {
        x.append("<tr><td class=\"item\">").append(Html.esc(name)).append("</td><td>")
                .append(Html.esc(WeeklyReportViews.share(f.week(), lang))).append("</td><td>")
                .append(Html.esc(WeeklyReportViews.interval(f.week()))).append("</td><td>")
                .append(Html.esc(PageTexts.get("wrPrevious", lang))).append(": ")
                .append(Html.esc(WeeklyReportViews.share(f.previous(), lang))).append(" · ")
                .append(Html.esc(WeeklyReportViews.change(f, lang))).append("</td></tr>");
    }

    private static void ranking(StringBuilder x, String title, java.util.List<WeeklyReport.Item> items, String lang) {
        x.append("<h2>").append(Html.esc(title)).append("</h2>");
        if (items.isEmpty()) {
            x.append("<p class=\"hint\">").append(Html.esc(PageTexts.get("wrNoRanking", lang))).append("</p>");
            return;
        }
        x.append("<table><tbody>");
        for (WeeklyReport.Item i : items) {
            x.append("<tr><td class=\"item\">").append(Html.esc(i.questionId() + ". " + i.label())).append("</td><td>")
                    .append(Html.esc(WeeklyReportViews.share(i.all().week(), lang))).append("</td><td>")
                    .append(Html.esc(WeeklyReportViews.change(i.all(), lang))).append("</td></tr>");
        }
        x.append("</tbody></table>");
    }
}
