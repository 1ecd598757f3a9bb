package ru.otklik.common.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.RequestMeta;
import ru.otklik.common.response.SurveyResponse;

class FraudSignalTest {

    private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

    private static SurveyResponse form(Channel channel, String ip, Long fill, int answers, int q1) {
        Map<String, Answer> a = new LinkedHashMap<>();
        a.put("Q1", Answer.score(q1));
        for (int i = 1; i < answers; i++) {
            a.put("Q" + (i + 4), Answer.score(9));
        }
        return new SurveyResponse("f", "jc-seeker", 1, Audience.SEEKER, channel, Mode.IN_PERSON, "BRY", "BRY-01", null,
                null, AT, AT, a, null, null, 0, null, new RequestMeta(ip, "ua", fill));
    }

    private static List<FraudSignal> signals(SurveyResponse r) {
        return FraudSignal.of(r, FraudSettings.DEFAULTS).stream().map(FraudSignal.Match::signal).toList();
    }

    @Test
    void aFormCountsForItsAddressItsVectorAndItsSpeed() {
        assertEquals(List.of(FraudSignal.SOURCE_BURST, FraudSignal.DUPLICATE_ANSWERS),
                signals(form(Channel.LINK, "ip", 60_000L, 6, 9)), "six answers in a minute: not fast");
        assertEquals(List.of(FraudSignal.SOURCE_BURST, FraudSignal.DUPLICATE_ANSWERS, FraudSignal.FAST_FORMS),
                signals(form(Channel.LINK, "ip", 8_999L, 6, 9)), "six answers in under 9 s");
        assertEquals(List.of(FraudSignal.SOURCE_BURST), signals(form(Channel.LINK, "ip", 60_000L, 4, 9)),
                "four answers: too short a vector to compare");
        assertEquals(List.of(FraudSignal.FAST_FORMS), signals(form(Channel.LINK, null, 1_000L, 6, 9)),
                "no address: only its speed");
        assertEquals(List.of(FraudSignal.SOURCE_BURST, FraudSignal.DUPLICATE_ANSWERS),
                signals(form(Channel.PAPER, "ip", 1_000L, 6, 9)), "paper is typed in by staff: its speed is theirs");
        assertEquals(List.of(), signals(form(Channel.RATER360, "ip", 1_000L, 6, 9)));
    }

    @Test
    void equalAnswersAreOneSourceOtherAnswersAnother() {
        String a = FraudSignal.of(form(Channel.LINK, "ip", 60_000L, 6, 9), FraudSettings.DEFAULTS).get(1).source();
        String same = FraudSignal.of(form(Channel.LINK, "ip", 60_000L, 6, 9), FraudSettings.DEFAULTS).get(1).source();
        String other = FraudSignal.of(form(Channel.LINK, "ip", 60_000L, 6, 3), FraudSettings.DEFAULTS).get(1).source();
        assertEquals(a, same);
        assertNotEquals(a, other);
        assertEquals(true, a.startsWith("ip/"), a);
    }

    @Test
    void aStraightLinedVectorNeedsMoreCopiesThanAnyOther() {
        String varied = FraudSignal.of(form(Channel.LINK, "ip", 60_000L, 6, 10), FraudSettings.DEFAULTS).get(1).source();
        String flat = FraudSignal.of(form(Channel.LINK, "ip", 60_000L, 6, 9), FraudSettings.DEFAULTS).get(1).source();
        assertEquals(FraudSettings.DEFAULTS.duplicateForms(), FraudSignal.DUPLICATE_ANSWERS.threshold(FraudSettings.DEFAULTS,
                varied), "one 10 among 9s: any copy is a copy");
        assertEquals(FraudSettings.DEFAULTS.duplicateFlatForms(), FraudSignal.DUPLICATE_ANSWERS.threshold(
                FraudSettings.DEFAULTS, flat), "all 9s, the way many honest people answer: " + flat);
        assertNotEquals(FraudSettings.DEFAULTS.duplicateForms(), FraudSettings.DEFAULTS.duplicateFlatForms());
        assertEquals(FraudSettings.DEFAULTS.burstForms(), FraudSignal.SOURCE_BURST.threshold(FraudSettings.DEFAULTS, flat),
                "the other signals do not look at the vector");
    }

    @Test
    void kioskTapsCountForTheirTouchpointOnly() {
        SurveyResponse tap = new KioskTap("t", "k", 4, null, AT, 0).toResponse("BRY", "BRY-01", "tp-hall", AT);
        assertEquals(List.of(new FraudSignal.Match(FraudSignal.KIOSK_BURST, "tp-hall"),
                new FraudSignal.Match(FraudSignal.KIOSK_RHYTHM, "tp-hall")), FraudSignal.of(tap, FraudSettings.DEFAULTS));
    }

    /** A form from the office's own network (as ingest decided) at {@code at}, with {@code scores}. */
    private static SurveyResponse fromOffice(Channel channel, Boolean officeNetwork, Instant at, int... scores) {
        Map<String, Answer> a = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            a.put("Q" + (i + 1), Answer.score(scores[i]));
        }
        return new SurveyResponse("s", "jc-seeker", 1, Audience.SEEKER, channel, Mode.IN_PERSON, "BRY", "BRY-01", null,
                null, at, at, a, null, null, 0, null, new RequestMeta(null, null, null, null, officeNetwork));
    }

    private static List<FraudSignal> staff(SurveyResponse r) {
        return FraudSignal.of(r, FraudSettings.DEFAULTS, ru.otklik.common.office.OpeningHours.pilot()).stream()
                .map(FraudSignal.Match::signal).filter(s -> s == FraudSignal.STAFF_NETWORK).toList();
    }

    @Test
    void theStaffPatternIsAnAllFavourableFormFromTheOfficesOwnNetworkWhileItIsOpen() {
        Instant tuesdayNoonMoscow = Instant.parse("2026-03-03T09:00:00Z"); // 12:00 in Bryansk
        Instant tuesdayNightMoscow = Instant.parse("2026-03-03T19:00:00Z"); // 22:00
        List<FraudSignal> staff = List.of(FraudSignal.STAFF_NETWORK);
        assertEquals(staff, staff(fromOffice(Channel.LINK, true, tuesdayNoonMoscow, 10, 8, 9, 10)));
        assertEquals(List.of(), staff(fromOffice(Channel.LINK, true, tuesdayNoonMoscow, 10, 10, 7, 10)), "one 7: not all favourable");
        assertEquals(List.of(), staff(fromOffice(Channel.LINK, true, tuesdayNoonMoscow, 10, 10)), "two scores tell nothing");
        assertEquals(List.of(), staff(fromOffice(Channel.LINK, false, tuesdayNoonMoscow, 10, 10, 10)), "a visitor's network");
        assertEquals(List.of(), staff(fromOffice(Channel.LINK, null, tuesdayNoonMoscow, 10, 10, 10)), "no range configured");
        assertEquals(List.of(), staff(fromOffice(Channel.LINK, true, tuesdayNightMoscow, 10, 10, 10)), "the office is closed");
        assertEquals(List.of(), staff(fromOffice(Channel.PAPER, true, tuesdayNoonMoscow, 10, 10, 10)),
                "paper forms are typed in by staff at the office by design");
    }
}
