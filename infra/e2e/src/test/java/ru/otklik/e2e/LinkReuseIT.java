package ru.otklik.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.TestStack;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.ingest.link.LinkToken;
import ru.otklik.ingest.link.SurveyLink;

/**
 * A single-use link answered twice, the whole way: the web questionnaire through ingest (the second answer
 * refused with 409 and reported on {@code links.reused}), Kafka, the Flink job's reused-link flag and
 * {@code otklik.alerts}: one {@code link_reused} flag for the office and link, naming the answer that spent it;
 * the first answer counted once, the second not at all.
 */
class LinkReuseIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final String KEYS = "k1:" + LinkKeys.newSecret();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestStack stack = TestStack.shared();
    private final ClickHouseHttp ch = stack.clickHouseHttp();

    @TempDir
    Path dir;

    private static int post(int port, String token, String responseId) throws Exception {
        String form = "responseId=" + URLEncoder.encode(responseId, StandardCharsets.UTF_8) + "&Q1=10&Q5=9";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/s/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aSecondAnswerToASingleUseLinkIsRefusedAndFlagged() throws Exception {
        try (Pipeline pipeline = Pipeline.start(stack, dir, List.of(), Map.of("OTKLIK_LINK_KEYS", KEYS))) {
            SurveyLink link = new SurveyLink(SurveyLink.newLinkId(), "BRY", "BRY-02", "window-2", null, "jc-seeker", 1,
                    true, Instant.now().plus(Duration.ofDays(7)));
            String token = new LinkToken(LinkKeys.parse(KEYS), Clock.systemUTC()).sign(link);
            String first = UUID.randomUUID().toString();
            assertEquals(200, post(pipeline.ingestPort(), token, first), "the first answer is thanked");
            assertEquals(409, post(pipeline.ingestPort(), token, UUID.randomUUID().toString()), "the second is refused");
            Instant refused = Instant.now();

            String sql = "SELECT alert_id, office_code, scope_id, status, observed, response_ids FROM otklik.alerts FINAL"
                    + " WHERE alert_type = 'link_reused'";
            List<Map<String, Object>> flags = List.of();
            while (Duration.between(refused, Instant.now()).compareTo(Duration.ofSeconds(60)) < 0 && flags.isEmpty()) {
                flags = ch.select(sql);
                Thread.sleep(250);
            }
            assertEquals(1, flags.size(), "one flag: " + flags);
            Map<String, Object> flag = flags.get(0);
            assertEquals("BRY-02", flag.get("office_code"));
            assertEquals(link.linkId(), flag.get("scope_id"));
            assertEquals("open", flag.get("status"));
            assertEquals(List.of(first), flag.get("response_ids"), "the answer that spent the link");
            System.out.printf("reused link flagged %d ms after the second answer was refused%n",
                    Duration.between(refused, Instant.now()).toMillis());

            // the first answer is counted once, the second not at all
            String counted = "SELECT count() AS n FROM otklik.responses FINAL WHERE office_code = 'BRY-02'"
                    + " AND touchpoint_id = 'window-2'";
            long n = 0;
            Instant until = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(until) && (n = ClickHouseHttp.asLong(ch.select(counted).get(0).get("n"))) < 1) {
                Thread.sleep(250);
            }
            assertEquals(1, n);
            assertTrue(flag.get("alert_id").toString().startsWith("link_reused:BRY-02:"), flag.toString());
        }
    }
}
