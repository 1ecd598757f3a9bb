package ru.otklik.dashboards.clickhouse;

import java.time.Instant;
import java.util.List;
import ru.otklik.common.indicator.ScopeLevel;

/** A row the streaming job writes per {@code (scope_level, scope_code)} as of its watermark {@code as_of}. */
public interface ScopedRow {

    String scopeLevel();

    String scopeCode();

    Instant asOf();

    default boolean isOf(ScopeLevel level, String code) {
        return scopeLevel().equals(level.code()) && scopeCode().equals(code);
    }

    /** The rows of one scope out of a read that mixes a place with its offices or regions. */
    static <T extends ScopedRow> List<T> of(List<T> rows, ScopeLevel level, String code) {
        return rows.stream().filter(r -> r.isOf(level, code)).toList();
    }
}
