package ru.otklik.streaming.testing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.SurveyResponse;

/**
 * Three weeks of kiosk taps of two offices, 60 a day during opening hours (09–18 Moscow), 20 % of
 * them unhappy; on day {@link #FALL_DAY} the first {@link #FALLEN_TAPS} taps of BRY-01 are 65 % unhappy,
 * VLA-01 never falls. Days 0–7 are the baseline the drop test needs (7 days, 200 taps).
 */
public final class DropScenario {

    public static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    public static final int TAPS_PER_DAY = 60;
    public static final int FALL_DAY = 8;
    public static final int FALLEN_TAPS = 40;
    // an escalated incident at 60 taps a day needs about four normal days to close (its statistic is capped at
    // twice the limit, and a normal tap takes a third of what a bad one adds)
    public static final int DAYS = 21;

    private DropScenario() {
    }

    /** Every tap in event-time order, the first day starting at {@code firstDay} (a Moscow midnight). */
    public static List<SurveyResponse> taps(ZonedDateTime firstDay, long seed) {
        Random random = new Random(seed);
        List<SurveyResponse> taps = new ArrayList<>();
        for (String office : List.of("BRY-01", "VLA-01")) {
            for (int day = 0; day < DAYS; day++) {
                for (int i = 0; i < TAPS_PER_DAY; i++) {
                    boolean fallen = office.equals("BRY-01") && day == FALL_DAY && i < FALLEN_TAPS;
                    boolean bad = random.nextDouble() < (fallen ? 0.65 : 0.2);
                    int button = bad ? 1 + random.nextInt(2) : 3 + random.nextInt(2);
                    Instant at = firstDay.plusDays(day).plusHours(9).plusSeconds(i * 9L * 3600 / TAPS_PER_DAY
                            + random.nextInt(60)).toInstant();
                    taps.add(new KioskTap(office + "-d" + day + "-t" + i, "kiosk-" + office, button, null, at, 0)
                            .toResponse(office.substring(0, 3), office, "tp-" + office, at.plusSeconds(1)));
                }
            }
        }
        taps.sort(Comparator.comparing(SurveyResponse::clientTs).thenComparing(SurveyResponse::responseId));
        return taps;
    }

    public static boolean isBad(SurveyResponse tap) {
        return tap.answers().get(KioskTap.SATISFACTION_QUESTION).score() <= 2;
    }
}
