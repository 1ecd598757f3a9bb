package ru.otklik.streaming.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.EmittedRows;
import ru.otklik.streaming.testing.Responses;

/** Offices' partials into the region and federal stage: one record per office per flush, sums exact. */
class AreaStageTest {

    private static final Instant NOW = Instant.parse("2026-05-20T12:00:00Z");

    @Test
    void regionAndFederalRowsAreTheSumsOfTheirOfficesFromOnePartialPerOfficeAndFlush() throws Exception {
        var offices = new KeyedOneInputStreamOperatorTestHarness<>(new OfficeStage(Duration.ofSeconds(1),
                Duration.ofDays(7), Duration.ofDays(35), 3, true, 100_000), ResponseChange::officeCode, Types.STRING);
        var areas = new KeyedOneInputStreamOperatorTestHarness<>(new AreaStage(Duration.ofSeconds(1), Duration.ofDays(7),
                3), AreaDelta::areaKey, Types.STRING);
        offices.setProcessingTime(0);
        areas.setProcessingTime(0);
        offices.open();
        areas.open();
        int answers = 0;
        for (int i = 0; i < 300; i++) { // two offices of Bryansk and one of another region
            String office = i % 3 == 0 ? "BRY-01" : i % 3 == 1 ? "BRY-02" : "KLU-01";
            SurveyResponse r = Responses.seeker(String.format("r-%07d", i), office, NOW.minusSeconds(i * 7L),
                    "Q1", 1 + i % 10);
            offices.processElement(new StreamRecord<>(ResponseChange.add(r), r.clientTs().toEpochMilli()));
            answers++;
        }
        offices.processWatermark(NOW.toEpochMilli());
        offices.setProcessingTime(1_000);
        List<AreaDelta> partials = new ArrayList<>(offices.extractOutputValues());
        assertEquals(3 * 2, partials.size(), "one partial per office for its region and one for the federal total");

        areas.processWatermark(NOW.toEpochMilli());
        for (AreaDelta d : partials) {
            areas.processElement(new StreamRecord<>(d));
        }
        areas.setProcessingTime(1_000);
        EmittedRows rows = new EmittedRows();
        List<EncodedRow> out = new ArrayList<>(areas.extractOutputValues());
        rows.addAll(out);
        Map<String, Map<String, Object>> windows = rows.latest(Tables.INDICATOR_WINDOW);
        assertEquals(200L, windows.get("region|BRY|all|24h|jc-seeker|Q1").get("n"));
        assertEquals(200L, windows.get("region|BRY|seeker|24h|jc-seeker|Q1").get("n"));
        assertEquals((long) answers, windows.get("federal|RU|all|24h|jc-seeker|Q1").get("n"));
        assertEquals(100L, windows.get("region|KLU|all|24h|jc-seeker|Q1").get("n"));
        assertEquals((long) answers, rows.latest(Tables.RESPONSE_WINDOW).get("federal|RU|all|24h|jc-seeker")
                .get("responses"), "responses reach the federal total too");
        assertTrue(rows.latest(Tables.INDICATOR_HISTORY).containsKey(
                "region|BRY|all|day|jc-seeker|Q1|" + (NOW.getEpochSecond() - NOW.getEpochSecond() % 86_400)));
        assertEquals(NOW.getEpochSecond(), rows.latest(Tables.SCOPE_WATERMARK).get("federal|RU").get("as_of"));
        offices.close();
        areas.close();
    }

    @Test
    void anOfficesRetractionReachesTheCleanFiguresOfItsRegionAndTheFederalTotalNotTheRawOnes() throws Exception {
        var offices = new KeyedOneInputStreamOperatorTestHarness<>(new OfficeStage(Duration.ofSeconds(1),
                Duration.ofDays(7), Duration.ofDays(35), 3, true, 100_000), ResponseChange::officeCode, Types.STRING);
        var areas = new KeyedOneInputStreamOperatorTestHarness<>(new AreaStage(Duration.ofSeconds(1), Duration.ofDays(7),
                3), AreaDelta::areaKey, Types.STRING);
        offices.setProcessingTime(0);
        areas.setProcessingTime(0);
        offices.open();
        areas.open();
        List<SurveyResponse> fakes = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // 30 honest answers in two offices, 10 fakes of 10 in BRY-01
            boolean fake = i >= 30;
            SurveyResponse r = Responses.seeker(String.format("r-%07d", i), i % 2 == 0 || fake ? "BRY-01" : "BRY-02",
                    NOW.minusSeconds(60 + i * 7L), "Q1", fake ? 10 : 1 + i % 7);
            offices.processElement(new StreamRecord<>(ResponseChange.add(r), r.clientTs().toEpochMilli()));
            if (fake) {
                fakes.add(r);
            }
        }
        offices.processWatermark(NOW.toEpochMilli());
        offices.setProcessingTime(1_000);
        for (SurveyResponse r : fakes) {
            offices.processElement(new StreamRecord<>(ResponseChange.retract(r), NOW.toEpochMilli()));
        }
        offices.setProcessingTime(2_000);
        List<AreaDelta> partials = new ArrayList<>(offices.extractOutputValues());
        assertEquals(2, partials.stream().filter(AreaDelta::excluded).count(),
                "BRY-01's exclusions: one partial for the region, one for the federal total");

        areas.processWatermark(NOW.toEpochMilli());
        for (AreaDelta d : partials) {
            areas.processElement(new StreamRecord<>(d));
        }
        areas.setProcessingTime(1_000);
        EmittedRows rows = new EmittedRows();
        rows.addAll(new ArrayList<>(areas.extractOutputValues()));
        assertEquals(40L, rows.latest(Tables.INDICATOR_WINDOW).get("region|BRY|all|24h|jc-seeker|Q1").get("n"),
                "raw keeps the fakes");
        Map<String, Object> clean = rows.latest(Tables.INDICATOR_WINDOW_CLEAN).get("region|BRY|all|24h|jc-seeker|Q1");
        assertEquals(30L, clean.get("n"));
        assertEquals(10L, clean.get("excluded"));
        assertEquals(0L, clean.get("positive"), "the honest answers were 1 to 7: no favourable one left");
        assertEquals(30L, rows.latest(Tables.INDICATOR_WINDOW_CLEAN).get("federal|RU|all|24h|jc-seeker|Q1").get("n"));
        assertEquals(30L, rows.latest(Tables.RESPONSE_WINDOW_CLEAN).get("federal|RU|all|24h|jc-seeker")
                .get("responses"));
        offices.close();
        areas.close();
    }
}
