package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.HistoryQuery;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.figures.SurveyItems;
import ru.otklik.dashboards.report.IsoWeek;
import ru.otklik.dashboards.report.ReportScope;
import ru.otklik.dashboards.report.WeeklyReport;
import ru.otklik.dashboards.report.WeeklyReports;
import ru.otklik.infra.local.TestStack;

/**
 * The weekly report against a real ClickHouse ({@link WeeklyReportData}: two weeks of ORE-01 in UTC+5): its figures
 * against a hand computation, the CSV (BOM, separator, Cyrillic, numbers) and the PDF (text, embedded fonts, a first
 * page that is not blank) through the API, and access.
 */
class WeeklyReportIT {

    private static final double Z = 1.959963984540054;
    private static TestServer server;
    private static WeeklyReports reports;
    private static final SurveyItems ITEMS = new SurveyItems(SurveyCatalog.builtIn());

    @BeforeAll
    static void start() {
        WeeklyReportData.insert();
        TestStack stack = TestStack.shared();
        // "now" is a Wednesday of W11 in Orenburg: the last full week there is W10
        Clock wednesday = Clock.fixed(Instant.parse("2025-03-12T09:00:00Z"), ZoneOffset.UTC);
        reports = new WeeklyReports(OfficeDirectory.pilot(), ITEMS,
                new HistoryQuery(new ClickHouseReader(stack.clickHouse().httpUrl(), Duration.ofSeconds(10))),
                new ClickHouseReader(stack.clickHouse().httpUrl(), Duration.ofSeconds(10)), 30, wednesday);
        server = TestServer.start(5, wednesday);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static WeeklyReport office() {
        return reports.build(ReportScope.parse("office:" + WeeklyReportData.OFFICE, OfficeDirectory.pilot()).orElseThrow(),
                IsoWeek.parse(WeeklyReportData.WEEK).orElseThrow(), "ru");
    }

    private static WeeklyReport.Item item(WeeklyReport r, String id) {
        return r.items().stream().filter(i -> i.questionId().equals(id)).findFirst().orElseThrow();
    }

    /** The Wilson bounds written out here, not taken from the product's code. */
    private static void assertShare(long positive, long n, boolean sufficient, Share s) {
        assertEquals(n, s.n(), s.toString());
        assertEquals(positive, s.positive(), s.toString());
        assertEquals(sufficient, s.sufficient(), s.toString());
        double p = (double) positive / n;
        double centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n);
        double half = Z / (1 + Z * Z / n) * Math.sqrt(p * (1 - p) / n + Z * Z / (4.0 * n * n));
        assertEquals(p, s.share(), 1e-12, s.toString());
        assertEquals(centre - half, s.low(), 1e-9, s.toString());
        assertEquals(Math.min(1, centre + half), s.high(), 1e-9, s.toString());
    }

