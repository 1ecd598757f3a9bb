package ru.otklik.e2e;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.response.EventJson;
import ru.otklik.infra.local.ParentWatchdog;
import ru.otklik.kiosk.agent.KioskAgentMain;

/**
 * A kiosk agent in its own JVM, as on an office terminal: started, tapped through /tap, SIGKILLed.
 * It runs under a {@link ParentWatchdog}, so it does not outlive the test JVM even when that is
 * killed, and keeps its temp files in the test JVM's temp root.
 */
final class AgentProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("event=agent_started port=(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private AgentProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static AgentProcess start(KioskDevice device, int ingestPort, Path journalDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(ParentWatchdog.wrap(List.of(java,
                "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dotklik.device.id=" + device.deviceId(),
                "-Dotklik.device.secret=" + device.secret(),
                "-Dotklik.ingest.url=http://127.0.0.1:" + ingestPort,
                "-Dotklik.journal.dir=" + journalDir,
                "-Dotklik.agent.port=0",
                "-Dotklik.backoff.base.ms=20",
                "-Dotklik.backoff.cap.ms=500",
                "-Dotklik.poll.ms=50",
                // the reason follow-up window: taps wait this long for a reason before they are sent
                "-Dotklik.ui.idle.ms=100",
                "-Dotklik.reason.window.ms=100",
                KioskAgentMain.class.getName())))
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.contains("event=batch_sent")) {
                        System.out.println("[agent] " + line);
                    }
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the child died; the port future fails below
            }
            port.completeExceptionally(new IllegalStateException("agent exited before it started"));
        }, "agent-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new AgentProcess(process, port.get(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while the agent started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("the kiosk agent did not start", e);
        }
    }

    /** One press; returns the tap id it was counted in (a folded press returns the previous tap's id). */
    String tap(int button, String reason) throws IOException, InterruptedException {
        String body = reason == null ? "{\"button\":" + button + "}"
                : "{\"button\":" + button + ",\"reason\":\"" + reason + "\"}";
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(uri("/tap"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new AssertionError("the agent refused a tap: " + res.statusCode() + " " + res.body());
        }
        return EventJson.mapper().readTree(res.body()).get("tapId").asText();
    }

    JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(uri("/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return EventJson.mapper().readTree(res.body());
    }

    void awaitQueueEmpty(Duration wait) throws IOException, InterruptedException {
        awaitQueueBelow(1, wait);
    }

    /** Waits until fewer than {@code limit} taps wait to be sent; returns how many still wait. */
    int awaitQueueBelow(int limit, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            int queue = status().path("queueLength").asInt(Integer.MAX_VALUE);
            if (queue < limit) {
                return queue;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent still has " + queue + " unsent taps after " + wait);
            }
            Thread.sleep(20);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the agent did not die");
        }
    }

    /** Kills the agent if it still runs: the end of every test that started one, passed or not. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
