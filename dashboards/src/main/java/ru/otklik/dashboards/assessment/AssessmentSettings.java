package ru.otklik.dashboards.assessment;

import java.net.URI;
import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.link.LinkKeys;
import ru.otklik.common.response.Topics;

/**
 * Settings of the 360 assessment: the keys that sign raters' personal links — the survey links' keys, which
 * ingest (serving the rater form) verifies with — the address raters reach ingest at, and the topic the
 * sessions' matrices are published to.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>link.keys</td><td>OTKLIK_LINK_KEYS</td><td>a random key per start (links then fail at ingest: set it
 * to ingest's value)</td></tr>
 * <tr><td>public-base-url</td><td>OTKLIK_PUBLIC_BASE_URL</td><td>http://localhost:8080 (ingest's)</td></tr>
 * <tr><td>kafka.topic.assessment-assignments</td><td>OTKLIK_ASSESSMENT_ASSIGNMENTS_TOPIC</td>
 * <td>assessment.assignments</td></tr>
 * <tr><td>assessment.reminders</td><td>OTKLIK_ASSESSMENT_REMINDERS</td><td>P3D,P1D: e-mail reminders to raters with
 * targets left, this long before the deadline (ISO-8601 durations, comma-separated; none: no reminders)</td></tr>
 * <tr><td>assessment.schedule-interval</td><td>OTKLIK_ASSESSMENT_SCHEDULE_INTERVAL</td><td>PT1M: how often sessions
 * past their deadline are closed and reminders queued and sent</td></tr>
 * </table>
 */
public record AssessmentSettings(LinkKeys linkKeys, String raterBaseUrl, String assignmentsTopic,
                                 java.util.List<java.time.Duration> reminderLeads, java.time.Duration scheduleInterval) {

    public static final java.util.List<java.time.Duration> DEFAULT_REMINDERS = java.util.List.of(
            java.time.Duration.ofDays(3), java.time.Duration.ofDays(1));

    public AssessmentSettings {
        reminderLeads = java.util.List.copyOf(reminderLeads);
    }

    /** With the default reminders and schedule. */
    public AssessmentSettings(LinkKeys linkKeys, String raterBaseUrl, String assignmentsTopic) {
        this(linkKeys, raterBaseUrl, assignmentsTopic, DEFAULT_REMINDERS, java.time.Duration.ofMinutes(1));
    }

    public static AssessmentSettings from(Settings s) {
        LinkKeys keys = s.secret("link.keys", "OTKLIK_LINK_KEYS", "", LinkKeys::parse);
        String base = s.get("public-base-url", "OTKLIK_PUBLIC_BASE_URL", "http://localhost:8080", text -> {
            URI uri = URI.create(text.strip());
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getQuery() != null) {
                throw new IllegalArgumentException("must be an http(s) URL without query");
            }
            return text.strip().replaceAll("/+$", "");
        });
        java.util.List<java.time.Duration> leads = s.get("assessment.reminders", "OTKLIK_ASSESSMENT_REMINDERS", "P3D,P1D",
                text -> text.strip().equals("none") ? java.util.List.<java.time.Duration>of()
                        : java.util.Arrays.stream(text.split(",")).filter(t -> !t.isBlank())
                        .map(AssessmentSchedule::parseLead).distinct().toList());
        return new AssessmentSettings(keys, base, s.get("kafka.topic.assessment-assignments",
                "OTKLIK_ASSESSMENT_ASSIGNMENTS_TOPIC", Topics.ASSESSMENT_ASSIGNMENTS, SettingParser.REQUIRED_TEXT), leads,
                s.duration("assessment.schedule-interval", "OTKLIK_ASSESSMENT_SCHEDULE_INTERVAL", "PT1M",
                        java.time.Duration.ofSeconds(1), java.time.Duration.ofHours(1)));
    }

    /** A rater's personal link. */
    public String raterLink(String raterKey) {
        return raterBaseUrl + "/a/" + ru.otklik.common.assessment.RaterLinkToken.sign(linkKeys, raterKey);
    }

    @Override
    public String toString() { // never the keys
        return "AssessmentSettings[linkKeys=" + linkKeys + ", raterBaseUrl=" + raterBaseUrl + ", assignmentsTopic="
                + assignmentsTopic + ", reminderLeads=" + reminderLeads + ", scheduleInterval=" + scheduleInterval + "]";
    }
}
