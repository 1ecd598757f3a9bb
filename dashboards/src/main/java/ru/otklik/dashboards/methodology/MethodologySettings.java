package ru.otklik.dashboards.methodology;

import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.response.Topics;

/**
 * Where published methodology versions go (domain §7, issue 13).
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>kafka.topic.methodology-versions</td><td>OTKLIK_METHODOLOGY_VERSIONS_TOPIC</td>
 * <td>methodology.versions</td></tr>
 * </table>
 */
public record MethodologySettings(String versionsTopic) {

    public static MethodologySettings from(Settings s) {
        return new MethodologySettings(s.get("kafka.topic.methodology-versions", "OTKLIK_METHODOLOGY_VERSIONS_TOPIC",
                Topics.METHODOLOGY_VERSIONS, SettingParser.REQUIRED_TEXT));
    }

    public static MethodologySettings defaults() {
        return new MethodologySettings(Topics.METHODOLOGY_VERSIONS);
    }
}
