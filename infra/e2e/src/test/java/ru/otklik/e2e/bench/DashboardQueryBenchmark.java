package ru.otklik.e2e.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.dashboards.DashboardsApp;
import ru.otklik.dashboards.DashboardsConfig;
import ru.otklik.dashboards.access.DemoUsers;
import ru.otklik.dashboards.live.LiveScope;
import ru.otklik.dashboards.live.WatchStats;
import ru.otklik.infra.local.ClickHouseHttp;
import ru.otklik.infra.local.ClickHouseMigrations;
import ru.otklik.infra.local.ClickHouseServer;
import ru.otklik.infra.local.OwnedTempDir;

/**
 * Not a test: a program (issue 14) that loads {@code responses} (default 10,000,000) into a real ClickHouse in bulk
 * ({@link BenchData}: {@code INSERT ... SELECT ... FROM numbers(N)}, no HTTP, no Flink), starts the real dashboards
 * app in-process, and measures:
 * <ol>
 *   <li>p50/p95/max of every dashboard JSON API call that needs only ClickHouse, for an office, a region and the
 *       federal scope, over {@code repetitions} sequential calls after {@code warmup} calls, against the target
 *       p95 ≤ 100 ms, and the first call apart (it fills what the dashboards keep); the weekly CSV/PDF downloads
 *       separately; baselines in the same run: {@code SELECT 1} over ClickHouse's HTTP and the app's
 *       {@code /health};</li>
 *   <li>push fan-out: {@code subscribers} (500) SSE streams on {@code /api/v1/live?scope=office:...}, one
 *       {@code scope_watermark} row inserted, time until every stream got {@code changed} (rounds), the watcher's
 *       queries and the CPU time of the app's threads and of ClickHouse per fan-out, against 1 subscriber.</li>
 * </ol>
 * Settings (system properties): {@code responses} (10,000,000), {@code repetitions} (50), {@code warmup} (5),
 * {@code subscribers} (500), {@code rounds} (10), {@code office} (BRY-01), {@code optimize} (false: OPTIMIZE FINAL
 * the tables before measuring, merged parts as a long-running server would mostly have).
 */
public final class DashboardQueryBenchmark {

    private static final String PASSWORD = "bench-password-1";
    private static final double TARGET_MS = 100;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private DashboardsApp app;
    private ClickHouseServer clickHouse;
    private final List<String[]> table = new ArrayList<>();

    public static void main(String[] args) {
        int code = 0;
        DashboardQueryBenchmark bench = new DashboardQueryBenchmark();
        OwnedTempDir dir = OwnedTempDir.create("otklik-qbench-");
        try {
            bench.run(dir.path());
        } catch (Throwable e) {
            e.printStackTrace();
            code = 1;
        } finally {
            if (bench.app != null) {
                bench.app.close();
            }
            if (bench.clickHouse != null) {
                bench.clickHouse.close();
            }
            dir.close();
        }
        System.exit(code);
    }

