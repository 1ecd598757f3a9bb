package ru.otklik.ingest.response;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.Entry;
import ru.otklik.common.response.EventJson;

class EntryRulesTest {

    private static ObjectNode body(String channel, String surveyId) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("channel", channel);
        body.put("surveyId", surveyId);
        return body;
    }

    private static List<String> rules(ObjectNode body, Entry door) {
        return EntryRules.check(body, door).stream().map(v -> v.field() + ":" + v.rule()).toList();
    }

    @Test
    void thePublicDoorTakesLinkResponsesOfTheQuestionnairesOnly() {
        assertEquals(List.of(), rules(body("link", "jc-seeker"), Entry.PUBLIC_API));
        assertEquals(List.of("channel:entry-channel"), rules(body("kiosk", "kiosk-quick"), Entry.PUBLIC_API));
        assertEquals(List.of("channel:entry-channel"), rules(body("rater360", "pulse"), Entry.PUBLIC_API));
        assertEquals(List.of("channel:entry-channel"), rules(body("paper", "jc-seeker"), Entry.PUBLIC_API));
        assertEquals(List.of("surveyId:entry-survey"), rules(body("link", "kiosk-quick"), Entry.PUBLIC_API));
        assertEquals(List.of(), rules(body("KIOSK", "jc-seeker"), Entry.PUBLIC_API), "not a code: the validator's enum");
        ObjectNode bound = body("link", "jc-seeker");
        bound.put("touchpointId", "hall");
        bound.put("employeeId", "e-1");
        assertEquals(List.of("touchpointId:entry-binding", "employeeId:entry-binding"), rules(bound, Entry.PUBLIC_API));
    }

    @Test
    void theStaffDoorTakesPaperWithItsBinding() {
        ObjectNode paper = body("paper", "jc-employer");
        paper.put("employeeId", "e-1");
        assertEquals(List.of(), rules(paper, Entry.STAFF_PAPER));
        assertEquals(List.of("surveyId:entry-survey"), rules(body("paper", "kiosk-quick"), Entry.STAFF_PAPER));
        assertEquals(List.of("channel:entry-channel"), rules(body("link", "jc-seeker"), Entry.STAFF_PAPER));
    }
}
