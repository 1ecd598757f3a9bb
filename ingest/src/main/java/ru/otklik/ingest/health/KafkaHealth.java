package ru.otklik.ingest.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Whether Kafka answers, asked at most every few seconds so health checks cannot load the broker. */
public final class KafkaHealth implements AutoCloseable {

    private static final Duration CACHE = Duration.ofSeconds(3);

    private final Admin admin;
    private final Clock clock;
    private volatile long checkedAt = Long.MIN_VALUE;
    private volatile boolean up;

    public KafkaHealth(String bootstrap, Clock clock) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "otklik-ingest-health");
        this.admin = Admin.create(p);
        this.clock = clock;
    }

    public synchronized boolean isUp() {
        long now = clock.millis();
        if (checkedAt != Long.MIN_VALUE && now - checkedAt < CACHE.toMillis()) {
            return up;
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get(2500, TimeUnit.MILLISECONDS);
            up = true;
        } catch (Exception e) {
            up = false;
        }
        checkedAt = clock.millis();
        return up;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
