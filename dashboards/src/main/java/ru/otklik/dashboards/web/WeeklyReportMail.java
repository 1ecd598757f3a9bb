package ru.otklik.dashboards.web;

import ru.otklik.dashboards.report.WeeklyReport;
import ru.otklik.dashboards.report.WeeklyReportSchedule;

/** The weekly report as the schedule e-mails it: a short text with the headline figures, and the same PDF as the download. */
public final class WeeklyReportMail {

    private final String publicUrl;

    /** @param publicUrl where the dashboards are reached, for the link to the page (the delivery's public URL) */
    public WeeklyReportMail(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public WeeklyReportSchedule.Letter letter(WeeklyReport r) {
        String lang = r.language();
        String subject = PageTexts.get("wrTitle", lang) + " " + r.week() + ": " + r.scopeCode() + " · " + r.scopeName();
        String text = PageTexts.get("wrTitle", lang) + " " + r.week() + " (" + r.from() + " – " + r.to() + ", " + r.zone()
                + ")\n" + r.scopeCode() + " · " + r.scopeName() + "\n\n"
                + PageTexts.get("wrIndex", lang) + ": " + WeeklyReportViews.share(r.index().week(), lang) + ", "
                + WeeklyReportViews.change(r.index(), lang) + "\n"
                + PageTexts.get("wrKiosk", lang) + ": " + WeeklyReportViews.share(r.kiosk().week(), lang) + "\n"
                + PageTexts.get("wrCoverage", lang) + ": " + (r.coverage().seekers() + r.coverage().employers()) + "\n\n"
                + publicUrl + "/reports/weekly?scope=" + r.scopeLevel() + ":" + r.scopeCode() + "&week=" + r.week()
                + "&lang=" + lang + "\n";
        return new WeeklyReportSchedule.Letter(subject, text, "otklik-weekly-" + r.scopeCode() + "-" + r.week() + ".pdf",
                WeeklyReportPdf.render(r, lang));
    }
}