    private void run(Path dir) throws Exception {
        long responses = Long.getLong("responses", 10_000_000L);
        int repetitions = Integer.getInteger("repetitions", 50);
        int warmup = Integer.getInteger("warmup", 5);
        int subscribers = Integer.getInteger("subscribers", 500);
        int rounds = Integer.getInteger("rounds", 10);
        OfficeDirectory directory = OfficeDirectory.pilot();
        String officeCode = System.getProperty("office", "BRY-01");
        Office office = directory.office(officeCode).orElseThrow(() -> new IllegalArgumentException("no office " + officeCode));
        String region = office.regionCode();
        System.out.printf("dashboard query benchmark, %s, %d cores, load average %.1f, responses %,d, repetitions %d"
                        + " (warm-up %d), %d subscribers x %d rounds%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), responses, repetitions, warmup,
                subscribers, rounds);

        clickHouse = ClickHouseServer.start(dir.resolve("clickhouse"));
        ClickHouseHttp ch = clickHouse.http();
        ClickHouseMigrations.apply(ch);
        long t0 = System.nanoTime();
        new BenchData(ch, directory, Instant.now()).generate(responses);
        System.out.printf("bulk load done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (Boolean.getBoolean("optimize")) {
            for (String t : List.of("responses", "answers", "indicator_history", "indicator_window", "response_window",
                    "indicator_window_clean", "response_window_clean", "scope_watermark", "alerts", "composite_index")) {
                ch.execute("OPTIMIZE TABLE otklik." + t + " FINAL");
            }
            System.out.println("tables optimized (OPTIMIZE FINAL)");
        }
        System.out.println("active parts: " + ch.query("SELECT table, toString(count()) AS parts FROM system.parts"
                + " WHERE database = 'otklik' AND active GROUP BY table ORDER BY table FORMAT TSV").replace('\n', ' '));

        Path users = Files.createTempFile(dir, "users", ".json");
        DemoUsers.write(users, directory, PASSWORD, 1_000);
        app = DashboardsApp.start(DashboardsConfig.defaults().withPort(0).withClickHouseUrl(clickHouse.httpUrl())
                .withUsersFile(users));
        String officeCookie = login("office-" + office.code());
        String regionCookie = login("region-" + region);
        String federalCookie = login("federal");

        // ---- baselines
        String chSelect1 = clickHouse.httpUrl() + "/?query=" + URLEncoder.encode("SELECT 1", StandardCharsets.UTF_8);
        measure("baseline", "ClickHouse HTTP SELECT 1", null, URI.create(chSelect1), warmup, repetitions);
        measure("baseline", "dashboards /health", null, uri("/health"), warmup, repetitions);
        measure("baseline", "/api/v1/me (session check, no query)", officeCookie, uri("/api/v1/me"), warmup, repetitions);

        // ---- every ClickHouse-backed JSON call, office / region / federal
        String o = office.code();
        Map<String, String> officeCalls = new LinkedHashMap<>();
        officeCalls.put("/api/v1/offices/" + o + "/indicators?window=30d", "indicators 30d");
        officeCalls.put("/api/v1/offices/" + o + "/indicators?window=24h", "indicators 24h");
        officeCalls.put("/api/v1/offices/" + o + "/indicators?window=quarter", "indicators quarter");
        officeCalls.put("/api/v1/offices/" + o + "/history?granularity=day&questionId=index&audience=all", "history day");
        officeCalls.put("/api/v1/offices/" + o + "/history?granularity=hour&questionId=index&audience=all", "history hour");
        officeCalls.put("/api/v1/offices/" + o + "/profile?questionId=index&audience=all", "profile");
        officeCalls.put("/api/v1/offices/" + o + "/breakdown?window=30d&questionId=index&audience=all", "breakdown 30d");
        officeCalls.put("/api/v1/alerts?office=" + o + "&status=all", "alerts (office)");
        officeCalls.put("/api/v1/composite?scope_level=office&scope_code=" + o, "composite");
        officeCalls.put("/api/v1/composite/series?scope_level=office&scope_code=" + o, "composite series");
        officeCalls.put("/api/v1/coverage", "coverage (the office's region)");
        for (var e : officeCalls.entrySet()) {
            measure("office " + o, e.getValue(), officeCookie, uri(e.getKey()), warmup, repetitions);
        }
        Map<String, String> regionCalls = new LinkedHashMap<>();
        regionCalls.put("/api/v1/regions/" + region + "/offices?window=30d", "region offices 30d");
        regionCalls.put("/api/v1/regions/" + region + "/offices?window=quarter", "region offices quarter");
        regionCalls.put("/api/v1/alerts?region=" + region + "&status=all", "alerts (region)");
        regionCalls.put("/api/v1/composite?scope_level=region&scope_code=" + region, "composite");
        regionCalls.put("/api/v1/composite/series?scope_level=region&scope_code=" + region, "composite series");
        regionCalls.put("/api/v1/coverage?region=" + region, "coverage");
        for (var e : regionCalls.entrySet()) {
            measure("region " + region, e.getValue(), regionCookie, uri(e.getKey()), warmup, repetitions);
        }
        Map<String, String> federalCalls = new LinkedHashMap<>();
        federalCalls.put("/api/v1/regions?window=30d", "regions 30d");
        federalCalls.put("/api/v1/regions?window=quarter", "regions quarter");
        federalCalls.put("/api/v1/alerts?status=open", "alerts open (all)");
        federalCalls.put("/api/v1/alerts?status=all", "alerts all");
        federalCalls.put("/api/v1/composite?scope_level=federal&scope_code=RU", "composite");
        federalCalls.put("/api/v1/composite/series?scope_level=federal&scope_code=RU", "composite series");
        for (var e : federalCalls.entrySet()) {
            measure("federal", e.getValue(), federalCookie, uri(e.getKey()), warmup, repetitions);
        }
        // downloads: fewer repetitions (the PDF renders a document)
        int downloads = Math.max(3, repetitions / 5);
        measure("download", "weekly.csv office " + o, officeCookie, uri("/api/v1/reports/weekly.csv?scope=office:" + o), 1, downloads);
        measure("download", "weekly.pdf office " + o, officeCookie, uri("/api/v1/reports/weekly.pdf?scope=office:" + o), 1, downloads);
        measure("download", "weekly.csv region " + region, regionCookie, uri("/api/v1/reports/weekly.csv?scope=region:" + region), 1, downloads);
        measure("download", "weekly.pdf region " + region, regionCookie, uri("/api/v1/reports/weekly.pdf?scope=region:" + region), 1, downloads);

        System.out.println();
        System.out.printf("| scope | call | first call ms | p50 ms | p95 ms | max ms | p95 ≤ %.0f ms | body | ClickHouse per call"
                + " (marks of 8192 rows read) |%n|---|---|---|---|---|---|---|---|---|%n", TARGET_MS);
        for (String[] row : table) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }

