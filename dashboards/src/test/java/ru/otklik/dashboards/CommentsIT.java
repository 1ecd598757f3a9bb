package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;

/**
 * What people wrote (issue 14 §4) over rows in the real ClickHouse, in places and a year no other test writes:
 * YAN-01 (Yamal, UTC+5) in May 2023 — 25 comments an hour apart (seekers even, employers odd), two more in the same
 * second, a response resent with another comment and other scores (shown once, as sent last), one resent without
 * its comment (not shown), an empty, a blank and a
 * kiosk comment (never shown); YAR-02 in 2023 for paging while a newer comment arrives. Each response has its scores
 * Q1 and Q2 in {@code otklik.answers}.
 */
class CommentsIT {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Instant MAY = Instant.parse("2023-05-01T06:00:00Z");
    /** Keys a comment list must never carry: none of them may reach a person. */
    private static final Pattern FORBIDDEN = Pattern.compile("(?i).*(employee|contact|phone|mail|ip|useragent|user_agent"
            + "|touchpoint|device|response_?id|responseId).*");
    private static ClickHouseHttp ch;
    private static TestServer server;

    @BeforeAll
    static void start() {
        ch = TestStack.shared().clickHouseHttp();
        for (int i = 0; i < 25; i++) {
            String audience = i % 2 == 0 ? "seeker" : "employer";
            response("cmt-yan-" + i, "YAN-01", audience.equals("seeker") ? "jc-seeker" : "jc-employer", audience,
                    MAY.plusSeconds(3600L * i), "Комментарий " + i, 1, 1 + i % 10, 10 - i % 10);
        }
        Instant tie = MAY.plusSeconds(3600L * 10 + 1800);
        response("cmt-yan-tie-a", "YAN-01", "jc-seeker", "seeker", tie, "Одна секунда А", 1, 8, 8);
        response("cmt-yan-tie-b", "YAN-01", "jc-seeker", "seeker", tie, "Одна секунда Б", 1, 9, 9);
        Instant resent = MAY.plusSeconds(3600L * 20 + 1800);
        response("cmt-yan-re", "YAN-01", "jc-seeker", "seeker", resent, "Первая версия", 1, 2, 3);
        response("cmt-yan-re", "YAN-01", "jc-seeker", "seeker", resent, "Вторая версия", 2, 9, 8);
        // resent without its comment: the last version has none, so the first one's text must not come back
        response("cmt-yan-cleared", "YAN-01", "jc-seeker", "seeker", resent.plusSeconds(60), "Будет стёрт", 1, 5, 5);
        response("cmt-yan-cleared", "YAN-01", "jc-seeker", "seeker", resent.plusSeconds(60), "", 2, 5, 5);
        Instant june = Instant.parse("2023-06-01T06:00:00Z"); // newer than all: would be first if shown
        response("cmt-yan-empty", "YAN-01", "jc-seeker", "seeker", june, "", 1, 1, 1);
        response("cmt-yan-blank", "YAN-01", "jc-seeker", "seeker", june.plusSeconds(1), "   ", 1, 1, 1);
        response("cmt-yan-kiosk", "YAN-01", "kiosk-quick", "visitor", june.plusSeconds(2), "Киоск", 1, 1, 1);
        for (int i = 0; i < 15; i++) {
            // 7 and 8 in the same second: a page boundary between them must keep both
            Instant at = MAY.plusSeconds(60L * (i == 8 ? 7 : i));
            response("cmt-yar-" + i, "YAR-02", "jc-seeker", "seeker", at, "Ярославль " + i, 1, 5, 5);
        }
        server = TestServer.start(5);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void response(String id, String office, String survey, String audience, Instant at, String comment,
                                 long version, int q1, int q2) {
        String ts = TS.format(at);
        String region = office.substring(0, 3);
        ch.execute("INSERT INTO otklik.responses (response_id, survey_id, survey_version, audience, channel, region_code,"
                + " office_code, employee_id, client_ts, received_ts, comment, version) VALUES ('" + id + "', '" + survey
                + "', 1, '" + audience + "', 'link', '" + region + "', '" + office + "', 'emp-secret-7', '" + ts + "', '"
                + ts + "', '" + comment.replace("'", "\\'") + "', " + version + ")");
        if (survey.equals("kiosk-quick")) {
            return;
        }
        StringBuilder values = new StringBuilder();
        String[] questions = {"Q1", "Q2"};
        int[] scores = {q1, q2};
        for (int i = 0; i < 2; i++) {
            values.append(i == 0 ? "" : ", ").append("('").append(id).append("', '").append(survey).append("', 1, '")
                    .append(questions[i]).append("', '").append(audience).append("', 'link', '").append(region)
                    .append("', '").append(office).append("', 'emp-secret-7', ").append(scores[i]).append(", '").append(ts)
                    .append("', ").append(version).append(')');
        }
        ch.execute("INSERT INTO otklik.answers (response_id, survey_id, survey_version, question_id, audience, channel,"
                + " region_code, office_code, employee_id, score, client_ts, version) VALUES " + values);
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return EventJson.mapper().readTree(r.body());
    }

    private static List<String> texts(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("comments").forEach(c -> out.add(c.path("text").asText()));
        return out;
    }

    private static JsonNode comment(JsonNode page, String text) {
        JsonNode found = null;
        for (JsonNode c : page.path("comments")) {
            if (c.path("text").asText().equals(text)) {
                assertTrue(found == null, text + " twice");
                found = c;
            }
        }
        assertNotNull(found, text + " not in " + page);
        return found;
    }

    @Test
    void newestFirstWithTheScoresOfTheSameResponse() throws Exception {
        JsonNode all = ok(server.get("/api/v1/offices/YAN-01/comments?size=100", server.login("office-YAN-01")));
        List<String> texts = texts(all);
        assertEquals(28, texts.size(), "25 + the two of one second + the resent one once: " + texts);
        assertEquals("Комментарий 24", texts.get(0));
        assertEquals("Комментарий 0", texts.get(27));
        Instant previous = Instant.MAX;
        for (JsonNode c : all.path("comments")) {
            Instant at = Instant.parse(c.path("at").asText());
            assertTrue(!at.isAfter(previous), "newest first");
            previous = at;
        }
        assertFalse(texts.contains("Первая версия"), "a resent response is its last version");
        assertFalse(texts.contains("Будет стёрт"), "a comment taken back by a resend is gone");
        assertFalse(texts.contains("Киоск") || texts.contains("") || texts.contains("   "), "no empty, blank or kiosk comment");
        JsonNode resent = comment(all, "Вторая версия");
        assertEquals(2, resent.path("scores").size());
        assertEquals("Q1", resent.path("scores").get(0).path("questionId").asText());
        assertEquals(9, resent.path("scores").get(0).path("score").asInt(), "the resent response's own scores");
        assertEquals(8, resent.path("scores").get(1).path("score").asInt());
        assertFalse(resent.path("scores").get(0).path("low").asBoolean());
        JsonNode three = comment(all, "Комментарий 3");
        assertEquals("employer", three.path("audience").asText());
        assertEquals("link", three.path("channel").asText());
        assertEquals(4, three.path("scores").get(0).path("score").asInt());
        assertTrue(three.path("scores").get(0).path("low").asBoolean(), "4 of 10 is below a positive answer");
        assertFalse(three.path("scores").get(0).path("label").asText().isBlank(), "the item's wording");
        OffsetDateTime local = OffsetDateTime.parse(three.path("localTime").asText());
        assertEquals(RegionTimeZone.of("YAN").getRules().getOffset(MAY), local.getOffset(), "the region's local time");
        assertEquals(MAY.plusSeconds(3 * 3600), local.toInstant());
        assertTrue(all.path("older").isNull() && all.path("newer").isNull(), "one page holds them all");

        JsonNode employers = ok(server.get("/api/v1/regions/YAN/comments?size=100&audience=employer",
                server.login("region-YAN")));
        assertEquals(12, employers.path("comments").size());
        employers.path("comments").forEach(c -> assertEquals("employer", c.path("audience").asText()));
        JsonNode first = ok(server.get("/api/v1/regions/YAN/comments", server.login("federal")));
        assertEquals(20, first.path("comments").size(), "20 by default");
        assertEquals("YAN-01", first.path("comments").get(0).path("officeCode").asText());
    }

    @Test
    void theCursorShowsEachCommentOnceWhileNewerOnesArrive() throws Exception {
        String session = server.login("federal");
        List<String> seen = new ArrayList<>();
        JsonNode page = ok(server.get("/api/v1/offices/YAR-02/comments?size=4", session));
        assertTrue(page.path("newer").isNull(), "the first page has nothing above it");
        seen.addAll(texts(page));
        // a newer comment arrives while the reader is on the first page
        response("cmt-yar-new", "YAR-02", "jc-seeker", "seeker", MAY.plusSeconds(3600), "Ярославль новый", 1, 7, 7);
        JsonNode second = null;
        while (!page.path("older").isNull()) {
            String cursor = page.path("older").asText();
            page = ok(server.get("/api/v1/offices/YAR-02/comments?size=4&cursor=" + URLEncoder.encode(cursor,
                    StandardCharsets.UTF_8), session));
            second = second == null ? page : second;
            seen.addAll(texts(page));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 14; i >= 0; i--) {
            if (i != 7 && i != 8) {
                expected.add("Ярославль " + i);
            } else if (i == 8) {
                expected.add("7/8");
            }
        }
        // 7 and 8 share a second: their order is the tie key's, both once
        int tie = seen.indexOf("Ярославль 7");
        assertTrue(tie >= 0 && seen.contains("Ярославль 8"), seen.toString());
        List<String> normalised = new ArrayList<>(seen);
        normalised.remove("Ярославль 7");
        normalised.set(normalised.indexOf("Ярославль 8"), "7/8");
        assertEquals(expected, normalised, "each comment exactly once, newest first, across pages");
        assertFalse(seen.contains("Ярославль новый"), "the newer one is above the first page, not inside the walk");

        // going back up from the second page: the first page's comments, then the new one above them
        assertNotNull(second);
        JsonNode up = ok(server.get("/api/v1/offices/YAR-02/comments?size=4&cursor="
                + URLEncoder.encode(second.path("newer").asText(), StandardCharsets.UTF_8), session));
        assertEquals(seen.subList(0, 4), texts(up), "the page above the second is the first");
        assertFalse(up.path("newer").isNull(), "and there is a newer one above it now");
        JsonNode top = ok(server.get("/api/v1/offices/YAR-02/comments?size=4&cursor="
                + URLEncoder.encode(up.path("newer").asText(), StandardCharsets.UTF_8), session));
        assertEquals(List.of("Ярославль новый"), texts(top));
        assertTrue(top.path("newer").isNull());
        assertEquals("Ярославль новый", texts(ok(server.get("/api/v1/offices/YAR-02/comments?size=4", session))).get(0));
    }

    @Test
    void whoMaySeeWhich() throws Exception {
        assertEquals(401, server.get("/api/v1/offices/YAN-01/comments", null).statusCode());
        assertEquals(401, server.get("/api/v1/regions/YAN/comments", null).statusCode());
        String otherOffice = server.login("office-YAR-01");
        assertEquals(403, server.get("/api/v1/offices/YAN-01/comments", otherOffice).statusCode());
        assertEquals(403, server.get("/api/v1/offices/YAR-02/comments", otherOffice).statusCode(), "another office of the region");
        assertEquals(403, server.get("/api/v1/regions/YAR/comments", otherOffice).statusCode(), "office staff: no region");
        String otherRegion = server.login("region-YAR");
        assertEquals(403, server.get("/api/v1/regions/YAN/comments", otherRegion).statusCode());
        assertEquals(403, server.get("/api/v1/offices/YAN-01/comments", otherRegion).statusCode());
        ok(server.get("/api/v1/offices/YAR-02/comments", otherRegion)); // its own region's office
        assertEquals(403, server.get("/offices/YAN-01/comments", otherRegion).statusCode(), "the page too");
        String federal = server.login("federal");
        // the newest page follows its place's live stream; an older page (a cursor) stays as it is
        String newest = server.get("/offices/YAN-01/comments", federal).body();
        assertTrue(newest.contains("data-live-scope=\"office:YAN-01\"") && newest.contains("/assets/live-page.js"));
        java.util.regex.Matcher older = java.util.regex.Pattern.compile("href=\"(/offices/YAN-01/comments\\?[^\"]*cursor=[^\"]+)\"")
                .matcher(newest);
        assertTrue(older.find(), "a link to older comments");
        assertFalse(server.get(older.group(1).replace("&amp;", "&"), federal).body().contains("data-live-scope"));
        assertEquals(404, server.get("/api/v1/offices/ZZZ-99/comments", federal).statusCode());
        assertEquals(400, server.get("/api/v1/offices/YAN-01/comments?size=101", federal).statusCode());
        assertEquals(400, server.get("/api/v1/offices/YAN-01/comments?size=0", federal).statusCode());
        assertEquals(400, server.get("/api/v1/offices/YAN-01/comments?cursor=cmt-yan-1", federal).statusCode());
        assertEquals(400, server.get("/api/v1/offices/YAN-01/comments?audience=visitor", federal).statusCode());
    }

    @Test
    void nothingThatReachesAPerson() throws Exception {
        String federal = server.login("federal");
        for (String path : List.of("/api/v1/offices/YAN-01/comments?size=100", "/api/v1/regions/YAN/comments?size=5",
                "/offices/YAN-01/comments", "/regions/YAN/comments")) {
            HttpResponse<String> r = server.get(path, federal);
            assertEquals(200, r.statusCode(), path);
            assertFalse(r.body().contains("cmt-yan"), "no response id, not even inside a cursor: " + path);
            assertFalse(r.body().contains("emp-secret"), "no employee: " + path);
            if (path.startsWith("/api/")) {
                keys(EventJson.mapper().readTree(r.body()), path);
            }
        }
    }

    private static void keys(JsonNode node, String where) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                assertFalse(FORBIDDEN.matcher(name).matches(), "forbidden key " + name + " in " + where);
                keys(node.get(name), where);
            }
        } else if (node.isArray()) {
            node.forEach(n -> keys(n, where));
        }
    }

    @Test
    void thePageOnAPhone() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("office-YAN-01");
            b.open("/offices/YAN-01?lang=ru");
            b.waitFor("link", () -> !b.driver.findElements(By.id("comments-link")).isEmpty());
            b.driver.findElement(By.id("comments-link")).click();
            b.waitFor("comments", () -> b.driver.findElements(By.cssSelector(".cm-item")).size() == 20);
            String text = b.driver.findElement(By.tagName("main")).getText();
            assertTrue(text.contains("Что написали") && text.contains("Комментарий 24"), text);
            assertFalse(b.driver.findElements(By.cssSelector(".cm-chip.low")).isEmpty(), "low scores are marked");
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            assertTrue(b.driver.findElements(By.id("newer")).isEmpty(), "nothing newer than the first page");
            b.fullPageScreenshot("comments-phone", 390, 844);
            b.driver.findElement(By.id("older")).click();
            b.waitFor("older page", () -> b.driver.findElements(By.cssSelector(".cm-item")).size() == 8);
            assertTrue(b.driver.findElement(By.tagName("main")).getText().contains("Комментарий 0"));
            assertFalse(b.driver.findElements(By.id("newer")).isEmpty());
            b.fullPageScreenshot("comments-older-phone", 390, 844);
            b.open("/offices/YAN-01/comments?lang=en&audience=employer");
            b.waitFor("english", () -> b.driver.findElement(By.tagName("main")).getText().contains("What people wrote"));
            assertEquals(12, b.driver.findElements(By.cssSelector(".cm-item")).size());
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            b.fullPageScreenshot("comments-en-phone", 390, 844);
        }
        try (PageBrowser b = new PageBrowser(server, 390, 844)) {
            b.login("region-YAN");
            b.open("/regions/YAN?lang=ru");
            b.waitFor("link", () -> !b.driver.findElements(By.id("comments-link")).isEmpty());
            b.open("/regions/YAN/comments?lang=ru");
            b.waitFor("comments", () -> b.driver.findElements(By.cssSelector(".cm-item")).size() == 20);
            assertTrue(b.scrollWidth() <= 390, "no horizontal scroll on a phone: " + b.scrollWidth());
            b.fullPageScreenshot("comments-region-phone", 390, 844);
        }
    }
}
