package ru.otklik.e2e.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What the run did, compact enough for the CI log: requests and statuses per endpoint, the Kafka records,
 * the dead letters, the job's state, the seed and the time; the first failures in full. Also written to
 * {@code target/fuzz-report.txt}.
 */
final class FuzzReport {

    private static final int KEPT_FAILURES = 40;
    private static final int KEPT_PER_ENDPOINT = 3;

    /** Counts of one endpoint. */
    static final class Endpoint {
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
        final LongAdder acceptedNanos = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder refusedNanos = new LongAdder();
        final LongAdder refused = new LongAdder();
        volatile long millis;
    }

    final long seed;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final LongAdder failureCount = new LongAdder();
    private final Map<String, String> facts = new java.util.LinkedHashMap<>();

    FuzzReport(long seed) {
        this.seed = seed;
    }

    /** Campaign names map to several endpoint names (a door, a view); the campaign's time goes to each. */
    void endpoints(String campaign, long millis) {
        endpoints.forEach((name, e) -> {
            if (name.startsWith(campaign)) {
                e.millis += millis;
            }
        });
    }

    Endpoint endpoint(String name) {
        return endpoints.computeIfAbsent(name, n -> new Endpoint());
    }

    void answered(FuzzRequest q, int status, long nanos, String failure) {
        Endpoint e = endpoint(q.endpoint());
        e.requests.increment();
        if (status >= 200 && status < 400) {
            e.accepted.increment();
            e.acceptedNanos.add(nanos);
        } else {
            e.refused.increment();
            e.refusedNanos.add(nanos);
        }
        e.statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (failure != null) {
            failed(q, failure);
        }
    }

    void failed(FuzzRequest q, String failure) {
        endpoint(q.endpoint()).failures.increment();
        failureCount.increment();
        synchronized (failures) {
            long mine = failures.stream().filter(f -> f.startsWith(q.endpoint() + " ")).count();
            if (failures.size() < KEPT_FAILURES && mine < KEPT_PER_ENDPOINT) {
                failures.add(q.endpoint() + " " + q.method() + " " + cut(q.target()) + " [" + q.expect() + "; "
                        + cut(q.note()) + "]: " + failure + "\n      body: " + cut(new String(q.body(),
                        StandardCharsets.UTF_8)));
            }
        }
    }

    synchronized void fact(String name, Object value) {
        facts.put(name, String.valueOf(value));
    }

    long requests() {
        return endpoints.values().stream().mapToLong(e -> e.requests.sum()).sum();
    }

    long failureCount() {
        return failureCount.sum();
    }

    List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    Map<String, Long> requestsPerEndpoint() {
        return new TreeMap<>(endpoints.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().requests.sum())));
    }

    synchronized String text() {
        StringBuilder out = new StringBuilder();
        out.append("fuzz report — seed ").append(seed).append(" (rerun: -Dotklik.fuzz.seed=").append(seed).append(")\n");
        out.append(String.format("%-28s %8s %6s %6s %11s  %s%n", "endpoint", "requests", "fails", "req/s",
                "ms ok/refused", "statuses"));
        new TreeMap<>(endpoints).forEach((name, e) -> out.append(String.format("%-28s %8d %6d %6d %5s/%-5s  %s%n", name,
                e.requests.sum(), e.failures.sum(), e.millis == 0 ? 0 : e.requests.sum() * 1000 / e.millis,
                mean(e.acceptedNanos, e.accepted), mean(e.refusedNanos, e.refused),
                e.statuses.entrySet().stream().map(s -> s.getKey() + ":" + s.getValue().sum())
                        .collect(Collectors.joining(" ")))));
        out.append(String.format("%-28s %8d %6d%n", "all HTTP", requests(), failureCount()));
        facts.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        List<String> kept = failures();
        if (!kept.isEmpty()) {
            out.append("first failures:\n");
            kept.forEach(f -> out.append("  ").append(f).append('\n'));
        }
        return out.toString();
    }

    void write(Path file) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }

    private static String mean(LongAdder nanos, LongAdder count) {
        return count.sum() == 0 ? "-" : String.format("%.1f", nanos.sum() / 1e6 / count.sum());
    }

    private static String cut(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }
}
