package ru.otklik.streaming.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.Audience;
import ru.otklik.common.response.Channel;
import ru.otklik.common.response.Mode;
import ru.otklik.common.response.SurveyResponse;

/**
 * A reproducible stream of forms and kiosk taps over all pilot offices, delivered out of order:
 * most events are shuffled within a few minutes, some arrive hours late (an offline kiosk), and
 * some are resent with a later receive time (a client retry). Forms come by link or paper, some bound
 * to a desk or an employee, link forms with ingest's request metadata; kiosk taps from the hall.
 */
public final class GeneratedStream {

    private static final String[] SCALE_ITEMS = {"Q1", "Q2", "Q3", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q11",
            "Q15a", "Q15b"};

    private GeneratedStream() {
    }

    /** {@code count} distinct responses ending near {@code end}, plus resends of about 5% of them. */
    public static List<SurveyResponse> generate(int count, Instant end, long seed) {
        Random random = new Random(seed);
        List<Office> offices = new ArrayList<>(OfficeDirectory.pilot().offices());
        List<SurveyResponse> distinct = new ArrayList<>(count);
        Duration span = Duration.ofHours(3);
        for (int i = 0; i < count; i++) {
            Office office = offices.get(random.nextInt(offices.size()));
            double quality = 0.3 + 0.6 * (Math.abs(office.code().hashCode()) % 7) / 6.0;
            Instant clientTs = end.minusMillis((long) (random.nextDouble() * span.toMillis()));
            String id = String.format("gen-%d-%07d", seed, i);
            distinct.add(random.nextInt(3) == 0
                    ? kioskTap(id, office, clientTs, quality, random)
                    : form(id, office, clientTs, quality, random));
        }
        List<SurveyResponse> delivered = new ArrayList<>(distinct);
        delivered.sort((a, b) -> a.clientTs().compareTo(b.clientTs()));
        // disorder: swap neighbours within a window; move a few hours-late events to the end
        for (int i = 0; i < delivered.size(); i++) {
            int j = Math.min(delivered.size() - 1, i + random.nextInt(200));
            Collections.swap(delivered, i, j);
        }
        List<SurveyResponse> late = new ArrayList<>();
        for (int i = delivered.size() - 1; i >= 0; i--) {
            if (random.nextInt(50) == 0 && delivered.get(i).clientTs().isBefore(end.minus(Duration.ofHours(2)))) {
                late.add(delivered.remove(i));
            }
        }
        delivered.addAll(late);
        for (int i = 0; i < count / 20; i++) {
            SurveyResponse original = distinct.get(random.nextInt(distinct.size()));
            delivered.add(random.nextInt(delivered.size()),
                    original.withReceivedTs(original.receivedTs().plusSeconds(30 + random.nextInt(600))));
        }
        return delivered;
    }

    private static SurveyResponse form(String id, Office office, Instant ts, double quality, Random random) {
        boolean employer = random.nextInt(5) == 0;
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String item : SCALE_ITEMS) {
            if (random.nextInt(10) > 0) { // some items left unanswered
                answers.put(item, Answer.score(scale(quality, random)));
            }
        }
        answers.put("Q4", Answer.choice(random.nextBoolean() ? "yes" : "no"));
        // some forms are entered from paper, some links are bound to a desk or an employee
        Channel channel = random.nextInt(8) == 0 ? Channel.PAPER : Channel.LINK;
        String touchpoint = random.nextInt(4) == 0 ? "desk-" + (1 + random.nextInt(3)) : null;
        String employee = random.nextInt(3) == 0 ? "emp-" + (1 + random.nextInt(5)) : null;
        Instant started = random.nextBoolean() ? ts.minusSeconds(30 + random.nextInt(600)) : null;
        SurveyResponse r = new SurveyResponse(id, employer ? "jc-employer" : "jc-seeker", 1,
                employer ? Audience.EMPLOYER : Audience.SEEKER, channel, Mode.IN_PERSON, office.regionCode(),
                office.code(), touchpoint, employee, ts, ts.plusSeconds(1 + random.nextInt(5)), answers, null, null, 0,
                started, null);
        // what ingest adds to web forms: hashed address and user agent, the fill time when the form-open time is known
        return channel == Channel.LINK
                ? r.withMeta("ip-" + Integer.toHexString(random.nextInt(1 << 16)), "ua-" + random.nextInt(4))
                : r;
    }

    private static SurveyResponse kioskTap(String id, Office office, Instant ts, double quality, Random random) {
        int button = Math.max(1, Math.min(4, (int) Math.round(1 + 3 * quality + random.nextGaussian() * 0.8)));
        return new SurveyResponse(id, "kiosk-quick", 1, Audience.VISITOR, Channel.KIOSK, Mode.IN_PERSON,
                office.regionCode(), office.code(), "hall", null, ts, ts.plusSeconds(1 + random.nextInt(5)),
                Map.of("K1", Answer.score(button)), null, null, random.nextInt(20) == 0 ? 1 : 0);
    }

    private static int scale(double quality, Random random) {
        return Math.max(1, Math.min(10, (int) Math.round(1 + 9 * quality + random.nextGaussian() * 1.8)));
    }
}
