package ru.otklik.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.KioskTap;

/**
 * A small, hand-countable set of inputs with known figures:
 * <ul>
 *   <li>BRY-01, seekers: 40 forms; Q1 = 10,9,8,7 repeated (30 positive of 40 → 0.75);
 *       Q2 answered by the first 10 only, 5 of them positive (n = 10: insufficient data)</li>
 *   <li>BRY-01, employers: 5 forms, Q1 = 10 (all positive); together with seekers Q1 is 35 of 45</li>
 *   <li>BRY-02, seekers: 32 forms, Q1 = 3 (none positive)</li>
 *   <li>BRY-01 kiosk: 20 taps, buttons 4×8, 3×4, 2×4, 1×4 → satisfaction 12 of 20 = 0.6</li>
 * </ul>
 */
final class KnownResponses {

    static final int BRY01_SEEKERS = 40;
    static final int BRY01_SEEKER_Q1_POSITIVE = 30;
    static final int BRY01_EMPLOYERS = 5;
    static final int BRY02_SEEKERS = 32;
    static final int TAPS = 20;
    static final int HAPPY_TAPS = 12;

    private KnownResponses() {
    }

    static List<String> forms(Instant ts) {
        List<String> bodies = new ArrayList<>();
        int[] q1 = {10, 9, 8, 7};
        for (int i = 0; i < BRY01_SEEKERS; i++) {
            ObjectNode form = form("e2e-bry01-s-" + i, "jc-seeker", "seeker", "BRY-01", ts);
            ObjectNode answers = form.putObject("answers");
            answers.put("Q1", q1[i % 4]);
            if (i < 10) {
                answers.put("Q2", i % 2 == 0 ? 9 : 4);
            }
            answers.put("Q4", "yes");
            bodies.add(form.toString());
        }
        for (int i = 0; i < BRY01_EMPLOYERS; i++) {
            ObjectNode form = form("e2e-bry01-e-" + i, "jc-employer", "employer", "BRY-01", ts);
            form.putObject("answers").put("Q1", 10);
            bodies.add(form.toString());
        }
        for (int i = 0; i < BRY02_SEEKERS; i++) {
            ObjectNode form = form("e2e-bry02-s-" + i, "jc-seeker", "seeker", "BRY-02", ts);
            form.putObject("answers").put("Q1", 3);
            bodies.add(form.toString());
        }
        return bodies;
    }

    static List<KioskTap> taps(String deviceId, Instant ts) {
        int[] buttons = new int[TAPS];
        for (int i = 0; i < TAPS; i++) {
            buttons[i] = i < 8 ? 4 : i < 12 ? 3 : i < 16 ? 2 : 1;
        }
        List<KioskTap> taps = new ArrayList<>();
        for (int i = 0; i < TAPS; i++) {
            taps.add(new KioskTap("e2e-tap-" + i, deviceId, buttons[i], i == 0 ? "waiting_time" : null,
                    ts.plusSeconds(i), 0));
        }
        return taps;
    }

    /** A questionnaire form's envelope, as a browser posts it to ingest (the answers for the caller to add). */
    static ObjectNode form(String id, String survey, String audience, String office, Instant ts) {
        ObjectNode form = EventJson.mapper().createObjectNode();
        form.put("responseId", id);
        form.put("surveyId", survey);
        form.put("surveyVersion", 1);
        form.put("audience", audience);
        form.put("channel", "link");
        form.put("regionCode", office.substring(0, 3));
        form.put("officeCode", office);
        form.put("clientTs", ts.toString());
        return form;
    }
}
