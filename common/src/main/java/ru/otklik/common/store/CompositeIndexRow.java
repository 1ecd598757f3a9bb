package ru.otklik.common.store;

/**
 * One row of {@code otklik.composite_index}: one part of the composite client-centricity index of one scope and
 * period under one methodology version — the index itself ({@code componentLevel} {@code index}, {@code component}
 * {@code ""}), one group, or one indicator.
 *
 * @param scopeLevel     {@code office}, {@code managing} (a managing office and the offices it manages),
 *                       {@code region} or {@code federal}
 * @param componentLevel {@code index}, {@code group} or {@code indicator}
 * @param kind           indicator rows: {@code subjective} or {@code objective}; otherwise {@code ""}
 * @param hasValue       whether {@code value} means anything (an indicator with insufficient data, a group without a
 *                       counted indicator, an index without a group have none; {@code status} says why)
 * @param value          0–1 (index and groups: weighted means; indicators: share or points / max)
 * @param n              subjective: answers; objective: reporting offices; group: counted indicators; index: groups
 *                       with a value; federal index: regions with a value
 * @param positive       subjective indicators: positive answers (8–10); otherwise 0
 * @param points         objective indicators: points (mean over reporting offices above office level)
 * @param maxPoints      objective indicators: the maximum points
 * @param weight         groups: the group's weight; otherwise 0
 * @param periodStart    epoch day of the period's first day
 * @param live           1 while the period is the current one of the version (figures still move)
 */
public record CompositeIndexRow(int methodologyVersion, String period, long periodStart, String scopeLevel,
                                String scopeCode, String regionCode, String componentLevel, String component,
                                String groupCode, String kind, boolean hasValue, double value, String status, long n,
                                long positive, double points, double maxPoints, double weight, boolean live,
                                long updatedTs, long version) {
}
