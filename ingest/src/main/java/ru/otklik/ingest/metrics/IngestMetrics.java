package ru.otklik.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** Counters and latencies of ingest, scraped as Prometheus text from {@code /metrics}. */
public final class IngestMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public void accepted(String endpoint, int count) {
        Counter.builder("otklik_ingest_accepted").description("responses and taps acknowledged by Kafka")
                .tag("endpoint", endpoint).register(registry).increment(count);
    }

    public void rejected(String endpoint, String reason) {
        Counter.builder("otklik_ingest_rejected").description("requests or taps refused, by reason")
                .tag("endpoint", endpoint).tag("reason", reason).register(registry).increment();
    }

    public void kafkaError(String what) {
        Counter.builder("otklik_ingest_kafka_errors").description("Kafka writes that failed or timed out")
                .tag("what", what).register(registry).increment();
    }

    public void latency(String endpoint, int status, Duration duration) {
        Timer.builder("otklik_ingest_request").description("request handling time until the answer")
                .tag("endpoint", endpoint).tag("status", String.valueOf(status))
                .publishPercentiles(0.5, 0.99).register(registry).record(duration);
    }

    public String scrape() {
        return registry.scrape();
    }
}
