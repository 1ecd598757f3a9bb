package ru.otklik.dashboards.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.report.WeeklyReport;

/**
 * The weekly report as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the ANSI code
 * page and the Cyrillic is garbled) and {@code ;} between fields, the list separator of Russian Windows, so a double
 * click opens it in columns. A {@code sep=,} line instead would make Excel ignore the BOM. Russian files write
 * decimal commas, English ones points. One layout for every row: section, code, name, audience, then the figures.
 */
final class WeeklyReportCsv {

    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final char SEP = ';';

    private WeeklyReportCsv() {
    }

    static byte[] render(WeeklyReport r, String lang) {
        StringBuilder out = new StringBuilder();
        row(out, PageTexts.get("wrTitle", lang), r.scopeLevel() + ":" + r.scopeCode(), r.scopeName(), r.week(),
                r.from(), r.to(), r.zone(), PageTexts.get("wrMinimum", lang) + r.minimumSample());
        row(out, PageTexts.get("wrSection", lang), PageTexts.get("wrCode", lang), PageTexts.get("wrName", lang),
                PageTexts.get("wrAudience", lang), "n", PageTexts.get("wrPositive", lang),
                PageTexts.get("wrShare", lang) + ", %", PageTexts.get("wrLow", lang) + ", %",
                PageTexts.get("wrHigh", lang) + ", %", PageTexts.get("wrSufficient", lang), PageTexts.get("wrPrevN", lang),
                PageTexts.get("wrPrevShare", lang) + ", %", PageTexts.get("wrChange", lang));
        figure(out, "index", "index", PageTexts.get("wrIndex", lang), "all", r.index(), lang);
        for (WeeklyReport.Item i : r.items()) {
            figure(out, "indicator", i.questionId(), i.label(), "all", i.all(), lang);
            figure(out, "indicator", i.questionId(), i.label(), "seeker", i.seekers(), lang);
            figure(out, "indicator", i.questionId(), i.label(), "employer", i.employers(), lang);
        }
        figure(out, "kiosk", "kiosk", PageTexts.get("wrKiosk", lang), "all", r.kiosk(), lang);
        for (WeeklyReport.Weekday d : r.kioskByWeekday()) {
            figure(out, "kiosk_weekday", Integer.toString(d.weekday()), PageTexts.get("wrDay" + d.weekday(), lang) + " "
                    + d.date(), "all", new WeeklyReport.Figure(d.satisfaction(), null, null), lang);
        }
        WeeklyReport.Coverage c = r.coverage();
        coverage(out, "jc-seeker", PageTexts.get("wrSeekers", lang), "seeker", c.seekers(), c.previousSeekers());
        coverage(out, "jc-employer", PageTexts.get("wrEmployers", lang), "employer", c.employers(), c.previousEmployers());
        coverage(out, "kiosk-quick", PageTexts.get("wrKioskTaps", lang), "visitor", c.kioskTaps(), c.previousKioskTaps());
        coverage(out, "pulse", PageTexts.get("wrPulse", lang), "all", c.pulse(), c.previousPulse());
        // what fraud flags left out of the (clean) figures above: n = answers of the 1–10 items, kiosk taps
        row(out, "excluded", "answers", PageTexts.get("wrIndex", lang), "all", Long.toString(r.excluded().answers()),
                "", "", "", "", "", "", "", "");
        row(out, "excluded", "kiosk", PageTexts.get("wrKiosk", lang), "all", Long.toString(r.excluded().kioskTaps()),
                "", "", "", "", "", "", "", "");
        for (WeeklyReport.Item i : r.top()) {
            figure(out, "top", i.questionId(), i.label(), "all", i.all(), lang);
        }
        for (WeeklyReport.Item i : r.bottom()) {
            figure(out, "bottom", i.questionId(), i.label(), "all", i.all(), lang);
        }
        for (WeeklyReport.Comment cm : r.comments()) {
            row(out, "comment", cm.date(), cm.text(), cm.audience());
        }
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    private static void figure(StringBuilder out, String section, String code, String name, String audience,
                               WeeklyReport.Figure f, String lang) {
        Share w = f.week();
        Share p = f.previous();
        row(out, section, code, name, audience, Long.toString(w.n()), Long.toString(w.positive()), percent(w.share(), lang),
                percent(w.sufficient() ? w.low() : null, lang), percent(w.sufficient() ? w.high() : null, lang),
                PageTexts.get(w.sufficient() ? "wrYes" : "wrNo", lang), p == null ? "" : Long.toString(p.n()),
                p == null ? "" : percent(p.share(), lang), f.change() == null ? "" : number(f.change() * 100, lang));
    }

    private static void coverage(StringBuilder out, String code, String name, String audience, long forms, long previous) {
        row(out, "coverage", code, name, audience, Long.toString(forms), "", "", "", "", "", Long.toString(previous), "", "");
    }

    /** Empty below the minimum sample? No: the share is written with n and "sufficient" = no beside it. */
    private static String percent(Double share, String lang) {
        return share == null ? "" : number(share * 100, lang);
    }

    private static String number(double v, String lang) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return "en".equals(lang) ? s : s.replace('.', ',');
    }

    private static void row(StringBuilder out, String... fields) {
        List<String> cells = new ArrayList<>();
        for (String f : fields) {
            cells.add(cell(f));
        }
        out.append(String.join(String.valueOf(SEP), cells)).append("\r\n");
    }

    /**
     * Quoted when it holds the separator, a quote or a line break; text that Excel would take for a formula
     * (a comment starting with =, +, - or @) gets a leading apostrophe, so a respondent cannot plant one.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
            v = "'" + v;
        }
        if (v.indexOf(SEP) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static boolean isNumber(String v) {
        return v.matches("[+-]?\\d+([.,]\\d+)?");
    }
}