    /**
     * ORE-03's week: Q1 raw 40 answers (30 tens) on Tuesday of which a fraud flag left out 20 tens, 20 on Wednesday
     * with no flag, 10 on Thursday whose flag was dismissed (a clean row with nothing excluded: the raw row counts).
     * Clean: n = 20 + 20 + 10 = 50, positive 10 + 10 + 10 = 30; raw would be 70 and 50.
     */
    @Test
    void theReportShowsTheCleanFiguresAndWhatTheFlagsLeftOut() {
        IndicatorRows rows = new IndicatorRows(TestStack.shared().clickHouseHttp());
        String office = "ORE-03";
        rows.history("office", office, "all", "hour", Instant.parse("2025-03-04T06:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 30);
        rows.cleanHistory("office", office, "all", "hour", Instant.parse("2025-03-04T06:00:00Z"), "jc-seeker", "Q1", 1,
                20, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 10);
        rows.history("office", office, "all", "hour", Instant.parse("2025-03-05T06:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 0, 10, 0, 0, 0, 0, 10, 0);
        rows.history("office", office, "all", "hour", Instant.parse("2025-03-06T06:00:00Z"), "jc-seeker", "Q1", 1,
                0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0);
        rows.cleanHistory("office", office, "all", "hour", Instant.parse("2025-03-06T06:00:00Z"), "jc-seeker", "Q1", 2,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0);
        WeeklyReport r = reports.build(ReportScope.parse("office:" + office, OfficeDirectory.pilot()).orElseThrow(),
                IsoWeek.parse(WeeklyReportData.WEEK).orElseThrow(), "ru");
        assertShare(30, 50, true, item(r, "Q1").all().week());
        assertEquals(new WeeklyReport.Excluded(20, 0), r.excluded());
        // said on the page and in the CSV, which show the clean figures
        String federal = server.login("federal");
        String query = "?scope=office:" + office + "&week=" + WeeklyReportData.WEEK + "&lang=en";
        String page = server.get("/reports/weekly" + query, federal).body();
        assertTrue(page.contains("<p class=\"hint\" id=\"excluded\">Left out under fraud flags: 20 answers to the 1–10 items,"
                + " 0 kiosk taps</p>"), page);
        String csv = new String(server.getBytes("/api/v1/reports/weekly.csv" + query, federal).body(), StandardCharsets.UTF_8);
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("excluded;answers;") && l.split(";")[4].equals("20")), csv);
        assertFalse(server.get("/reports/weekly?scope=office:" + WeeklyReportData.OFFICE + "&week=" + WeeklyReportData.WEEK
                + "&lang=en", federal).body().contains("id=\"excluded\""), "nothing left out: nothing said");
        // ORE-01's week has no flag: nothing left out
        assertEquals(new WeeklyReport.Excluded(0, 0), office().excluded());
    }

    @Test
    void theWeeksFiguresAreTheHandComputationInTheRegionsLocalWeek() {
        WeeklyReport r = office();
        assertEquals("2025-W10", r.week());
        assertEquals("2025-W09", r.previousWeek());
        assertEquals("2025-03-03", r.from());
        assertEquals("2025-03-09", r.to());
        assertEquals("Asia/Yekaterinburg", r.zone());
        assertEquals(WeeklyReportData.OFFICE_NAME, r.scopeName());

        // Q1: 40 on Monday + 6 in the first local hour (19:00Z on Sunday in UTC); the 50 of 23:00 Sunday local are W09's
        WeeklyReport.Item q1 = item(r, "Q1");
        assertShare(34, 46, true, q1.all().week());
        assertShare(25, 50, true, q1.all().previous());
        assertEquals(34.0 / 46 - 0.5, q1.all().change(), 1e-12);
        assertShare(24, 32, true, q1.seekers().week());
        assertShare(10, 14, false, q1.employers().week());
        assertNull(q1.employers().change(), "no change below the minimum sample");
        assertEquals(ITEMS.label("Q1", "all", "ru"), q1.label());

        // Q2: n = 12 < 30: a share with n, flagged insufficient; Q5 sufficient now, insufficient before: no change
        assertShare(12, 12, false, item(r, "Q2").all().week());
        assertShare(30, 35, true, item(r, "Q5").all().week());
        assertShare(10, 10, false, item(r, "Q5").all().previous());
        assertNull(item(r, "Q5").all().change());
        assertEquals(0, item(r, "Q3").all().week().n());

        // the pooled index: every 1–10 item of the week, audiences together
        assertShare(34 + 12 + 30 + 15 + 20 + 31, 46 + 12 + 35 + 35 + 32 + 31, true, r.index().week());

        // top and bottom among the sufficient items: Q10 1.0, Q5 .857, Q1 .739, Q9 .625, Q6 .429
        assertEquals(List.of("Q10", "Q5", "Q1"), r.top().stream().map(WeeklyReport.Item::questionId).toList());
        assertEquals(List.of("Q6", "Q9"), r.bottom().stream().map(WeeklyReport.Item::questionId).toList(),
                "five sufficient items: the bottom leaves out those already on top");

        // kiosk: buttons 3–4 of 1–4, by local weekday
        assertShare(38, 53, true, r.kiosk().week());
        assertEquals(0, r.kiosk().previous().n());
        assertShare(30, 40, true, r.kioskByWeekday().get(0).satisfaction());
        assertEquals("2025-03-03", r.kioskByWeekday().get(0).date());
        assertShare(5, 10, false, r.kioskByWeekday().get(2).satisfaction());
        assertShare(3, 3, false, r.kioskByWeekday().get(6).satisfaction());
        assertEquals(0, r.kioskByWeekday().get(1).satisfaction().n());

        // coverage: forms of the week per audience, and the week before
        assertEquals(new WeeklyReport.Coverage(2, 1, 1, 0, 1, 0, 0, 0), r.coverage());
        // comments: the office's, this week's, newest first; the text and the day only
        assertEquals(List.of(new WeeklyReport.Comment("2025-03-06", "employer", "Долго ждали; нужен \"второй\" специалист"),
                new WeeklyReport.Comment("2025-03-04", "seeker", "Очень вежливый консультант, спасибо")), r.comments());
    }

    @Test
    void aRegionsReportIsItsOwnRowsAndItsOfficesResponses() {
        WeeklyReport r = reports.build(ReportScope.parse("region:ORE", OfficeDirectory.pilot()).orElseThrow(),
                IsoWeek.parse(WeeklyReportData.WEEK).orElseThrow(), "ru");
        assertShare(12, 20, false, item(r, "Q1").all().week());
        assertTrue(r.top().isEmpty(), "no item reaches the minimum sample");
        assertEquals(3, r.coverage().seekers());
        assertEquals(3, r.comments().size());
        assertTrue(r.comments().stream().anyMatch(c -> c.text().equals("Комментарий другого офиса")));
    }

    private static final String QUERY = "?scope=office:ORE-01&week=2025-W10&lang=ru";

    @Test
    void theCsvOpensInExcelWithBomSemicolonsAndCyrillic() {
        String session = server.login("region-ORE");
        HttpResponse<byte[]> r = server.getBytes("/api/v1/reports/weekly.csv" + QUERY, session);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertEquals("attachment; filename=\"otklik-weekly-ORE-01-2025-W10.csv\"",
                r.headers().firstValue("Content-Disposition").orElse(""));
        byte[] body = r.body();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "UTF-8 BOM first");
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<List<String>> rows = parse(text);
        assertTrue(rows.get(0).contains(WeeklyReportData.OFFICE_NAME), rows.get(0).toString());
        List<String> header = rows.get(1);
        assertEquals(13, header.size(), header.toString());
        List<String> q1 = row(rows, "indicator", "Q1", "all");
        assertEquals(ITEMS.label("Q1", "all", "ru"), q1.get(2), "the Cyrillic item text");
        assertEquals(List.of("46", "34", "73,9"), q1.subList(4, 7));
        assertEquals("да", q1.get(9));
        assertEquals(List.of("50", "50,0", "23,9"), q1.subList(10, 13), "previous week and the change in points");
        List<String> q2 = row(rows, "indicator", "Q2", "all");
        assertEquals(List.of("12", "12", "100,0"), q2.subList(4, 7));
        assertEquals("нет", q2.get(9), "insufficient data below n = 30");
        assertEquals("", q2.get(7), "no interval below the minimum sample");
        assertEquals(List.of("14", "10"), row(rows, "indicator", "Q1", "employer").subList(4, 6));
        assertEquals("2", row(rows, "coverage", "jc-seeker", "seeker").get(4));
        List<String> weekday = row(rows, "kiosk_weekday", "1", "all");
        assertEquals(List.of("40", "30", "75,0"), weekday.subList(4, 7));
        // a comment with the separator and quotes survives as one field
        assertTrue(rows.stream().anyMatch(x -> x.get(0).equals("comment") && x.get(2).equals("Долго ждали; нужен \"второй\" специалист")),
                text);
        assertFalse(text.contains("Комментарий другого офиса"));
        assertEquals(List.of("Q10", "Q5", "Q1"), rows.stream().filter(x -> x.get(0).equals("top")).map(x -> x.get(1)).toList());
    }

    @Test
    void thePdfHasTheOfficeInCyrillicEmbeddedFontsAndAPageThatIsNotBlank() throws Exception {
        String session = server.login("office-ORE-01");
        HttpResponse<byte[]> r = server.getBytes("/api/v1/reports/weekly.pdf" + QUERY, session);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"otklik-weekly-ORE-01-2025-W10.pdf\"",
                r.headers().firstValue("Content-Disposition").orElse(""));
        try (PDDocument doc = Loader.loadPDF(r.body())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains(WeeklyReportData.OFFICE_NAME), text);
            assertTrue(text.contains("Еженедельный отчёт"), text);
            assertTrue(text.contains("недостаточно данных"), "insufficient data is said: " + text);
            assertTrue(text.contains("Очень вежливый консультант"), text);
            int fonts = 0;
            for (PDPage page : doc.getPages()) {
                PDResources res = page.getResources();
                for (COSName name : res.getFontNames()) {
                    PDFont font = res.getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                    fonts++;
                }
            }
            assertTrue(fonts > 0, "the pages name their fonts");
            Files.createDirectories(PageBrowser.SCREENSHOTS);
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 1; i < doc.getNumberOfPages(); i++) { // the later pages too, to look at
                ImageIO.write(renderer.renderImageWithDPI(i, 60), "png",
                        PageBrowser.SCREENSHOTS.resolve("weekly-report-pdf-page" + (i + 1) + ".png").toFile());
            }
            BufferedImage page = renderer.renderImageWithDPI(0, 72);
            ImageIO.write(page, "png", PageBrowser.SCREENSHOTS.resolve("weekly-report-pdf-page1.png").toFile());
            long inked = 0;
            long blue = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    int rgb = page.getRGB(x, y) & 0xffffff;
                    if (rgb != 0xffffff) {
                        inked++;
                    }
                    if ((rgb & 0xff) > (rgb >> 16 & 0xff) + 60) {
                        blue++;
                    }
                }
            }
            double fraction = (double) inked / ((long) page.getWidth() * page.getHeight());
            assertTrue(fraction > 0.03, "page 1 is not blank: " + fraction);
            assertTrue(blue > 500, "the bar chart's blue bars are drawn on page 1: " + blue);
        }
    }

    @Test
    void accessIsThatOfEveryFigure() {
        String otherRegion = server.login("region-BRY");
        String otherOffice = server.login("office-ORE-02");
        for (String path : List.of("/api/v1/reports/weekly.csv", "/api/v1/reports/weekly.pdf", "/reports/weekly")) {
            assertEquals(403, server.get(path + QUERY, otherRegion).statusCode(), path);
            assertEquals(403, server.get(path + QUERY, otherOffice).statusCode(), path);
        }
        assertEquals(403, server.get("/api/v1/reports/weekly.csv?scope=region:ORE&week=2025-W10", otherOffice).statusCode());
        assertEquals(403, server.get("/api/v1/reports/weekly.csv?scope=office:XXX-99", otherRegion).statusCode(),
                "an unknown code is a 403, not a 404, for those who do not see everything");
        String federal = server.login("federal");
        assertEquals(404, server.get("/api/v1/reports/weekly.csv?scope=office:XXX-99", federal).statusCode());
        assertEquals(400, server.get("/api/v1/reports/weekly.csv?scope=office:ORE-01&week=2025-W60", federal).statusCode());
        assertEquals(400, server.get("/api/v1/reports/weekly.csv?scope=ORE-01", federal).statusCode());
        assertEquals(401, server.get("/api/v1/reports/weekly.csv" + QUERY, null).statusCode());
        // the viewer's own place and the last full week by default (the server's clock: Wednesday of W11)
        HttpResponse<byte[]> own = server.getBytes("/api/v1/reports/weekly.csv", server.login("office-ORE-01"));
        assertEquals(200, own.statusCode());
        assertEquals("attachment; filename=\"otklik-weekly-ORE-01-2025-W10.csv\"",
                own.headers().firstValue("Content-Disposition").orElse(""));
    }

    @Test
    void thePageSaysInsufficientDataAndLinksTheFiles() throws Exception {
        HttpResponse<String> page = server.get("/reports/weekly" + QUERY, server.login("region-ORE"));
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("Еженедельный отчёт"));
        assertTrue(html.contains("недостаточно данных (n=12)"), "Q2 with its n");
        assertTrue(html.contains("73.9%"), "Q1's share");
        assertTrue(html.contains("+23.9 п.п."), "Q1's change");
        assertTrue(html.contains("/api/v1/reports/weekly.pdf?scope=office:ORE-01&amp;week=2025-W10"));
        // the items' chart as ECharts will draw it: Q1's bar at its share, none for Q2 (its reason in the empty track)
        JsonNode items = chartOptions(html).stream().filter(o -> o.at("/yAxis/data/1").asText().startsWith("Q1. "))
                .findFirst().orElseThrow(() -> new AssertionError("no items chart in " + html));
        assertEquals(73.9, items.at("/series/1/data/1").asDouble(), 1e-9);
        assertTrue(items.at("/yAxis/data/2").asText().startsWith("Q2. "), items.at("/yAxis/data").toString());
        assertTrue(items.at("/series/1/data/2").isNull(), "no bar for Q2: " + items.at("/series/1/data"));
        assertEquals("недостаточно данных", items.at("/series/0/data/2/label/formatter").asText());
    }

    /** The options of the page's charts, read back from their data-chart attributes. */
    private static List<JsonNode> chartOptions(String html) throws Exception {
        List<JsonNode> options = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-chart=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            options.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.group(1).replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")));
        }
        return options;
    }

    private static List<String> row(List<List<String>> rows, String section, String code, String audience) {
        return rows.stream().filter(r -> r.size() > 3 && r.get(0).equals(section) && r.get(1).equals(code)
                && r.get(3).equals(audience)).findFirst().orElseThrow(() -> new AssertionError(section + " " + code));
    }

    /** A small RFC 4180 reader with ';' as the separator (quotes doubled inside quoted fields). */
    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                // CRLF: the \n ends the row
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
