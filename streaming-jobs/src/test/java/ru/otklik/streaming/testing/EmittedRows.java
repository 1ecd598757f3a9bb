package ru.otklik.streaming.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.otklik.common.store.Table;
import ru.otklik.streaming.clickhouse.EncodedRow;

/**
 * Encoded rows as a test reads them: decoded per table, and reduced the way ReplacingMergeTree
 * reduces them (per key the highest version, the later of equal versions).
 */
public final class EmittedRows {

    private final List<EncodedRow> rows = new ArrayList<>();

    public void addAll(Collection<EncodedRow> more) {
        rows.addAll(more);
    }

    public void clear() {
        rows.clear();
    }

    /** Every row written to {@code table}, in order. */
    public List<Map<String, Object>> all(Table<?> table) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EncodedRow r : rows) {
            if (r.tableDescriptor() == table) {
                out.addAll(table.decode(r.bytes()));
            }
        }
        return out;
    }

    /** What {@code SELECT ... FINAL} would return: the key joined with '|' to the winning row. */
    public Map<String, Map<String, Object>> latest(Table<?> table) {
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        for (Map<String, Object> row : all(table)) {
            StringBuilder key = new StringBuilder();
            for (String column : table.key()) {
                key.append(key.length() == 0 ? "" : "|").append(row.get(column));
            }
            Map<String, Object> previous = latest.get(key.toString());
            if (previous == null || !row.containsKey("version")
                    || Long.compareUnsigned((Long) row.get("version"), (Long) previous.get("version")) >= 0) {
                latest.put(key.toString(), row);
            }
        }
        return latest;
    }
}
