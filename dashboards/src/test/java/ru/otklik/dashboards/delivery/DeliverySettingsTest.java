package ru.otklik.dashboards.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.config.Settings;

/** Routes and delivery settings as an operator writes them, and the retry schedule. */
class DeliverySettingsTest {

    private static DeliverySettings from(Map<String, String> env) {
        return DeliverySettings.from(Settings.of("dashboards", new Properties(), env));
    }

    private static AlertEvent alert(String office) {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new AlertEvent("a", 1, "drop_kiosk", "warning", "open", office.substring(0, 3), office, "", t, t, t, null,
                1, 1, 0, 0, 0, 0, List.of(), "{}");
    }

    @Test
    void routesNameTheirScopeAndTarget() {
        DeliverySettings s = from(Map.of(
                "OTKLIK_ALERT_WEBHOOKS", "RU=https://hooks.example/otklik?a=b; BRY=http://10.0.0.1:9000/x",
                "OTKLIK_ALERT_WEBHOOK_SECRET", "0123456789abcdef",
                "OTKLIK_ALERT_MAIL_TO", "BRY-01=head@bry.example"));
        assertEquals(List.of(
                new AlertRoute(AlertRoute.Channel.WEBHOOK, "RU", "https://hooks.example/otklik?a=b"),
                new AlertRoute(AlertRoute.Channel.WEBHOOK, "BRY", "http://10.0.0.1:9000/x"),
                new AlertRoute(AlertRoute.Channel.EMAIL, "BRY-01", "head@bry.example")), s.routes());
        assertTrue(s.routes().get(0).covers(alert("VLA-01")), "RU covers every office");
        assertTrue(s.routes().get(1).covers(alert("BRY-02")));
        assertFalse(s.routes().get(1).covers(alert("VLA-01")));
        assertTrue(s.routes().get(2).covers(alert("BRY-01")));
        assertFalse(s.routes().get(2).covers(alert("BRY-02")));
        assertFalse(s.toString().contains("head@bry.example"), "addresses stay out of the logs: " + s);
        assertFalse(s.toString().contains("0123456789abcdef"));
        assertFalse(from(Map.of()).any(), "no routes: no delivery");
    }

    @Test
    void badSettingsStopTheStartNamingTheSettingAndRule() {
        IllegalArgumentException scope = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("OTKLIK_ALERT_MAIL_TO", "Bryansk=head@bry.example")));
        assertTrue(scope.getMessage().contains("OTKLIK_ALERT_MAIL_TO") && scope.getMessage().contains("scope must be RU"),
                scope.getMessage());
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("OTKLIK_ALERT_MAIL_TO", "BRY=not-an-address")));
        assertTrue(address.getMessage().contains("an e-mail target must be an address"), address.getMessage());
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("OTKLIK_ALERT_WEBHOOKS", "RU=ftp://x", "OTKLIK_ALERT_WEBHOOK_SECRET", "0123456789abcdef")));
        assertTrue(url.getMessage().contains("http(s) URL"), url.getMessage());
        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("OTKLIK_ALERT_WEBHOOKS", "RU=https://hooks.example/x")));
        assertTrue(secret.getMessage().contains("OTKLIK_ALERT_WEBHOOK_SECRET"), secret.getMessage());
        IllegalArgumentException entry = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("OTKLIK_ALERT_MAIL_TO", "head@bry.example")));
        assertTrue(entry.getMessage().contains("SCOPE=target"), entry.getMessage());
    }

    @Test
    void retriesDoubleFromTheFirstDelayUpToTenMinutes() {
        Duration first = Duration.ofSeconds(5);
        assertEquals(Duration.ofSeconds(5), AlertDelivery.delay(first, 1));
        assertEquals(Duration.ofSeconds(10), AlertDelivery.delay(first, 2));
        assertEquals(Duration.ofSeconds(320), AlertDelivery.delay(first, 7));
        assertEquals(Duration.ofMinutes(10), AlertDelivery.delay(first, 8));
        assertEquals(Duration.ofMinutes(10), AlertDelivery.delay(first, 149));
    }

    @Test
    void onlyOpeningsAndEscalationsAreAnnounced() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        for (String[] c : new String[][] {{"open", "open"}, {"escalated", "escalated"}, {"closed", null}}) {
            AlertEvent e = new AlertEvent("a", 1, "drop_kiosk", "warning", c[0], "BRY", "BRY-01", "", t, t, t, null, 1, 1,
                    0, 0, 0, 0, List.of(), "{}");
            if (c[1] == null) {
                assertNull(AlertDelivery.transition(e));
            } else {
                assertEquals(c[1], AlertDelivery.transition(e));
            }
        }
    }
}
