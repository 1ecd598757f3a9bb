package ru.otklik.kiosk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import ru.otklik.common.response.EventJson;

/** A whole agent in the test JVM (journal in a temp dir, forwarder and heartbeats at a {@link TestIngest}). */
final class InProcessAgent implements AutoCloseable {

    final KioskAgent agent;
    private final HttpClient http = HttpClient.newHttpClient();

    private InProcessAgent(KioskAgent agent) {
        this.agent = agent;
    }

    static InProcessAgent start(TestIngest ingest, String deviceId, String secret, Path journalDir, long idleMs)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("otklik.device.id", deviceId);
        p.setProperty("otklik.device.secret", secret);
        p.setProperty("otklik.ingest.url", ingest.uri().toString());
        p.setProperty("otklik.journal.dir", journalDir.toString());
        p.setProperty("otklik.agent.port", "0");
        p.setProperty("otklik.backoff.base.ms", "10");
        p.setProperty("otklik.backoff.cap.ms", "200");
        p.setProperty("otklik.poll.ms", "50");
        p.setProperty("otklik.ui.idle.ms", Long.toString(idleMs));
        p.setProperty("otklik.heartbeat.ms", "200");
        return new InProcessAgent(KioskAgent.start(AgentConfig.from(p, Map.of())));
    }

    String base() {
        return "http://127.0.0.1:" + agent.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET /status; an empty object if it cannot be read (so it can be polled in a lambda). */
    JsonNode status() {
        try {
            return EventJson.mapper().readTree(get("/status").body());
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EventJson.mapper().createObjectNode();
        }
    }

    @Override
    public void close() {
        agent.close();
    }
}
