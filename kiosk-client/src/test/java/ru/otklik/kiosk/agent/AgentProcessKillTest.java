package ru.otklik.kiosk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.kiosk.KioskSignature;
import ru.otklik.common.response.EventJson;

/**
 * The agent as a real child JVM: taps acknowledged by /tap survive a SIGKILL while ingest is down,
 * and reach ingest after a restart on the same journal.
 */
class AgentProcessKillTest {

    private static final String DEVICE = "k-kill-1";
    private static final Pattern STARTED = Pattern.compile("event=agent_started port=(\\d+)");

    @TempDir
    Path journalDir;

    private final String secret = KioskSignature.newSecret();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedTapArrivesAfterAKillAndRestart() throws Exception {
        try (TestIngest ingest = new TestIngest(DEVICE, secret)) {
            ingest.status.set(503);
            Agent first = startAgent(ingest.uri());
            Set<String> acknowledged = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                // pairs of the same button: the second press of a pair is usually folded into the first
                acknowledged.add(tap(first.port(), 1 + (i / 2) % 4, i % 7 == 0 ? "waiting_time" : null));
            }
            TestIngest.await("the agent retrying against 503", 30_000, () -> ingest.refused.get() >= 3);
            assertTrue(ingest.accepted.isEmpty());
            first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));

            ingest.status.set(202);
            Agent second = startAgent(ingest.uri());
            TestIngest.await("every acknowledged tap at ingest", 30_000,
                    () -> ingest.acceptedIds().containsAll(acknowledged));
            assertEquals(acknowledged, ingest.acceptedIds(), "exactly the acknowledged taps, by distinct tapId");
            assertEquals(0, ingest.badSignatures.get());
            // every press is either a tap or folded into one: none is lost across the kill
            Map<String, Integer> pressesPerTap = new HashMap<>();
            ingest.accepted.forEach(t -> pressesPerTap.put(t.tapId(), 1 + t.suppressedPresses()));
            assertEquals(40, pressesPerTap.values().stream().mapToInt(Integer::intValue).sum());
            TestIngest.await("the agent reporting an empty queue", 30_000,
                    () -> status(second.port()).path("queueLength").asInt(-1) == 0);
            JsonNode status = status(second.port());
            assertTrue(status.hasNonNull("lastSuccessfulSend"), status.toString());
        }
    }

    private String tap(int port, int button, String reason) throws IOException, InterruptedException {
        String body = reason == null ? "{\"button\":" + button + "}"
                : "{\"button\":" + button + ",\"reason\":\"" + reason + "\"}";
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tap"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), res.body());
        return EventJson.mapper().readTree(res.body()).get("tapId").asText();
    }

    private JsonNode status(int port) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
            return EventJson.mapper().readTree(res.body());
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EventJson.mapper().createObjectNode();
        }
    }

    private Agent startAgent(URI ingest) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(ru.otklik.infra.local.ParentWatchdog.wrap(List.of(java,
                "-cp", System.getProperty("java.class.path"),
                "-Dotklik.device.id=" + DEVICE,
                "-Dotklik.device.secret=" + secret,
                "-Dotklik.ingest.url=" + ingest,
                "-Dotklik.journal.dir=" + journalDir,
                "-Dotklik.agent.port=0",
                "-Dotklik.backoff.base.ms=10",
                "-Dotklik.backoff.cap.ms=200",
                "-Dotklik.poll.ms=50",
                KioskAgentMain.class.getName())))
                .redirectErrorStream(true);
        Process process = pb.start();
        children.add(process);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[agent] " + line);
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the child died; the port future times out below
            }
            port.completeExceptionally(new IllegalStateException("agent exited before it started"));
        }, "agent-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Agent(process, port.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the agent did not start", e);
        }
    }

    private record Agent(Process process, int port) {
    }
}
