package ru.otklik.dashboards.live;

import java.time.Duration;
import ru.otklik.common.config.Settings;

/**
 * Settings of the live pages' server push (issue 14 §1).
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>live.poll-interval</td><td>OTKLIK_LIVE_POLL_INTERVAL</td><td>PT0.5S (PT0.1S..PT1M): how often one
 * watcher per scope asks ClickHouse whether the scope's rows changed</td></tr>
 * <tr><td>live.keep-alive</td><td>OTKLIK_LIVE_KEEP_ALIVE</td><td>PT15S (PT0.2S..PT10M): a comment on every open
 * stream, so proxies and the idle timeout keep it and a gone client is noticed; keep it under
 * http.idle-timeout</td></tr>
 * <tr><td>live.fallback-poll</td><td>OTKLIK_LIVE_FALLBACK_POLL</td><td>PT60S (PT5S..PT1H): how often a page
 * polls the API itself while its stream is down</td></tr>
 * </table>
 */
public record LiveSettings(Duration pollInterval, Duration keepAlive, Duration fallbackPoll) {

    public LiveSettings {
        if (pollInterval == null || pollInterval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("pollInterval must be at least 100 ms");
        }
        if (keepAlive == null || keepAlive.compareTo(Duration.ofMillis(200)) < 0) {
            throw new IllegalArgumentException("keepAlive must be at least 200 ms");
        }
        if (fallbackPoll == null || fallbackPoll.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("fallbackPoll must be at least 5 s");
        }
    }

    public static LiveSettings defaults() {
        return new LiveSettings(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    public static LiveSettings from(Settings s) {
        LiveSettings d = defaults();
        return new LiveSettings(
                s.duration("live.poll-interval", "OTKLIK_LIVE_POLL_INTERVAL", d.pollInterval().toString(),
                        Duration.ofMillis(100), Duration.ofMinutes(1)),
                s.duration("live.keep-alive", "OTKLIK_LIVE_KEEP_ALIVE", d.keepAlive().toString(),
                        Duration.ofMillis(200), Duration.ofMinutes(10)),
                s.duration("live.fallback-poll", "OTKLIK_LIVE_FALLBACK_POLL", d.fallbackPoll().toString(),
                        Duration.ofSeconds(5), Duration.ofHours(1)));
    }

    public LiveSettings withPollInterval(Duration interval) {
        return new LiveSettings(interval, keepAlive, fallbackPoll);
    }

    public LiveSettings withKeepAlive(Duration every) {
        return new LiveSettings(pollInterval, every, fallbackPoll);
    }
}
