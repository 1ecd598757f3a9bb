package ru.otklik.streaming.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.otklik.common.link.LinkReuse;
import ru.otklik.common.store.Tables;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.testing.EmittedRows;

/** The reused-link flag on Flink's operator harness. */
class LinkReuseStageTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static void attempt(KeyedOneInputStreamOperatorTestHarness<String, LinkReuse, EncodedRow> h, String link,
                                Instant at, String ip) throws Exception {
        h.processElement(new StreamRecord<>(new LinkReuse(link, "jc-seeker", "BRY", "BRY-01", null, "first-of-" + link,
                "attempt-" + at.getEpochSecond(), at, ip, "ua-1"), at.toEpochMilli()));
    }

    private static List<Map<String, Object>> rows(KeyedOneInputStreamOperatorTestHarness<String, LinkReuse, EncodedRow> h) {
        EmittedRows rows = new EmittedRows();
        rows.addAll(h.extractOutputValues());
        return rows.all(Tables.ALERTS);
    }

    @Test
    void aLinkAnsweredAgainIsFlaggedEscalatesAtTheThirdAttemptAndClosesADayAfterTheLast() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LinkReuseStage()),
                LinkReuse::linkId, Types.STRING)) {
            h.open();
            attempt(h, "L1", T0, "ip-a");
            List<Map<String, Object>> first = rows(h);
            assertEquals(1, first.size());
            Map<String, Object> open = first.get(0);
            assertEquals("link_reused", open.get("alert_type"));
            assertEquals("link_reused:BRY-01:L1", open.get("alert_id"));
            assertEquals("open", open.get("status"));
            assertEquals("warning", open.get("severity"));
            assertEquals("L1", open.get("scope_id"));
            assertEquals(List.of("first-of-L1"), open.get("response_ids"), "the response that spent the link");

            attempt(h, "L1", T0.plus(Duration.ofHours(2)), "ip-b");
            assertEquals(1, rows(h).size(), "a second attempt changes nothing worth a row");
            attempt(h, "L1", T0.plus(Duration.ofHours(5)), "ip-b");
            attempt(h, "L2", T0.plus(Duration.ofHours(5)), "ip-c");
            List<Map<String, Object>> all = rows(h);
            assertEquals(3, all.size(), all.toString());
            Map<String, Object> escalated = all.get(1);
            assertEquals("escalated", escalated.get("status"));
            assertEquals("critical", escalated.get("severity"));
            assertEquals(3L, escalated.get("observed"));
            assertEquals(true, ((String) escalated.get("detail")).contains("\"addresses\":2"), escalated.toString());
            assertEquals("link_reused:BRY-01:L2", all.get(2).get("alert_id"), "another link, another incident");

            h.processWatermark(new Watermark(T0.plus(Duration.ofHours(5 + 24)).toEpochMilli() - 1));
            assertEquals(3, rows(h).size(), "not yet a day after the last attempt");
            h.processWatermark(new Watermark(T0.plus(Duration.ofHours(5 + 24)).toEpochMilli()));
            List<Map<String, Object>> closed = rows(h).subList(3, rows(h).size());
            assertEquals(2, closed.size(), closed.toString());
            closed.forEach(r -> assertEquals("closed", r.get("status")));
            assertEquals(0, h.numKeyedStateEntries(), "closed flags keep no state");
        }
    }
}
