package ru.otklik.dashboards.web;

/** The top bar's links to the composite index, the methodology and the survey coverage pages. */
final class IndexNav {

    private IndexNav() {
    }

    static String links(String lang) {
        return "<a class=\"nav-index\" id=\"nav-composite\" href=\"/composite\">" + IndexTexts.esc("navIndex", lang) + "</a>"
                + "<a class=\"nav-index\" id=\"nav-methodology\" href=\"/methodology\">" + IndexTexts.esc("navMethodology", lang)
                + "</a>"
                + "<a class=\"nav-index\" id=\"nav-coverage\" href=\"/coverage\">" + CoverageTexts.esc("navCoverage", lang)
                + "</a>";
    }
}
