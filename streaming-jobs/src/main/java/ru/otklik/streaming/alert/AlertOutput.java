package ru.otklik.streaming.alert;

import java.util.List;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import ru.otklik.common.alert.AlertEvent;
import ru.otklik.common.store.AlertRow;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * How every alert stage hands on what changed: the rows as one encoded batch for {@code otklik.alerts}
 * (sent at once: nothing more follows until the next timer), and each row as an event for the Kafka
 * topic {@code alerts} on the side output {@link #EVENTS}.
 */
public final class AlertOutput {

    /** Every row written to {@code otklik.alerts}, also as an event for Kafka topic {@code alerts}. */
    public static final OutputTag<AlertEvent> EVENTS = new OutputTag<>("alert-events", OtklikTypes.ALERT_EVENT);

    private AlertOutput() {
    }

    static void emit(List<AlertRow> rows, KeyedProcessFunction<?, ?, EncodedRow>.Context ctx, Collector<EncodedRow> out) {
        emit(rows, event -> ctx.output(EVENTS, event), out);
    }

    static void emit(List<AlertRow> rows, java.util.function.Consumer<AlertEvent> events, Collector<EncodedRow> out) {
        if (rows.isEmpty()) {
            return;
        }
        out.collect(new EncodedRow(Tables.idOf(Tables.ALERTS), rows.size(), Tables.ALERTS.encode(rows), true));
        for (AlertRow row : rows) {
            events.accept(AlertEvent.of(row));
        }
    }
}
