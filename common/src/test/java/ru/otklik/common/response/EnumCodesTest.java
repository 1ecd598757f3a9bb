package ru.otklik.common.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EnumCodesTest {

    @Test
    void codesAreExactNotCaseFolded() {
        assertEquals(Channel.KIOSK, Channel.fromCode("kiosk"));
        assertEquals(Audience.VISITOR, Audience.fromCode("visitor"));
        assertEquals(Mode.IN_PERSON, Mode.fromCode("in_person"));
        assertThrows(IllegalArgumentException.class, () -> Channel.fromCode("KIOSK"));
        assertThrows(IllegalArgumentException.class, () -> Audience.fromCode("Seeker"));
        assertThrows(IllegalArgumentException.class, () -> Mode.fromCode("REMOTE"));
        assertThrows(IllegalArgumentException.class, () -> Channel.fromCode(null));
    }

    @Test
    void eventJsonRefusesACaseVariant() {
        String tap = "{\"responseId\":\"r-00000001\",\"surveyId\":\"kiosk-quick\",\"surveyVersion\":1,"
                + "\"audience\":\"visitor\",\"channel\":\"KIOSK\",\"mode\":\"in_person\",\"regionCode\":\"BRY\","
                + "\"officeCode\":\"BRY-01\",\"clientTs\":\"2026-05-04T10:00:00Z\",\"answers\":{}}";
        assertThrows(RuntimeException.class, () -> EventJson.fromBytes(tap.getBytes(), SurveyResponse.class));
        assertEquals(Channel.KIOSK, EventJson.fromBytes(tap.replace("KIOSK", "kiosk").getBytes(),
                SurveyResponse.class).channel());
    }
}
