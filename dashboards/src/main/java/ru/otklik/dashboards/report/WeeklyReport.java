package ru.otklik.dashboards.report;

import java.util.List;
import ru.otklik.dashboards.figures.Share;

/**
 * The weekly report of an office or a region (issue 14 §5; domain §3, §4, §9): one ISO week of the place's region
 * time zone beside the week before it. Every share is a {@link Share} (n, 95% Wilson interval, {@code sufficient}
 * false below the minimum sample); a change is given only where both weeks reach the minimum sample.
 *
 * @param from           Monday of the week (local date)
 * @param to             Sunday of the week (local date)
 * @param index          all 1–10 items of both questionnaires pooled (as the region ranking pools them)
 * @param items          every 1–10 item, questionnaire order
 * @param top            the three highest sufficient items of the week (audiences together)
 * @param bottom         the three lowest, lowest first
 * @param kioskByWeekday Monday (1) … Sunday (7) of the week, local time
 * @param comments       the newest comments of the week, the text and day only (never who or how to reach them)
 * @param excluded       what fraud flags left out of the week's figures, which are the clean ones (domain §8)
 */
public record WeeklyReport(String scopeLevel, String scopeCode, String scopeName, String regionCode, String regionName,
                           String week, String previousWeek, String zone, String from, String to, int minimumSample,
                           Figure index, List<Item> items, List<Item> top, List<Item> bottom, Figure kiosk,
                           List<Weekday> kioskByWeekday, Coverage coverage, List<Comment> comments, String language,
                           Excluded excluded) {

    /**
     * Answers of the 1–10 items (audiences together) and kiosk taps of the week under an open or confirmed fraud flag,
     * left out of every figure of the report; the coverage counts every form received, flagged or not.
     */
    public record Excluded(long answers, long kioskTaps) {
    }

    /** A share this week and the week before; {@code change} = week − previous (fraction), null unless both sufficient. */
    public record Figure(Share week, Share previous, Double change) {
    }

    /** One 1–10 item: audiences together, seekers and employers apart (domain §3). */
    public record Item(String questionId, String indicator, String group, String label, Figure all, Figure seekers,
                       Figure employers) {
    }

    /** Kiosk satisfaction on one local day of the week. */
    public record Weekday(int weekday, String date, Share satisfaction) {
    }

    /**
     * Forms received in the week per audience (domain §4 coverage), and the week before. No quota is configured in
     * the product yet, so the counts are shown as they are.
     */
    public record Coverage(long seekers, long employers, long kioskTaps, long pulse, long previousSeekers,
                           long previousEmployers, long previousKioskTaps, long previousPulse) {
    }

    /** One comment: the local day, the questionnaire's audience, the text. */
    public record Comment(String date, String audience, String text) {
    }
}
