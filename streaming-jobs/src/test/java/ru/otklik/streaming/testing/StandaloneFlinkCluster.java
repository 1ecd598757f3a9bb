package ru.otklik.streaming.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;
import ru.otklik.common.response.EventJson;

/**
 * A real multi-process Flink session cluster — one JobManager and one or more TaskManagers, each
 * its own JVM — started from the job's runnable jar (which carries the Flink runtime), so the job
 * can be tested the way it is submitted to a cluster: the jar uploaded over Flink's REST API.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final List<String> OPENS = List.of("--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-exports=java.base/sun.net.util=ALL-UNNAMED");

    private final Path jar;
    private final Path dir;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> taskManagers = new java.util.LinkedHashMap<>();
    private Path conf;
    private List<String> taskManagerParams;
    private final HttpClient http = HttpClient.newHttpClient();

    private StandaloneFlinkCluster(Path jar, Path dir, int restPort) {
        this.jar = jar;
        this.dir = dir;
        this.restPort = restPort;
    }

    /** Starts the JobManager (with {@code jobEnv} in its environment: web-submitted jobs run main() there). */
    public static StandaloneFlinkCluster start(Path jar, Path dir, int taskManagers, Map<String, String> jobEnv)
            throws Exception {
        int rpc = freePort();
        int rest = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(conf.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: localhost", "jobmanager.rpc.port: " + rpc, "jobmanager.bind-host: localhost",
                "taskmanager.bind-host: localhost", "taskmanager.host: localhost", "rest.port: " + rest,
                "rest.address: localhost", "rest.bind-address: localhost", "taskmanager.numberOfTaskSlots: 2",
                "jobmanager.memory.process.size: 768m", "taskmanager.memory.process.size: 1536m",
                "parallelism.default: 2",
                // the cluster runs from the job jar itself, so connectors sit on both class paths: load once
                "classloader.resolve-order: parent-first",
                // the TaskManagers' temporary files (tm_*) stay in the cluster's folder, which the test owns
                "io.tmp.dirs: " + dir.resolve("tmp").toAbsolutePath(), ""));
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(jar, dir, rest);
        List<String> jm = new ArrayList<>(List.of(java(), "-Xmx512m"));
        jm.addAll(OPENS);
        jm.addAll(List.of("-cp", jar.toString(), "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "--configDir", conf.toString()));
        cluster.spawn("jobmanager", jm, jobEnv);
        cluster.conf = conf;
        cluster.taskManagerParams = cluster.taskManagerParams(conf);
        for (int i = 1; i <= taskManagers; i++) {
            cluster.startTaskManager("tm" + i);
        }
        // three JVMs starting on two shared cores: 90 s was not always enough under a full suite's load
        cluster.awaitSlots(2 * taskManagers, Duration.ofSeconds(180));
        return cluster;
    }

    /** Starts one more TaskManager JVM (2 slots) with the given resource id, e.g. to replace a killed one. */
    public void startTaskManager(String resourceId) throws IOException {
        List<String> tm = new ArrayList<>(List.of(java()));
        tm.addAll(List.of(taskManagerParams.get(0).trim().split("\\s+")));
        tm.addAll(OPENS);
        tm.addAll(List.of("-cp", jar.toString(), "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "--configDir", conf.toString()));
        tm.addAll(List.of(taskManagerParams.get(1).trim().split("\\s+")));
        tm.addAll(List.of("-D", "taskmanager.resource-id=" + resourceId));
        taskManagers.put(resourceId, spawn("taskmanager-" + resourceId, tm, Map.of()));
    }

    /**
     * Kills a TaskManager JVM the hard way (SIGKILL, like {@code kill -9} or the OOM killer: no
     * shutdown hooks, no goodbye to the JobManager) and waits until the process is gone.
     */
    public void killTaskManager(String resourceId) throws InterruptedException {
        Process tm = taskManagers.get(resourceId);
        if (tm == null) {
            throw new IllegalArgumentException("no TaskManager " + resourceId + " in " + taskManagers.keySet());
        }
        tm.destroyForcibly(); // SIGKILL on Unix
        tm.waitFor();
    }

    /** Resource ids of the TaskManagers running subtasks of the job (from each vertex's task-manager view). */
    public java.util.Set<String> taskManagersRunning(String jobId) throws IOException, InterruptedException {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode tm : get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                if ("RUNNING".equals(tm.path("status").asText())) {
                    ids.add(tm.path("taskmanager-id").asText());
                }
            }
        }
        return ids;
    }

    /** The JVM flags and the dynamic properties Flink's own start scripts compute for a TaskManager. */
    private List<String> taskManagerParams(Path conf) throws Exception {
        Process p = new ProcessBuilder(java(), "-cp", jar.toString(),
                "org.apache.flink.runtime.util.bash.BashJavaUtils", "GET_TM_RESOURCE_PARAMS", "--configDir",
                conf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> results = out.lines().filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:"))
                .map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length())).toList();
        if (results.size() < 2) {
            throw new IllegalStateException("cannot compute TaskManager parameters: " + out);
        }
        return results.subList(results.size() - 2, results.size());
    }

    private Process spawn(String name, List<String> command, Map<String, String> env) throws IOException {
        // under the watchdog: the cluster's JVMs end with this one even if it is killed
        ProcessBuilder pb = new ProcessBuilder(ru.otklik.infra.local.ParentWatchdog.wrap(command)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        processes.add(process);
        return process;
    }

    public void awaitSlots(int slots, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                if (get("/overview").path("slots-total").asInt() >= slots) {
                    return;
                }
            } catch (IOException notYet) {
                // the JobManager's REST endpoint is not up yet
            }
            if (System.nanoTime() > deadline) {
                // the run's folder is removed afterwards: the logs' last lines go with the failure
                StringBuilder tails = new StringBuilder();
                try (var logs = java.nio.file.Files.list(dir)) {
                    for (java.nio.file.Path log : logs.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                        List<String> lines = java.nio.file.Files.readAllLines(log);
                        tails.append("\n--- ").append(log.getFileName()).append(" (last 15 lines)\n")
                                .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
                    }
                } catch (IOException | RuntimeException e) {
                    tails.append("\n(logs unreadable: ").append(e).append(')');
                }
                throw new IllegalStateException("Flink cluster did not offer " + slots + " slots in " + wait
                        + "; logs in " + dir + tails);
            }
            Thread.sleep(500);
        }
    }

    /** Uploads the job jar and runs its main class with the given parallelism; returns the job id. */
    public String submit(String entryClass, int parallelism) throws Exception {
        String boundary = "otklik-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"job.jar\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String file = EventJson.mapper().readTree(upload.body()).path("filename").asText();
        String jarId = Path.of(file).getFileName().toString();
        HttpResponse<String> run = http.send(HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"entryClass\":\"" + entryClass + "\",\"parallelism\":"
                        + parallelism + "}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = EventJson.mapper().readTree(run.body());
        if (!answer.has("jobid")) {
            throw new IllegalStateException("job submission failed: " + run.body());
        }
        return answer.get("jobid").asText();
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return EventJson.mapper().readTree(http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + restPort + path);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
