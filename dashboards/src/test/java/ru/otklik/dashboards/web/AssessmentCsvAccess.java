package ru.otklik.dashboards.web;

import ru.otklik.dashboards.assessment.TargetReport;

/** Opens the report's CSV writer (package-private in the web layer) to the report tests. */
public final class AssessmentCsvAccess {

    private AssessmentCsvAccess() {
    }

    public static String csv(TargetReport report) {
        return AssessmentReports.csv(report, "ru");
    }
}
