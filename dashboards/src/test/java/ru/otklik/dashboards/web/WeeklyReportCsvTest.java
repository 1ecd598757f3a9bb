package ru.otklik.dashboards.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The CSV's cells: quoting for Excel, no formula from a respondent's comment, numbers left alone. */
class WeeklyReportCsvTest {

    @Test
    void cellsAreQuotedAndNeverAFormula() {
        assertEquals("просто текст", WeeklyReportCsv.cell("просто текст"));
        assertEquals("\"a;b\"", WeeklyReportCsv.cell("a;b"));
        assertEquals("\"он сказал \"\"да\"\"\"", WeeklyReportCsv.cell("он сказал \"да\""));
        assertEquals("\"две\nстроки\"", WeeklyReportCsv.cell("две\nстроки"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", WeeklyReportCsv.cell("=HYPERLINK(\"x\")"),
                "a formula becomes text (and is quoted for its quotes)");
        assertEquals("'+7 900", WeeklyReportCsv.cell("+7 900"));
        assertEquals("'@cmd", WeeklyReportCsv.cell("@cmd"));
        assertEquals("'- плохо", WeeklyReportCsv.cell("- плохо"));
        assertEquals("-3,2", WeeklyReportCsv.cell("-3,2"), "a negative change stays a number");
        assertEquals("", WeeklyReportCsv.cell(null));
    }

    @Test
    void theFileStartsWithTheBomAndUsesCrLf() {
        byte[] csv = WeeklyReportCsv.render(WeeklyReportPdfTest.report(), "en");
        assertEquals("[-17, -69, -65]", Arrays.toString(Arrays.copyOf(csv, 3)));
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Weekly report;office:ORE-01;"), text);
        assertTrue(text.contains("\r\nindicator;Q1;"), text);
        assertTrue(text.contains(";75.0;"), "English files write decimal points: " + text);
    }
}