        // ---- push fan-out
        System.out.println();
        System.out.printf("| fan-out, scope office:%s | subscribers | insert → all got `changed`: p50 / p95 / max ms"
                + " | per stream p50 / p95 ms | watcher queries per round | app CPU ms per round | ClickHouse CPU ms per round |%n"
                + "|---|---|---|---|---|---|---|%n", o);
        fanOut(ch, officeCookie, o, 1, rounds);
        fanOut(ch, officeCookie, o, subscribers, rounds);
    }

    // ------------------------------------------------------------------ latency of a call

    private void measure(String scope, String call, String cookie, URI uri, int warmup, int repetitions) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofMinutes(2));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpRequest request = b.build();
        long bytes = 0;
        int status = 0;
        // the first call of each kind is timed apart: whatever the dashboards keep (the period before, a rendered
        // report) is built by it, so it is the cost a first viewer pays
        double first = Double.NaN;
        for (int i = 0; i < warmup; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (i == 0) {
                first = (System.nanoTime() - t0) / 1e6;
            }
            status = r.statusCode();
            bytes = r.body().length;
        }
        long[] ns = new long[repetitions];
        Map<String, Long> events0 = events();
        int done = 0;
        for (int i = 0; i < repetitions; i++) {
            done++;
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            ns[i] = System.nanoTime() - t0;
            status = r.statusCode();
            bytes = r.body().length;
            if (status != 200) {
                System.out.printf("  %s %s answered %d: %s%n", scope, call, status,
                        new String(r.body(), StandardCharsets.UTF_8).substring(0, Math.min(300, r.body().length)));
                break;
            }
        }
        Map<String, Long> events1 = events();
        // ClickHouse's own counters around the repetitions (nothing else queries it meanwhile): per call
        double queries = (events1.getOrDefault("Query", 0L) - events0.getOrDefault("Query", 0L) - 1) / (double) done;
        double marks = (events1.getOrDefault("SelectedMarks", 0L) - events0.getOrDefault("SelectedMarks", 0L)) / (double) done;
        ns = Arrays.copyOf(ns, done);
        Arrays.sort(ns);
        double p50 = pct(ns, 50) / 1e6;
        double p95 = pct(ns, 95) / 1e6;
        double max = ns[ns.length - 1] / 1e6;
        String verdict = status != 200 ? "HTTP " + status : p95 <= TARGET_MS ? "yes" : "**no**";
        String ch = cookie == null ? "" : String.format("%.1f queries, %,.0f marks (≤ %,.0f rows)", queries, marks, marks * 8192);
        String firstCall = Double.isNaN(first) ? "" : fmt(first);
        table.add(new String[] {scope, call, firstCall, fmt(p50), fmt(p95), fmt(max), verdict, String.format("%,d B", bytes), ch});
        System.out.printf("  %-16s %-40s first %8s  p50 %8s  p95 %8s  max %8s ms  %s  %s%n", scope, call, firstCall,
                fmt(p50), fmt(p95), fmt(max), verdict, ch);
    }

    private Map<String, Long> events() {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String line : clickHouse.http().query("SELECT event, value FROM system.events WHERE event IN"
                + " ('Query', 'SelectedMarks') FORMAT TSV").split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 2) {
                out.put(f[0], Long.parseLong(f[1]));
            }
        }
        return out;
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String fmt(double ms) {
        return ms < 10 ? String.format("%.1f", ms) : String.format("%.0f", ms);
    }

    // ------------------------------------------------------------------ fan-out

    /** One SSE stream: when it last saw {@code event: changed} and whether it is ready. */
    private static final class Stream implements Flow.Subscriber<String> {
        volatile long changedAt;
        final AtomicInteger changes = new AtomicInteger();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.equals("event: ready")) {
                ready.complete(null);
            } else if (line.equals("event: changed")) {
                if (changedAt == 0) {
                    changedAt = System.nanoTime();
                }
                changes.incrementAndGet();
            }
        }

        @Override
        public void onError(Throwable t) {
            ready.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
        }
    }

    private void fanOut(ClickHouseHttp ch, String cookie, String officeCode, int n, int rounds) throws Exception {
        LiveScope scope = LiveScope.parse("office:" + officeCode).orElseThrow();
        AtomicInteger threads = new AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "HttpClient-fanout-" + threads.incrementAndGet()); // counted as client, not app
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool).build();
        List<Stream> streams = new ArrayList<>();
        List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
        long open0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Stream s = new Stream();
            streams.add(s);
            responses.add(client.sendAsync(HttpRequest.newBuilder(uri("/api/v1/live?scope=office:" + officeCode))
                    .header("Cookie", cookie).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(s)));
        }
        try {
            CompletableFuture.allOf(streams.stream().map(s -> s.ready).toArray(CompletableFuture[]::new))
                    .get(2, java.util.concurrent.TimeUnit.MINUTES);
            double openMs = (System.nanoTime() - open0) / 1e6;
            Thread.sleep(1_500); // quiet: late `changed` of the opening settle
            long[] allGot = new long[rounds];
            List<Long> perStream = new ArrayList<>();
            long queries = 0;
            long appCpu = 0;
            long chCpu = 0;
            int missed = 0;
            java.util.Random random = new java.util.Random(n);
            for (int r = 0; r < rounds; r++) {
                streams.forEach(s -> s.changedAt = 0);
                WatchStats before = app.live().stats(scope).orElse(null);
                long cpu0 = appCpuNanos();
                long ch0 = clickHouseCpuMillis();
                long t0 = System.nanoTime();
                long version = System.currentTimeMillis() * 1000 + r;
                ch.execute("INSERT INTO otklik.scope_watermark (scope_level, scope_code, as_of, version) VALUES ('office', '"
                        + officeCode + "', now(), " + version + ")");
                long deadline = t0 + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline && streams.stream().anyMatch(s -> s.changedAt == 0)) {
                    Thread.sleep(2);
                }
                long done = streams.stream().mapToLong(s -> s.changedAt).max().orElse(0);
                long cpu1 = appCpuNanos();
                long ch1 = clickHouseCpuMillis();
                WatchStats after = app.live().stats(scope).orElse(null);
                int got = 0;
                for (Stream s : streams) {
                    if (s.changedAt != 0) {
                        perStream.add(s.changedAt - t0);
                        got++;
                    }
                }
                missed += n - got;
                if (got < n) {
                    System.out.printf("  round %d: %d of %d streams got no `changed` in 20 s, %.1f s after opening;"
                                    + " watcher now %s%n", r + 1, n - got, n, (t0 - open0) / 1e9,
                            after == null ? "gone (no subscribers left)" : after);
                }
                allGot[r] = got == n ? done - t0 : Long.MAX_VALUE;
                if (before != null && after != null) {
                    queries += after.queries() - before.queries();
                }
                appCpu += cpu1 - cpu0;
                chCpu += ch1 - ch0;
                // a random phase against the watcher's poll: a fixed pause would land every insert at the same point
                // of the tick (a run with a fixed 1 s pause measured 22 ms for 1 subscriber: just before each tick)
                Thread.sleep(1_000 + random.nextInt(1_000));
            }
            Arrays.sort(allGot);
            long[] ps = perStream.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("| %s | %d (opened in %.0f ms%s) | %s / %s / %s | %s / %s | %.1f | %.1f | %.1f |%n",
                    "rounds " + rounds, n, openMs, missed > 0 ? ", " + missed + " events missed" : "",
                    all(pct(allGot, 50)), all(pct(allGot, 95)), all(allGot[allGot.length - 1]),
                    fmt(pct(ps, 50) / 1e6), fmt(pct(ps, 95) / 1e6), queries / (double) rounds, appCpu / 1e6 / rounds,
                    chCpu / (double) rounds);
        } finally {
            streams.forEach(s -> {
                if (s.subscription != null) {
                    s.subscription.cancel();
                }
            });
            responses.forEach(f -> f.cancel(true));
            pool.shutdownNow();
            Thread.sleep(1_000);
        }
    }

    /** A round's "all got it" time, or "missed" when some stream never got its event (Long.MAX_VALUE). */
    private static String all(long nanos) {
        return nanos == Long.MAX_VALUE ? "missed" : fmt(nanos / 1e6);
    }

    /** CPU time of this JVM's threads except the benchmark's own HTTP clients and main thread: the app's share. */
    private static long appCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null || info.getThreadName().startsWith("HttpClient") || info.getThreadName().equals("main")) {
                continue;
            }
            long t = mx.getThreadCpuTime(info.getThreadId());
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    /** utime + stime of the ClickHouse server (a child process of this JVM), in ms; 0 if not found. */
    private static long clickHouseCpuMillis() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("clickhouse")).orElse(false))
                .mapToLong(p -> {
                    try {
                        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
                    } catch (Exception e) {
                        return 0;
                    }
                }).sum();
    }

    // ------------------------------------------------------------------ app

    private String login(String username) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + PASSWORD;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException(
                "login of " + username + " answered " + r.statusCode()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
