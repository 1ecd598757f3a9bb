package ru.otklik.streaming.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.EmittedRows;

/**
 * The region stage's firing on an operator harness: event time follows the responses alone, so when they are quiet
 * (at night, or after the last form of a test) a checklist review must still be written — on the wall clock, after
 * the quiet delay — and whichever firing comes first deletes the other, so no timer is left behind.
 */
class CompositeIndexStageTest {

    private static final String OPENNESS = "2|" + CompositeIndexTopologyTest.QUARTER.code()
            + "|office|LIP-02|indicator|o.management_openness";

    private static KeyedOneInputStreamOperatorTestHarness<String, CompositeInput, EncodedRow> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new CompositeIndexStage.Regions(Duration.ofSeconds(1), Duration.ofSeconds(5))),
                CompositeInput::regionCode, Types.STRING);
        h.open();
        return h;
    }

    private static Map<String, Object> openness(KeyedOneInputStreamOperatorTestHarness<String, CompositeInput, EncodedRow> h) {
        EmittedRows rows = new EmittedRows();
        rows.addAll(h.extractOutputValues());
        return rows.latest(Tables.COMPOSITE_INDEX).get(OPENNESS);
    }

    @Test
    void aReviewWhileTheResponsesAreQuietIsWrittenOnTheWallClock() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(1_000);
            h.processElement(CompositeInput.of("LIP", CompositeIndexTopologyTest.methodology(2, 1)), 0);
            h.processElement(CompositeInput.of(CompositeIndexTopologyTest.report(1, 3)), 0);
            assertEquals(1, h.numEventTimeTimers());
            assertEquals(1, h.numProcessingTimeTimers());

            h.setProcessingTime(5_999); // no watermark has come, and the quiet delay has not passed
            assertTrue(h.extractOutputValues().isEmpty());

            h.setProcessingTime(6_000);
            Map<String, Object> row = openness(h);
            assertEquals(0.6, (Double) row.get("value"), 1e-9, row.toString());
            assertEquals("ok", row.get("status"));
            assertEquals(0, h.numEventTimeTimers(), "the wall-clock firing deleted the event-time one");
            assertEquals(0, h.numProcessingTimeTimers());
        }
    }

    @Test
    void eventTimeFirstDeletesTheWallClockFiring() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(1_000);
            h.processElement(CompositeInput.of("LIP", CompositeIndexTopologyTest.methodology(2, 1)), 0);
            h.processElement(CompositeInput.of(CompositeIndexTopologyTest.report(1, 3)), 0);
            h.processWatermark(CompositeIndexTopologyTest.AT.toEpochMilli());
            assertEquals(0.6, (Double) openness(h).get("value"), 1e-9);
            assertEquals(0, h.numProcessingTimeTimers(), "the event-time firing deleted the wall-clock one");

            // a later revision (4 accepted: 0.8) is written the same way, its value the one the state holds
            h.processElement(CompositeInput.of(CompositeIndexTopologyTest.report(2, 4)), 0);
            assertEquals(1, h.numProcessingTimeTimers());
            h.setProcessingTime(1_000 + 5_000);
            assertEquals(0.8, (Double) openness(h).get("value"), 1e-9);
            assertEquals(0, h.numEventTimeTimers());
        }
    }
}
