package ru.otklik.dashboards.store;

import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.response.Topics;

/**
 * Where the dashboards keep operational data (PostgreSQL) and publish what analytics needs of it
 * (Kafka). Without a PostgreSQL URL the features that record decisions (flag reviews) answer 503 and
 * say why; the run command always sets it.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>postgres.url</td><td>OTKLIK_POSTGRES_URL</td><td>none (jdbc:postgresql://host:port/db)</td></tr>
 * <tr><td>postgres.user</td><td>OTKLIK_POSTGRES_USER</td><td>otklik</td></tr>
 * <tr><td>postgres.password</td><td>OTKLIK_POSTGRES_PASSWORD</td><td>empty (the local cluster trusts loopback)</td></tr>
 * <tr><td>postgres.pool-size</td><td>OTKLIK_POSTGRES_POOL_SIZE</td><td>4</td></tr>
 * <tr><td>kafka.bootstrap</td><td>OTKLIK_KAFKA_BOOTSTRAP</td><td>127.0.0.1:19092</td></tr>
 * <tr><td>reviews.topic</td><td>OTKLIK_REVIEWS_TOPIC</td><td>alert.reviews</td></tr>
 * </table>
 */
public record OperationalSettings(String postgresUrl, String postgresUser, String postgresPassword, int poolSize,
                                  String kafkaBootstrap, String reviewsTopic) {

    public OperationalSettings {
        if (postgresUrl != null && !postgresUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("postgresUrl must start with jdbc:postgresql://");
        }
    }

    public static OperationalSettings from(Settings s) {
        String url = s.text("postgres.url", "OTKLIK_POSTGRES_URL", "");
        return new OperationalSettings(url == null || url.isBlank() ? null : url.strip(),
                s.get("postgres.user", "OTKLIK_POSTGRES_USER", "otklik", SettingParser.REQUIRED_TEXT),
                s.secret("postgres.password", "OTKLIK_POSTGRES_PASSWORD", "", text -> text == null ? "" : text),
                s.integer("postgres.pool-size", "OTKLIK_POSTGRES_POOL_SIZE", 4, 1, 64),
                s.get("kafka.bootstrap", "OTKLIK_KAFKA_BOOTSTRAP", "127.0.0.1:19092", SettingParser.REQUIRED_TEXT),
                s.get("reviews.topic", "OTKLIK_REVIEWS_TOPIC", Topics.ALERT_REVIEWS, SettingParser.REQUIRED_TEXT));
    }

    /** None: no operational store (tests of the read-only views, a figures-only deployment). */
    public static OperationalSettings none() {
        return new OperationalSettings(null, "otklik", "", 4, "127.0.0.1:19092", Topics.ALERT_REVIEWS);
    }

    public boolean configured() {
        return postgresUrl != null;
    }

    public OperationalSettings withPostgres(String url, String user) {
        return new OperationalSettings(url, user, postgresPassword, poolSize, kafkaBootstrap, reviewsTopic);
    }

    public OperationalSettings withKafka(String bootstrap, String topic) {
        return new OperationalSettings(postgresUrl, postgresUser, postgresPassword, poolSize, bootstrap, topic);
    }

    /** For logs: the password never. */
    @Override
    public String toString() {
        return "OperationalSettings[postgresUrl=" + postgresUrl + ", postgresUser=" + postgresUser + ", poolSize="
                + poolSize + ", kafkaBootstrap=" + kafkaBootstrap + ", reviewsTopic=" + reviewsTopic + "]";
    }
}
