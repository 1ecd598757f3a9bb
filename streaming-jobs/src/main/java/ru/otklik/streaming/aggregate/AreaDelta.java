package ru.otklik.streaming.aggregate;

/**
 * What one office adds to (or, negative, takes from) a region or the federal total in one flush: its
 * changed cells, already summed per audience, item and minute. A hot area key therefore receives one
 * record per office per flush, however many answers came in (the local/global pattern).
 * {@code areaKey} is {@code region|BRY} or {@code federal|RU}; {@code excluded}: the cells are a change
 * of the office's excluded answers (retracted: positive; readmitted: negative), not of its raw figures.
 */
public record AreaDelta(String areaKey, Cell[] cells, boolean excluded) {

    /**
     * One item's counts in one minute: {@code kind} is the question type's ordinal for a scored
     * item, or {@link ItemKinds#RESPONSES} for the response count (counts[0] responses, counts[1]
     * suppressed presses).
     */
    public record Cell(String audience, String surveyId, String questionId, byte kind, long minute, long[] counts) {
    }

    public static String regionKey(String regionCode) {
        return "region|" + regionCode;
    }

    public static final String FEDERAL_KEY = "federal|" + ru.otklik.common.indicator.ScopeLevel.FEDERAL_CODE;
}
