package ru.otklik.dashboards.cases;

import java.time.Duration;
import java.util.List;
import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.response.Topics;

/**
 * The case queue (read with the shared {@link Settings} rule). It runs whenever the operational store is
 * configured.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>case.causes</td><td>OTKLIK_CASE_CAUSES</td><td>{@link CaseCause#DEFAULTS}: {@code code:weight:Russian|English;...}</td></tr>
 * <tr><td>case.due-days</td><td>OTKLIK_CASE_DUE_DAYS</td><td>5: a case not closed by then is overdue (a working week)</td></tr>
 * <tr><td>case.max-age-days</td><td>OTKLIK_CASE_MAX_AGE_DAYS</td><td>30: older feedback and alerts, read when the
 * queue starts on a topic's history, open no case (a new installation does not hand months of history to people)</td></tr>
 * <tr><td>kafka.topic.negative-feedback</td><td>OTKLIK_NEGATIVE_FEEDBACK_TOPIC</td><td>feedback.negative</td></tr>
 * <tr><td>alerts.topic</td><td>OTKLIK_ALERTS_TOPIC</td><td>alerts (read by alert delivery too)</td></tr>
 * </table>
 */
public record CaseSettings(List<CaseCause> causes, Duration due, Duration maxAge, String feedbackTopic,
                           String alertsTopic) {

    public CaseSettings {
        causes = List.copyOf(causes);
    }

    /** @param alertsTopic the topic of incidents, one setting shared with alert delivery */
    public static CaseSettings from(Settings s, String alertsTopic) {
        return new CaseSettings(s.get("case.causes", "OTKLIK_CASE_CAUSES", CaseCause.DEFAULTS, CaseCause::parseCatalogue),
                Duration.ofDays(s.integer("case.due-days", "OTKLIK_CASE_DUE_DAYS", 5, 1, 365)),
                Duration.ofDays(s.integer("case.max-age-days", "OTKLIK_CASE_MAX_AGE_DAYS", 30, 1, 3650)),
                s.get("kafka.topic.negative-feedback", "OTKLIK_NEGATIVE_FEEDBACK_TOPIC", Topics.NEGATIVE_FEEDBACK,
                        SettingParser.REQUIRED_TEXT),
                alertsTopic);
    }

    public static CaseSettings defaults() {
        return new CaseSettings(CaseCause.parseCatalogue(CaseCause.DEFAULTS), Duration.ofDays(5), Duration.ofDays(30),
                Topics.NEGATIVE_FEEDBACK, Topics.ALERTS);
    }

    public CaseSettings withTopics(String feedback, String alerts) {
        return new CaseSettings(causes, due, maxAge, feedback, alerts);
    }
}
