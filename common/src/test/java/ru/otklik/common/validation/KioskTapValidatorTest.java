package ru.otklik.common.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.survey.SurveyCatalog;

class KioskTapValidatorTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private final KioskTapValidator validator = new KioskTapValidator(SurveyCatalog.builtIn(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static ObjectNode tap() {
        ObjectNode tap = EventJson.mapper().createObjectNode();
        tap.put("tapId", "tap-000001");
        tap.put("deviceId", "kiosk-BRY-01-01");
        tap.put("button", 4);
        tap.put("reason", "staff_attitude");
        tap.put("clientTs", "2026-05-04T06:00:00Z");
        return tap;
    }

    @Test
    void aValidTap() {
        Validated<ru.otklik.common.response.KioskTap> result = validator.validate(tap(), "taps[0]", "kiosk-BRY-01-01");
        assertTrue(result.isValid(), () -> result.violations().toString());
        assertEquals(4, result.value().button());
    }

    @Test
    void everyBrokenFieldIsNamedUnderItsIndex() {
        ObjectNode tap = tap();
        tap.put("button", 5);
        tap.put("reason", "weather");
        tap.put("deviceId", "kiosk-OTHER");
        tap.put("colour", "red");
        tap.put("suppressedPresses", -1);
        Set<String> found = validator.validate(tap, "taps[7]", "kiosk-BRY-01-01").violations().stream()
                .map(v -> v.field() + ":" + v.rule()).collect(Collectors.toSet());
        assertEquals(Set.of("taps[7].button:range", "taps[7].reason:enum", "taps[7].deviceId:device-mismatch",
                "taps[7].colour:unknown-field", "taps[7].suppressedPresses:range"), found);
    }

    @Test
    void aLowTapMayCarryACommentThatOpensACaseLikeAnOnlineOne() {
        ObjectNode tap = tap();
        tap.put("button", 1);
        tap.put("comment", "  Очередь 40 минут, окно 3 закрыто  ");
        Validated<ru.otklik.common.response.KioskTap> result = validator.validate(tap, "taps[0]", "kiosk-BRY-01-01");
        assertTrue(result.isValid(), () -> result.violations().toString());
        assertEquals("Очередь 40 минут, окно 3 закрыто", result.value().comment(), "stripped");
        var response = result.value().toResponse("BRY", "BRY-01", "tp-hall", NOW);
        assertEquals("Очередь 40 минут, окно 3 закрыто", response.comment());
        var survey = SurveyCatalog.builtIn().find(ru.otklik.common.response.KioskTap.SURVEY_ID,
                ru.otklik.common.response.KioskTap.SURVEY_VERSION).orElseThrow();
        assertTrue(ru.otklik.common.feedback.LowScoreRule.defaults().feedback(response, survey).isPresent(),
                "a very unhappy tap with a comment is a case");

        ObjectNode blank = tap();
        blank.put("comment", "   ");
        assertEquals(null, validator.validate(blank, "taps[0]", "kiosk-BRY-01-01").value().comment(), "blank is none");
        ObjectNode tooLong = tap();
        tooLong.put("comment", "x".repeat(ResponseValidator.MAX_COMMENT_CHARS + 1));
        assertEquals(Set.of("taps[2].comment:max-length"), validator.validate(tooLong, "taps[2]", "kiosk-BRY-01-01")
                .violations().stream().map(v -> v.field() + ":" + v.rule()).collect(Collectors.toSet()));
        ObjectNode notText = tap();
        notText.put("comment", 42);
        assertEquals(Set.of("taps[0].comment:type"), validator.validate(notText, "taps[0]", "kiosk-BRY-01-01")
                .violations().stream().map(v -> v.field() + ":" + v.rule()).collect(Collectors.toSet()));
    }

    @Test
    void tapTimesAreBoundedAtBothEnds() {
        for (String ancient : new String[] {"-999999999-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "0001-01-01T00:00:00Z"}) {
            ObjectNode tap = tap();
            tap.put("clientTs", ancient);
            Set<String> found = validator.validate(tap, "taps[0]", "kiosk-BRY-01-01").violations().stream()
                    .map(v -> v.field() + ":" + v.rule()).collect(Collectors.toSet());
            assertEquals(Set.of("taps[0].clientTs:too-old"), found, ancient);
        }
        ObjectNode late = tap();
        late.put("clientTs", NOW.minus(java.time.Duration.ofDays(8)).toString());
        assertTrue(validator.validate(late, "taps[0]", "kiosk-BRY-01-01").isValid(), "a week-old backlog still counts");
    }
}
