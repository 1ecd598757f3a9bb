package ru.otklik.dashboards.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;
import ru.otklik.common.response.Topics;

/**
 * Who is told of alerts, and how (read with the shared {@link Settings} rule). Delivery runs when the
 * operational store is configured and at least one route is.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>alert.webhooks</td><td>OTKLIK_ALERT_WEBHOOKS</td><td>none; {@code SCOPE=url;...} (scope RU, a region or an office)</td></tr>
 * <tr><td>alert.webhook-secret</td><td>OTKLIK_ALERT_WEBHOOK_SECRET</td><td>required with webhooks (16+ characters): the HMAC key</td></tr>
 * <tr><td>alert.mail-to</td><td>OTKLIK_ALERT_MAIL_TO</td><td>none; {@code SCOPE=address;...}</td></tr>
 * <tr><td>smtp.host, smtp.port</td><td>OTKLIK_SMTP_HOST, OTKLIK_SMTP_PORT</td><td>127.0.0.1, 25</td></tr>
 * <tr><td>smtp.from</td><td>OTKLIK_SMTP_FROM</td><td>otklik@localhost</td></tr>
 * <tr><td>smtp.user, smtp.password</td><td>OTKLIK_SMTP_USER, OTKLIK_SMTP_PASSWORD</td><td>none (no authentication)</td></tr>
 * <tr><td>smtp.starttls</td><td>OTKLIK_SMTP_STARTTLS</td><td>false</td></tr>
 * <tr><td>alert.quiet-minutes</td><td>OTKLIK_ALERT_QUIET_MINUTES</td><td>30: an escalation sooner after the incident's message is not sent again</td></tr>
 * <tr><td>alert.retry-seconds</td><td>OTKLIK_ALERT_RETRY_SECONDS</td><td>5: the first retry of a failed message; doubled each time up to 10 minutes, for about a day</td></tr>
 * <tr><td>alerts.topic</td><td>OTKLIK_ALERTS_TOPIC</td><td>alerts</td></tr>
 * <tr><td>dashboards.public-url</td><td>OTKLIK_DASHBOARDS_PUBLIC_URL</td><td>http://localhost:8090 (links in messages)</td></tr>
 * </table>
 */
public record DeliverySettings(List<AlertRoute> routes, String webhookSecret, String smtpHost, int smtpPort,
                               String smtpFrom, String smtpUser, String smtpPassword, boolean smtpStartTls,
                               Duration quietPeriod, Duration firstRetry, String alertsTopic, String publicUrl) {

    public DeliverySettings {
        routes = List.copyOf(routes);
        if (routes.stream().anyMatch(r -> r.channel() == AlertRoute.Channel.WEBHOOK)
                && (webhookSecret == null || webhookSecret.length() < 16)) {
            throw new IllegalArgumentException("webhooks need a secret of at least 16 characters (OTKLIK_ALERT_WEBHOOK_SECRET)");
        }
    }

    public static DeliverySettings from(Settings s) {
        List<AlertRoute> routes = new ArrayList<>();
        routes.addAll(s.get("alert.webhooks", "OTKLIK_ALERT_WEBHOOKS", "",
                text -> AlertRoute.parse(AlertRoute.Channel.WEBHOOK, text)));
        routes.addAll(s.get("alert.mail-to", "OTKLIK_ALERT_MAIL_TO", "",
                text -> AlertRoute.parse(AlertRoute.Channel.EMAIL, text)));
        String secret = s.secret("alert.webhook-secret", "OTKLIK_ALERT_WEBHOOK_SECRET", "", text -> {
            if (text != null && !text.isBlank() && text.length() < 16) {
                throw new IllegalArgumentException("must have at least 16 characters");
            }
            return text == null || text.isBlank() ? null : text;
        });
        String user = s.text("smtp.user", "OTKLIK_SMTP_USER", "");
        return new DeliverySettings(routes, secret,
                s.get("smtp.host", "OTKLIK_SMTP_HOST", "127.0.0.1", SettingParser.REQUIRED_TEXT),
                s.port("smtp.port", "OTKLIK_SMTP_PORT", 25),
                s.get("smtp.from", "OTKLIK_SMTP_FROM", "otklik@localhost", SettingParser.REQUIRED_TEXT),
                user == null || user.isBlank() ? null : user,
                s.secret("smtp.password", "OTKLIK_SMTP_PASSWORD", "", text -> text == null ? "" : text),
                s.flag("smtp.starttls", "OTKLIK_SMTP_STARTTLS", false),
                Duration.ofMinutes(s.integer("alert.quiet-minutes", "OTKLIK_ALERT_QUIET_MINUTES", 30, 0, 7 * 24 * 60)),
                Duration.ofSeconds(s.integer("alert.retry-seconds", "OTKLIK_ALERT_RETRY_SECONDS", 5, 1, 3600)),
                s.get("alerts.topic", "OTKLIK_ALERTS_TOPIC", Topics.ALERTS, SettingParser.REQUIRED_TEXT),
                s.get("dashboards.public-url", "OTKLIK_DASHBOARDS_PUBLIC_URL", "http://localhost:8090",
                        SettingParser.REQUIRED_TEXT));
    }

    public static DeliverySettings none() {
        return new DeliverySettings(List.of(), null, "127.0.0.1", 25, "otklik@localhost", null, "", false,
                Duration.ofMinutes(30), Duration.ofSeconds(5), Topics.ALERTS, "http://localhost:8090");
    }

    public boolean any() {
        return !routes.isEmpty();
    }

    public DeliverySettings withRoutes(List<AlertRoute> newRoutes, String secret) {
        return new DeliverySettings(newRoutes, secret, smtpHost, smtpPort, smtpFrom, smtpUser, smtpPassword, smtpStartTls,
                quietPeriod, firstRetry, alertsTopic, publicUrl);
    }

    public DeliverySettings withSmtp(String host, int port) {
        return new DeliverySettings(routes, webhookSecret, host, port, smtpFrom, smtpUser, smtpPassword, smtpStartTls,
                quietPeriod, firstRetry, alertsTopic, publicUrl);
    }

    public DeliverySettings withTopic(String topic) {
        return new DeliverySettings(routes, webhookSecret, smtpHost, smtpPort, smtpFrom, smtpUser, smtpPassword,
                smtpStartTls, quietPeriod, firstRetry, topic, publicUrl);
    }

    public DeliverySettings withRetry(Duration first) {
        return new DeliverySettings(routes, webhookSecret, smtpHost, smtpPort, smtpFrom, smtpUser, smtpPassword,
                smtpStartTls, quietPeriod, first, alertsTopic, publicUrl);
    }

    /** For logs: no secret, no password, and the number of e-mail addresses only. */
    @Override
    public String toString() {
        return "DeliverySettings[webhooks=" + routes.stream().filter(r -> r.channel() == AlertRoute.Channel.WEBHOOK)
                .map(r -> r.scope() + "=" + r.target()).toList() + ", mailRecipients="
                + routes.stream().filter(r -> r.channel() == AlertRoute.Channel.EMAIL).count() + ", smtp=" + smtpHost + ":"
                + smtpPort + ", quietPeriod=" + quietPeriod + ", alertsTopic=" + alertsTopic + "]";
    }
}
