package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.dashboards.access.AccountRules;
import ru.otklik.dashboards.access.StoredAccounts;
import ru.otklik.dashboards.access.UserAccounts;
import ru.otklik.dashboards.cases.CaseSettings;
import ru.otklik.dashboards.clickhouse.ClickHouseReader;
import ru.otklik.dashboards.clickhouse.HistoryQuery;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.delivery.MailChannel;
import ru.otklik.dashboards.figures.SurveyItems;
import ru.otklik.dashboards.report.IsoWeek;
import ru.otklik.dashboards.report.ReportScope;
import ru.otklik.dashboards.report.ReportSettings;
import ru.otklik.dashboards.report.ReportSubscriptions;
import ru.otklik.dashboards.report.WeeklyReportSchedule;
import ru.otklik.dashboards.report.WeeklyReports;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.dashboards.web.WeeklyReportMail;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/**
 * The weekly report e-mailed on its schedule (issue 14 §5) with the real dashboards, PostgreSQL, ClickHouse
 * ({@link WeeklyReportData}) and an SMTP server (GreenMail, in process): subscribed through the API, sent once on
 * the configured local day and time with the PDF attached, never again after more runs or a restart, and refused for
 * an account that may no longer see the place. The schedule runs as of chosen instants (a second server's schedule
 * against the same store); the server's own runs daily and stay out of the way.
 */
class WeeklyReportScheduleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reports go out on Monday at 08:00 local: for Orenburg (UTC+5) and W10, 2025-03-10T03:00Z. */
    private static final ReportSettings SETTINGS = new ReportSettings(DayOfWeek.MONDAY, LocalTime.of(8, 0),
            Duration.ofHours(24));
    private static final Instant DUE = Instant.parse("2025-03-10T03:00:00Z");
    private static final IsoWeek W10 = IsoWeek.parse("2025-W10").orElseThrow();

    private static GreenMail smtp;
    private static String jdbcUrl;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        WeeklyReportData.insert();
        jdbcUrl = OperationalDatabases.fresh("weekly_report_it");
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        server = TestServer.start(5, Clock.fixed(Instant.parse("2025-03-12T09:00:00Z"), ZoneOffset.UTC),
                OperationalSettings.none().withPostgres(jdbcUrl, PostgresServer.USER), DeliverySettings.none(),
                CaseSettings.defaults(), c -> c.withReports(SETTINGS));
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (smtp != null) {
                smtp.stop();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonNode subscribe(String user, String scope, String email, String language, int status) throws Exception {
        String session = server.login(user);
        String csrf = server.csrfOf(session, "/reports/weekly?week=2025-W10"); // their own place's page
        HttpResponse<String> r = server.postJson("/api/v1/reports/subscriptions", session, csrf,
                "{\"scope\":\"" + scope + "\",\"email\":\"" + email + "\",\"language\":\"" + language + "\"}");
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static WeeklyReportSchedule schedule(javax.sql.DataSource store) {
        TestStack stack = TestStack.shared();
        ClickHouseReader reader = new ClickHouseReader(stack.clickHouse().httpUrl(), Duration.ofSeconds(10));
        OfficeDirectory directory = OfficeDirectory.pilot();
        WeeklyReports reports = new WeeklyReports(directory, new SurveyItems(SurveyCatalog.builtIn()),
                new HistoryQuery(reader), reader, 30, Clock.systemUTC());
        UserAccounts accounts = new UserAccounts(new StoredAccounts(store, new AccountRules(directory)), directory);
        return new WeeklyReportSchedule(reports, new ReportSubscriptions(store),
                new WeeklyReportMail("https://otklik.example.org")::letter,
                new MailChannel(DeliverySettings.none().withSmtp("127.0.0.1", smtp.getSmtp().getPort()))::send,
                username -> accounts.find(username).map(accounts::scopeOf), SETTINGS, Clock.systemUTC());
    }

    @Test
    void theReportIsMailedOnceOnTheLocalDayAndTimeWithThePdfAttached() throws Exception {
        JsonNode head = subscribe("office-ORE-01", "office:ORE-01", "head@example.org", "ru", 201);
        JsonNode manager = subscribe("region-ORE", "region:ORE", "manager@example.org", "en", 201);
        subscribe("office-ORE-02", "office:ORE-01", "other@example.org", "ru", 403);
        subscribe("office-ORE-01", "office:ORE-01", "not-an-address", "ru", 400);
        JsonNode mine = JSON.readTree(server.get("/api/v1/reports/subscriptions", server.login("office-ORE-01")).body());
        assertEquals(1, mine.path("subscriptions").size(), mine.toString());
        assertEquals("head@example.org", mine.path("subscriptions").get(0).path("email").asText());

        var store = new org.postgresql.ds.PGSimpleDataSource();
        store.setURL(jdbcUrl);
        store.setUser(PostgresServer.USER);
        // an account that subscribed, then lost the place (written to the store as if re-scoped since)
        ReportSubscriptions.Subscription stale = new ReportSubscriptions(store).subscribe("office-ORE-02", "old@example.org",
                ReportScope.parse("office:ORE-01", OfficeDirectory.pilot()).orElseThrow(), "ru");

        try (WeeklyReportSchedule schedule = schedule(store)) {
            // a minute early: nothing is due (W10 ended at Sunday midnight local, but the report goes at Monday 08:00)
            assertEquals(new WeeklyReportSchedule.Run(0, 0), schedule.runOnce(DUE.minusSeconds(60)));
            assertEquals(new WeeklyReportSchedule.Run(3, 2), schedule.runOnce(DUE));
            assertEquals(Optional.of("refused"), new ReportSubscriptions(store).state(stale.id(), W10),
                    "no longer allowed to see ORE-01: refused, not sent");
            // later runs the same week send nothing more
            assertEquals(new WeeklyReportSchedule.Run(0, 0), schedule.runOnce(DUE.plus(Duration.ofHours(5))));
        }
        // a restart (a new schedule on the same store) does not send the week again
        try (WeeklyReportSchedule restarted = schedule(store)) {
            assertEquals(new WeeklyReportSchedule.Run(0, 0), restarted.runOnce(DUE.plus(Duration.ofDays(2))));
        }

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(2, mails.length);
        MimeMessage toHead = List.of(mails).stream().filter(m -> recipient(m).equals("head@example.org")).findFirst()
                .orElseThrow();
        assertTrue(toHead.getSubject().contains("Еженедельный отчёт 2025-W10"), toHead.getSubject());
        assertTrue(toHead.getSubject().contains(WeeklyReportData.OFFICE_NAME), toHead.getSubject());
        String text = attachmentText(toHead);
        assertTrue(text.contains(WeeklyReportData.OFFICE_NAME), text);
        assertTrue(text.contains("недостаточно данных"), text);
        MimeMessage toManager = List.of(mails).stream().filter(m -> recipient(m).equals("manager@example.org")).findFirst()
                .orElseThrow();
        assertTrue(toManager.getSubject().startsWith("Weekly report 2025-W10: ORE"), toManager.getSubject());
        assertTrue(attachmentText(toManager).contains("insufficient data"));
        assertEquals(Optional.of("sent"), new ReportSubscriptions(store).state(head.path("id").asLong(), W10));
        assertEquals(Optional.of("sent"), new ReportSubscriptions(store).state(manager.path("id").asLong(), W10));

        // unsubscribing: the owner only
        String headSession = server.login("office-ORE-01");
        String csrf = server.csrfOf(headSession, "/reports/weekly?week=2025-W10");
        assertEquals(204, delete("/api/v1/reports/subscriptions/" + head.path("id").asLong(), headSession, csrf));
        assertEquals(404, delete("/api/v1/reports/subscriptions/" + manager.path("id").asLong(), headSession, csrf));
    }

    @Test
    void aHeadSubscribesAndUnsubscribesOnThePhone() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-ORE-02");
            b.open("/reports/weekly?week=2025-W10&lang=ru");
            b.waitFor("the form", () -> !b.driver.findElements(org.openqa.selenium.By.id("subscribe-email")).isEmpty());
            b.driver.findElement(org.openqa.selenium.By.id("subscribe-email")).sendKeys("head2@example.org");
            b.driver.findElement(org.openqa.selenium.By.cssSelector("#subscribe button")).click();
            b.waitFor("subscribed", () -> !b.driver.findElements(org.openqa.selenium.By.id("subscribed")).isEmpty());
            assertTrue(b.driver.findElement(org.openqa.selenium.By.id("subscribed")).getText().contains("head2@example.org"));
            assertTrue(b.scrollWidth() <= 390, "no horizontal scrolling at 390 px, got " + b.scrollWidth());
            b.js("document.getElementById('subscription').scrollIntoView()");
            org.openqa.selenium.OutputType<java.io.File> file = org.openqa.selenium.OutputType.FILE;
            java.nio.file.Files.copy(b.driver.getScreenshotAs(file).toPath(),
                    PageBrowser.SCREENSHOTS.resolve("weekly-report-phone-subscribed.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(1, ownPlace("head2@example.org"), "subscribed to ORE-02 in the store");
            b.driver.findElement(org.openqa.selenium.By.id("unsubscribe")).click();
            b.waitFor("the form again", () -> !b.driver.findElements(org.openqa.selenium.By.id("subscribe-email")).isEmpty());
            assertEquals(0, ownPlace("head2@example.org"));
        }
    }

    /** How many of office-ORE-02's subscriptions are to their own office with {@code email}. */
    private static long ownPlace(String email) throws Exception {
        JsonNode mine = JSON.readTree(server.get("/api/v1/reports/subscriptions", server.login("office-ORE-02")).body());
        long n = 0;
        for (JsonNode s : mine.path("subscriptions")) {
            n += s.path("scopeCode").asText().equals("ORE-02") && s.path("email").asText().equals(email) ? 1 : 0;
        }
        return n;
    }

    private static int delete(String path, String session, String csrf) {
        return server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + path)).DELETE()
                .header("Cookie", "otklik_session=" + session).header("X-CSRF-Token", csrf).build()).statusCode();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The attached PDF's text: it opens with PDFBox. */
    private static String attachmentText(MimeMessage m) throws Exception {
        Multipart parts = (Multipart) m.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
                assertEquals("otklik-weekly-" + (recipient(m).startsWith("head") ? "ORE-01" : "ORE") + "-2025-W10.pdf",
                        p.getFileName());
                assertTrue(p.getContentType().startsWith("application/pdf"), p.getContentType());
                try (InputStream in = p.getInputStream(); PDDocument doc = Loader.loadPDF(in.readAllBytes())) {
                    return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
                }
            }
        }
        throw new AssertionError("no attachment");
    }
}
