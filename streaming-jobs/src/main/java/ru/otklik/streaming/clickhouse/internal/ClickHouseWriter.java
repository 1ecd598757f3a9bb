package ru.otklik.streaming.clickhouse.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.store.RowBinary;
import ru.otklik.common.store.Table;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.ClickHouseEndpoint;
import ru.otklik.streaming.clickhouse.EncodedRow;

/**
 * One subtask's writer: a RowBinary buffer per table, sent when it is big enough, when the batch
 * interval has passed, when an operator marks the end of its emission ({@link EncodedRow#sendNow()}),
 * and at every checkpoint. Each table has at most one INSERT in flight, so a table's batches reach
 * ClickHouse in the order they were made (rows of equal version: the later wins); different tables
 * are sent side by side. Only a full buffer waits for the table's INSERT in flight on the task
 * thread (that is the backpressure); a send the interval or an emission asks for while one is in
 * flight is made from the mailbox once it completes, so a slow INSERT never holds up the operator's
 * tick. A failed INSERT is retried with backoff; when the tries are used up the next write or flush
 * fails the task, and Flink restarts from the last checkpoint.
 */
public final class ClickHouseWriter implements SinkWriter<EncodedRow> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseWriter.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final ClickHouseEndpoint endpoint;
    private final int maxBatchBytes;
    private final long batchIntervalMillis;
    private final int maxAttempts;
    private final Duration requestTimeout;
    private final ProcessingTimeService time;
    private final HttpClient http;
    private final RowBinary[] buffers = new RowBinary[Tables.ALL.size()];
    private final int[] rows = new int[Tables.ALL.size()];
    @SuppressWarnings("unchecked")
    private final CompletableFuture<Void>[] inFlight = new CompletableFuture[Tables.ALL.size()];
    private final String[] uris = new String[Tables.ALL.size()];
    /** A send waits for the table's INSERT in flight, to be made from the mailbox when it completes. */
    private final boolean[] sendQueued = new boolean[Tables.ALL.size()];
    private final MailboxExecutor mailbox;
    private final Counter rowsOut;
    private final Counter retries;
    private volatile Throwable failure;
    private boolean timerSet;

    public ClickHouseWriter(ClickHouseEndpoint endpoint, int maxBatchBytes, long batchIntervalMillis, int maxAttempts,
                            Duration requestTimeout, ProcessingTimeService time, MailboxExecutor mailbox,
                            SinkWriterMetricGroup metrics) {
        this.mailbox = mailbox;
        this.endpoint = endpoint;
        this.maxBatchBytes = maxBatchBytes;
        this.batchIntervalMillis = batchIntervalMillis;
        this.maxAttempts = maxAttempts;
        this.requestTimeout = requestTimeout;
        this.time = time;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < Tables.ALL.size(); i++) {
            Table<?> t = Tables.ALL.get(i);
            uris[i] = endpoint.baseUri() + "/?query=" + URLEncoder.encode(t.insertStatement(), StandardCharsets.UTF_8);
        }
        this.rowsOut = metrics.getNumRecordsSendCounter();
        this.retries = metrics.counter("clickHouseRetries");
    }

    @Override
    public void write(EncodedRow row, Context context) throws IOException, InterruptedException {
        checkFailure();
        int id = row.table();
        if (buffers[id] == null) {
            buffers[id] = new RowBinary(64 * 1024);
        }
        buffers[id].raw(row.bytes(), 0, row.bytes().length);
        rows[id] += row.rows();
        if (buffers[id].size() >= maxBatchBytes) {
            send(id);
        } else if (row.sendNow()) {
            sendWhenFree(id);
        } else if (!timerSet) {
            timerSet = true;
            time.registerTimer(time.getCurrentProcessingTime() + batchIntervalMillis, t -> {
                timerSet = false;
                for (int table = 0; table < buffers.length; table++) {
                    if (rows[table] > 0) {
                        sendWhenFree(table);
                    }
                }
            });
        }
    }

    private void sendAll() throws IOException, InterruptedException {
        for (int id = 0; id < buffers.length; id++) {
            if (rows[id] > 0) {
                send(id);
            }
        }
    }

    /**
     * Sends table {@code id}'s buffer now if no INSERT of it is in flight, else once that one completes
     * (from the mailbox, on the task thread), with whatever the buffer holds by then.
     */
    private void sendWhenFree(int id) throws IOException, InterruptedException {
        CompletableFuture<Void> previous = inFlight[id];
        if (previous == null || previous.isDone()) {
            send(id); // does not wait: the previous INSERT is done (a failure of it is thrown here)
            return;
        }
        if (sendQueued[id]) {
            return;
        }
        sendQueued[id] = true;
        previous.whenComplete((ok, error) -> {
            try {
                mailbox.execute(() -> {
                    if (sendQueued[id]) { // a full buffer or a flush may have sent it meanwhile
                        sendQueued[id] = false;
                        if (rows[id] > 0) {
                            sendWhenFree(id);
                        }
                    }
                }, "send queued rows of %s", Tables.ALL.get(id));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the task is ending: its last checkpoint's flush already sent what it must
            }
        });
    }

    /** Sends table {@code id}'s buffer once its previous INSERT is done. */
    private void send(int id) throws IOException, InterruptedException {
        await(id);
        sendQueued[id] = false;
        byte[] body = buffers[id].toByteArray();
        int count = rows[id];
        buffers[id].reset();
        rows[id] = 0;
        inFlight[id] = attempt(id, body, 1).thenRun(() -> rowsOut.inc(count));
    }

    private CompletableFuture<Void> attempt(int id, byte[] body, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uris[id])).timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        String auth = endpoint.authorization();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error == null && response.statusCode() == 200) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    String why = error != null ? error.toString()
                            : "HTTP " + response.statusCode() + ": " + firstLine(response.body());
                    if (attempt >= maxAttempts) {
                        return CompletableFuture.<Void>failedFuture(new IOException("INSERT into "
                                + Tables.ALL.get(id) + " failed " + attempt + " times; last: " + why));
                    }
                    retries.inc();
                    long backoff = Math.min(MAX_BACKOFF_MILLIS, 100L << Math.min(attempt - 1, 10));
                    LOG.warn("event=clickhouse_insert_retry table={} attempt={} backoff_ms={} reason=\"{}\"",
                            Tables.ALL.get(id), attempt, backoff, why);
                    Executor later = CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS);
                    return CompletableFuture.supplyAsync(() -> null, later)
                            .thenCompose(x -> attempt(id, body, attempt + 1));
                })
                .thenCompose(f -> f)
                .whenComplete((ok, error) -> {
                    if (error != null && failure == null) {
                        failure = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                    }
                });
    }

    private void await(int id) throws IOException, InterruptedException {
        CompletableFuture<Void> previous = inFlight[id];
        if (previous == null) {
            return;
        }
        try {
            previous.get();
        } catch (ExecutionException e) {
            throw new IOException("ClickHouse sink: " + e.getCause().getMessage(), e.getCause());
        }
        inFlight[id] = null;
    }

    private void checkFailure() throws IOException {
        if (failure != null) {
            throw new IOException("ClickHouse sink: " + failure.getMessage(), failure);
        }
    }

    /** Everything written so far is in ClickHouse when this returns (the checkpoint depends on it). */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        sendAll();
        for (int id = 0; id < inFlight.length; id++) {
            await(id);
        }
        checkFailure();
    }

    /**
     * Waits a little for INSERTs already sent (a request on its way cannot be called back; abandoning
     * it would let rows of a stopped job land after whatever the caller does next), then gives up.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        for (CompletableFuture<Void> f : inFlight) {
            if (f == null) {
                continue;
            }
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                f.cancel(true); // failed or still running after the grace period
            }
        }
        // java.net.http.HttpClient has no close on Java 17: its selector thread ends with the client
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
