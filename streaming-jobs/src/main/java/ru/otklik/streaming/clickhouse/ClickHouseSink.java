package ru.otklik.streaming.clickhouse;

import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import ru.otklik.streaming.clickhouse.internal.ClickHouseWriter;

/**
 * At-least-once sink of {@link EncodedRow}s into ClickHouse over HTTP, RowBinary, one INSERT per
 * table per batch. At-least-once is enough: every row has a deterministic key and a version, so a
 * replay rewrites identical rows and ReplacingMergeTree keeps one. Before a checkpoint completes,
 * everything written so far is in ClickHouse ({@code flush} waits for it), so a restore never skips
 * a row. Build with {@link #builder()}; the builder checks its settings.
 */
public final class ClickHouseSink implements Sink<EncodedRow> {

    private final ClickHouseEndpoint endpoint;
    private final int maxBatchBytes;
    private final Duration batchInterval;
    private final int maxAttempts;
    private final Duration requestTimeout;

    private ClickHouseSink(ClickHouseEndpoint endpoint, int maxBatchBytes, Duration batchInterval, int maxAttempts,
                           Duration requestTimeout) {
        this.endpoint = endpoint;
        this.maxBatchBytes = maxBatchBytes;
        this.batchInterval = batchInterval;
        this.maxAttempts = maxAttempts;
        this.requestTimeout = requestTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SinkWriter<EncodedRow> createWriter(WriterInitContext context) {
        return new ClickHouseWriter(endpoint, maxBatchBytes, batchInterval.toMillis(), maxAttempts, requestTimeout,
                context.getProcessingTimeService(), context.getMailboxExecutor(), context.metricGroup());
    }

    /** Settings of the sink, checked in {@link #build()}. */
    public static final class Builder {
        private ClickHouseEndpoint endpoint;
        private int maxBatchBytes = 8 << 20;
        private Duration batchInterval = Duration.ofMillis(200);
        private int maxAttempts = 10;
        private Duration requestTimeout = Duration.ofSeconds(60);

        public Builder endpoint(ClickHouseEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** A table's buffer is sent once it holds this many bytes, whatever the interval. */
        public Builder maxBatchBytes(int bytes) {
            this.maxBatchBytes = bytes;
            return this;
        }

        /** At most this long between a row arriving and its batch being sent. */
        public Builder batchInterval(Duration interval) {
            this.batchInterval = interval;
            return this;
        }

        /** Tries per batch (with exponential backoff up to 5 s) before the job fails and restarts. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public ClickHouseSink build() {
            if (endpoint == null) {
                throw new IllegalArgumentException("ClickHouse sink: endpoint is required");
            }
            if (maxBatchBytes < 1024) {
                throw new IllegalArgumentException("ClickHouse sink: maxBatchBytes must be at least 1024");
            }
            if (batchInterval.isNegative() || batchInterval.isZero()) {
                throw new IllegalArgumentException("ClickHouse sink: batchInterval must be positive");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("ClickHouse sink: maxAttempts must be at least 1");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("ClickHouse sink: requestTimeout must be positive");
            }
            return new ClickHouseSink(endpoint, maxBatchBytes, batchInterval, maxAttempts, requestTimeout);
        }
    }
}
