package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.response.EventJson;
import ru.otklik.dashboards.delivery.AlertRoute;
import ru.otklik.dashboards.delivery.DeliverySettings;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.KafkaBroker;
import ru.otklik.infra.local.PostgresServer;
import ru.otklik.infra.local.TestStack;

/**
 * Alerts reach people through the real dashboards: changes of incidents on Kafka topic {@code alerts}
 * (written at least once, so with duplicates), the operational store (PostgreSQL), a signed webhook to
 * a real HTTP receiver in this test that is down for a while, and e-mail through a real SMTP server
 * (GreenMail, in process). One incident is one message per target; none is lost, none sent twice.
 */
class AlertDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "webhook-secret-for-the-test";
    private static final String TOPIC = "alerts-it-" + UUID.randomUUID();
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    /** What the receiver got: body and headers of each POST. */
    record Received(String body, String signature, long timestamp, String idempotencyKey) {
    }

    private static final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger attemptsWhileDown = new AtomicInteger();
    private static int hookPort;
    private static HttpServer hook;
    private static GreenMail smtp;
    private static String jdbcUrl;
    private static KafkaProducer<String, byte[]> producer;
    private static TestServer server;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void startHook() throws IOException {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", hookPort), 16);
        hook.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Otklik-Signature"),
                    Long.parseLong(exchange.getRequestHeaders().getFirst("X-Otklik-Timestamp")),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
    }

    @BeforeAll
    static void start() throws Exception {
        TestStack stack = TestStack.shared(); // no skipping: a stack that cannot start fails the test
        KafkaBroker kafka = stack.kafka();
        kafka.createTopics(1, TOPIC);
        jdbcUrl = OperationalDatabases.fresh("delivery_it");
        hookPort = freePort();
        startHook();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        List<AlertRoute> routes = List.of(
                new AlertRoute(AlertRoute.Channel.WEBHOOK, "RU", "http://127.0.0.1:" + hookPort + "/hook"),
                new AlertRoute(AlertRoute.Channel.EMAIL, "BRY", "head@bry.example"),
                new AlertRoute(AlertRoute.Channel.EMAIL, "VLA", "head@vla.example"));
        server = TestServer.start(5, java.time.Clock.systemUTC(),
                OperationalSettings.none().withPostgres(jdbcUrl, PostgresServer.USER).withKafka(kafka.bootstrapServers(),
                        "alert.reviews"),
                DeliverySettings.none().withRoutes(routes, SECRET).withSmtp("127.0.0.1", smtp.getSmtp().getPort())
                        .withTopic(TOPIC).withRetry(Duration.ofMillis(1000)));
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (producer != null) {
                producer.close();
            }
            if (hook != null) {
                hook.stop(0);
            }
            if (smtp != null) {
                smtp.stop();
            }
        }
    }

    private static AlertEvent event(String id, String type, String office, String status, long version) {
        Instant opened = NOW.minusSeconds(600);
        return new AlertEvent(id, version, type, "escalated".equals(status) ? "critical" : "warning", status,
                office.substring(0, 3), office, "ip-hash-1", opened.minusSeconds(300), opened, NOW,
                "closed".equals(status) ? NOW : null, 20, 7, 0.1, 0.3, 9.0, 8.2, List.of(id + "-r1"), "{}");
    }

    private static void publish(AlertEvent e) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, e.alertId(), EventJson.toBytes(e))).get();
    }

    private static List<Received> hooksFor(String alertId) {
        synchronized (received) {
            return received.stream().filter(r -> r.body().contains("\"alertId\":\"" + alertId + "\"")).toList();
        }
    }

    /** The mails about {@code alertId} to {@code address} (by the idempotency key each carries). */
    private static List<MimeMessage> mails(String alertId, String address) throws Exception {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            String key = m.getHeader("X-Otklik-Idempotency-Key", null);
            if (m.getAllRecipients()[0].toString().equals(address) && key != null && key.startsWith(alertId + "|")) {
                mails.add(m);
            }
        }
        return mails;
    }

    private static Map<String, Object> notification(String alertId, String channel) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT state, attempts, transition FROM alert_notifications WHERE alert_id = '"
                     + alertId + "' AND channel = '" + channel + "' ORDER BY notification_id")) {
            if (!rs.next()) {
                return Map.of();
            }
            return Map.of("state", rs.getString(1), "attempts", rs.getInt(2), "transition", rs.getString(3));
        }
    }

    @Test
    void anIncidentIsOneSignedMessagePerTargetHoweverOftenItsChangesArrive() throws Exception {
        String id = "fraud_burst:BRY-01:deliver-1";
        AlertEvent open = event(id, "fraud_burst", "BRY-01", "open", 4);
        publish(open);
        publish(open); // the topic is at least once: a duplicate
        publish(event(id, "fraud_burst", "BRY-01", "open", 8)); // the flag gathering responses: rewritten, still open
        publish(event(id, "fraud_burst", "BRY-01", "escalated", 12)); // within the quiet period: not sent again
        Eventually.waitUntil("the webhook and the Bryansk mail", Duration.ofSeconds(60),
                () -> hooksFor(id).size() == 1 && mails(id, "head@bry.example").size() == 1);
        Eventually.waitUntil("the escalation recorded as suppressed", Duration.ofSeconds(60), () -> {
            try (Connection c = DriverManager.getConnection(jdbcUrl, PostgresServer.USER, "");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM alert_notifications WHERE alert_id = '" + id
                         + "' AND transition = 'escalated' AND state = 'suppressed'")) {
                return rs.next() && rs.getInt(1) == 2; // webhook and e-mail
            }
        });
        publish(event(id, "fraud_burst", "BRY-01", "closed", 16)); // closing: no message
        // a marker incident after all of them: once it is delivered, everything before it was read
        String marker = "fraud_fast:BRY-02:deliver-marker";
        publish(event(marker, "fraud_fast", "BRY-02", "open", 4));
        Eventually.waitUntil("the marker", Duration.ofSeconds(60), () -> hooksFor(marker).size() == 1);

        Received hook = hooksFor(id).get(0);
        assertEquals(1, hooksFor(id).size(), "one message for the incident");
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(hmac(hook.timestamp() + "." + hook.body()));
        assertEquals(expected, hook.signature(), "signed with the shared secret over timestamp and body");
        assertTrue(Math.abs(hook.timestamp() - Instant.now().getEpochSecond()) < 600);
        assertEquals(id + "|open|webhook|http://127.0.0.1:" + hookPort + "/hook", hook.idempotencyKey());
        JsonNode body = JSON.readTree(hook.body());
        assertEquals("open", body.get("transition").asText());
        assertEquals("BRY-01", body.get("officeCode").asText());
        assertEquals(7, body.get("flagged").asInt());
        assertTrue(body.get("link").asText().endsWith("/offices/BRY-01"), body.toString());

        List<MimeMessage> mails = mails(id, "head@bry.example");
        assertEquals(1, mails.size(), "one mail for the incident");
        MimeMessage mail = mails.get(0);
        assertTrue(mail.getSubject().contains("Много анкет с одного адреса"), mail.getSubject());
        String text = ((String) mail.getContent());
        assertTrue(text.contains("Ответов под флагом / responses flagged: 7") && text.contains("Many forms from one address"),
                text);
        assertEquals(List.of(), mails(id, "head@vla.example"), "Vladimir's head hears nothing of Bryansk");
    }

    @Test
    void aReceiverThatIsDownGetsTheMessageOnceItIsBack() throws Exception {
        String id = "drop_kiosk:BRY-03:deliver-down";
        hook.stop(0);
        try {
            publish(event(id, "drop_kiosk", "BRY-03", "open", 4));
            Eventually.waitUntil("two failed attempts while the receiver is down", Duration.ofSeconds(60), () -> {
                Map<String, Object> n = notification(id, "webhook");
                return !n.isEmpty() && (int) n.get("attempts") >= 2 && "pending".equals(n.get("state"));
            });
            assertEquals(List.of(), hooksFor(id));
            Eventually.waitUntil("the e-mail, not held up by the webhook", Duration.ofSeconds(60),
                    () -> mails(id, "head@bry.example").size() == 1);
        } finally {
            startHook(); // back on the same port
        }
        Eventually.waitUntil("the message after the receiver is back", Duration.ofSeconds(60),
                () -> hooksFor(id).size() == 1);
        Eventually.waitUntil("recorded as sent", Duration.ofSeconds(60),
                () -> "sent".equals(notification(id, "webhook").get("state")));
        String marker = "fraud_fast:BRY-02:deliver-down-marker";
        publish(event(marker, "fraud_fast", "BRY-02", "open", 4));
        Eventually.waitUntil("the marker", Duration.ofSeconds(60), () -> hooksFor(marker).size() == 1);
        assertEquals(1, hooksFor(id).size(), "sent once, not once per failed attempt");
    }

    private static byte[] hmac(String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
