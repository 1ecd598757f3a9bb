package ru.otklik.streaming.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.streaming.testing.Responses;

class FirstSeenFilterTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    private static KeyedOneInputStreamOperatorTestHarness<String, SurveyResponse, SurveyResponse> harness()
            throws Exception {
        var operator = new KeyedProcessOperator<>(new FirstSeenFilter(Duration.ofDays(7), Duration.ofDays(35)));
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, SurveyResponse::officeCode, Types.STRING);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, SurveyResponse, SurveyResponse> h,
                             SurveyResponse r) throws Exception {
        h.processElement(new StreamRecord<>(r, r.clientTs().toEpochMilli()));
    }

    @Test
    void aResentResponseIsLetThroughOnce() throws Exception {
        try (var h = harness()) {
            h.open();
            SurveyResponse r = Responses.seeker("r-000001", "BRY-01", T0, "Q1", 9);
            send(h, r);
            send(h, r.withReceivedTs(T0.plusSeconds(60)));
            send(h, Responses.seeker("r-000002", "BRY-01", T0, "Q1", 9));
            List<String> ids = h.extractOutputValues().stream().map(SurveyResponse::responseId).toList();
            assertEquals(List.of("r-000001", "r-000002"), ids);
        }
    }

    @Test
    void dedupStateSurvivesRestore() throws Exception {
        OperatorSubtaskState snapshot;
        SurveyResponse r = Responses.seeker("r-000001", "BRY-01", T0, "Q1", 9);
        try (var h = harness()) {
            h.open();
            send(h, r);
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            send(h, r);
            assertTrue(h.extractOutputValues().isEmpty(), "already seen before the checkpoint");
        }
    }

    @Test
    void lateWithinTheHorizonPassesBeyondItGoesAside() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(T0.toEpochMilli());
            send(h, Responses.seeker("r-000001", "BRY-01", T0.minus(Duration.ofDays(6)), "Q1", 9));
            send(h, Responses.seeker("r-000002", "BRY-01", T0.minus(Duration.ofDays(8)), "Q1", 9));
            assertEquals(List.of("r-000001"),
                    h.extractOutputValues().stream().map(SurveyResponse::responseId).toList());
            List<LateEventRow> late = h.getSideOutput(FirstSeenFilter.TOO_LATE).stream().map(StreamRecord::getValue)
                    .toList();
            assertEquals(1, late.size());
            assertEquals("r-000002", late.get(0).responseId());
            assertTrue(late.get(0).reason().contains("late horizon"), late.get(0).reason());
            assertEquals(T0.getEpochSecond(), late.get(0).watermarkTs());
        }
    }
}
