package ru.otklik.dashboards.delivery;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.dashboards.alert.AlertFeedQuery;

/**
 * What a message about one change of one incident says: a subject and a plain-text body in Russian
 * with English below (times in the office's local zone, a link to the office's page), and the JSON a
 * webhook receives (the incident's facts as the alert topic carries them, with the transition).
 */
public record AlertMessage(String subject, String text, Map<String, Object> json) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    public static AlertMessage of(AlertEvent e, String transition, OfficeDirectory directory, String publicUrl) {
        String office = directory.office(e.officeCode()).map(Office::name).orElse(e.officeCode());
        ZoneId zone = RegionTimeZone.of(e.regionCode());
        String opened = WHEN.format(e.openedAt().atZone(zone)) + " (" + zone.getId() + ")";
        boolean escalated = "escalated".equals(transition);
        String link = publicUrl.replaceAll("/+$", "") + "/offices/" + e.officeCode();
        String subject = "[Отклик] " + (escalated ? "Усилилось: " : "") + AlertFeedQuery.title(e.alertType(), "ru")
                + " — " + office;
        String evidence = e.alertType().startsWith("drop_")
                ? e.flagged() + " / " + e.observed() + " плохих (обычно " + Math.round(e.baseline() * 100) + "%)"
                        + " · " + e.flagged() + " / " + e.observed() + " bad (usually " + Math.round(e.baseline() * 100) + "%)"
                : e.alertType().equals("kiosk_silent") ? "Точка / touchpoint: " + e.scopeId()
                : "Ответов под флагом / responses flagged: " + e.flagged();
        String text = AlertFeedQuery.title(e.alertType(), "ru") + (escalated ? " (усилилось)" : "") + "\n"
                + office + " (" + e.officeCode() + ")\n"
                + "С " + opened + "\n" + evidence + "\n" + link + "\n\n"
                + AlertFeedQuery.title(e.alertType(), "en") + (escalated ? " (escalated)" : "") + ", since " + opened
                + "\n\nОтклик — " + e.alertId();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("transition", transition);
        json.put("alertId", e.alertId());
        json.put("alertType", e.alertType());
        json.put("title", AlertFeedQuery.title(e.alertType(), "en"));
        json.put("severity", e.severity());
        json.put("status", e.status());
        json.put("regionCode", e.regionCode());
        json.put("officeCode", e.officeCode());
        json.put("officeName", office);
        json.put("scopeId", e.scopeId());
        json.put("startedAt", e.startedAt().toString());
        json.put("openedAt", e.openedAt().toString());
        json.put("observed", e.observed());
        json.put("flagged", e.flagged());
        json.put("baseline", e.baseline());
        json.put("statistic", e.statistic());
        json.put("threshold", e.threshold());
        json.put("responseIds", e.responseIds());
        json.put("link", link);
        return new AlertMessage(subject, text, json);
    }
}
