package ru.otklik.dashboards.store;

import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.operational.OperationalStoreSettings;
import ru.otklik.common.response.Topics;

/**
 * Where the dashboards keep operational data ({@link OperationalStoreSettings}: PostgreSQL) and publish
 * what analytics needs of it (Kafka). Without a PostgreSQL URL the features that record decisions (flag
 * reviews) answer 503 and say why; the run command always sets it.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>postgres.*</td><td>OTKLIK_POSTGRES_*</td><td>see {@link OperationalStoreSettings}</td></tr>
 * <tr><td>kafka.bootstrap</td><td>OTKLIK_KAFKA_BOOTSTRAP</td><td>127.0.0.1:19092</td></tr>
 * <tr><td>reviews.topic</td><td>OTKLIK_REVIEWS_TOPIC</td><td>alert.reviews</td></tr>
 * </table>
 */
public record OperationalSettings(OperationalStoreSettings store, String kafkaBootstrap, String reviewsTopic) {

    public static OperationalSettings from(Settings s) {
        return new OperationalSettings(OperationalStoreSettings.from(s),
                s.get("kafka.bootstrap", "OTKLIK_KAFKA_BOOTSTRAP", "127.0.0.1:19092", SettingParser.REQUIRED_TEXT),
                s.get("reviews.topic", "OTKLIK_REVIEWS_TOPIC", Topics.ALERT_REVIEWS, SettingParser.REQUIRED_TEXT));
    }

    /** None: no operational store (tests of the read-only views, a figures-only deployment). */
    public static OperationalSettings none() {
        return new OperationalSettings(OperationalStoreSettings.none(), "127.0.0.1:19092", Topics.ALERT_REVIEWS);
    }

    public boolean configured() {
        return store.configured();
    }

    public OperationalSettings withPostgres(String url, String user) {
        return new OperationalSettings(store.at(url, user), kafkaBootstrap, reviewsTopic);
    }

    public OperationalSettings withKafka(String bootstrap, String topic) {
        return new OperationalSettings(store, bootstrap, topic);
    }
}
