package ru.otklik.common.store;

/** One row of {@code otklik.scope_watermark}: every window row of the place is current as of {@code asOf}. */
public record ScopeWatermarkRow(String level, String code, long asOf, long version) {
}
