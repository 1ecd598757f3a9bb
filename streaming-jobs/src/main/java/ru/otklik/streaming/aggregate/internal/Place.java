package ru.otklik.streaming.aggregate.internal;

import ru.otklik.common.indicator.ScopeLevel;

/**
 * The place a Flink key stands for: an office (whose breakdowns it also holds) or a region or the
 * federal total. It names the scope code of each item's rows.
 */
public record Place(ScopeLevel level, String code, String regionCode) {

    public static Place office(String officeCode, String regionCode) {
        return new Place(ScopeLevel.OFFICE, officeCode, regionCode);
    }

    /** From an area key {@code region|BRY} / {@code federal|RU}. */
    public static Place area(String areaKey) {
        int bar = areaKey.indexOf('|');
        ScopeLevel level = ScopeLevel.fromCode(areaKey.substring(0, bar));
        String code = areaKey.substring(bar + 1);
        return new Place(level, code, level == ScopeLevel.REGION ? code : "");
    }

    /** The {@code scope_code} of an item's rows: the place itself or one of its breakdowns. */
    public String codeOf(ItemKey item) {
        return item.part().isEmpty() ? code : ScopeLevel.breakdownCode(code, item.part());
    }
}
