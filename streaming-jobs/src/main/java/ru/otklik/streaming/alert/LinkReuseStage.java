package ru.otklik.streaming.alert;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.otklik.common.link.LinkReuse;
import ru.otklik.common.store.AlertRow;
import ru.otklik.streaming.alert.internal.ReusedLink;
import ru.otklik.streaming.clickhouse.EncodedRow;
import ru.otklik.streaming.types.OtklikTypes;

/**
 * Keyed by link, the flag of a single-use link answered again ({@code link_reused}, domain §8): the first refused
 * answer opens it, naming the response that spent the link; a third attempt escalates it (someone keeps handing
 * the same link round); it closes {@link #QUIET} of event time after the last attempt. Ingest refused every one of
 * these answers, so nothing of them is in the figures; the flag names an office and a link for a reviewer and
 * takes nothing out of the clean index (the first answer may well be the genuine one).
 *
 * <p>The input is the {@code links.reused} topic merged with a stream that never has a record but carries the
 * responses' event time, so the closing timer fires while the topic is quiet. State returns to empty when a
 * link's flag closes.
 */
public final class LinkReuseStage extends KeyedProcessFunction<String, LinkReuse, EncodedRow> {

    public static final String ALERT_TYPE = "link_reused";
    /** How long after its last attempt a link's flag closes: a day, so one incident covers one day's sharing. */
    public static final Duration QUIET = Duration.ofHours(24);
    static final int ESCALATE_AT = 3;

    private transient ValueState<ReusedLink> links;

    @Override
    public void open(OpenContext context) {
        links = getRuntimeContext().getState(new ValueStateDescriptor<>("reused-link", OtklikTypes.REUSED_LINK));
    }

    @Override
    public void processElement(LinkReuse r, Context ctx, Collector<EncodedRow> out) throws Exception {
        long at = r.attemptedAt().toEpochMilli();
        ReusedLink link = links.value();
        String status;
        if (link == null) {
            link = new ReusedLink(ALERT_TYPE + ":" + r.officeCode() + ":" + r.linkId(), r.regionCode(), r.officeCode(),
                    r.surveyId(), r.firstResponseId(), at);
            status = "open";
        } else {
            status = null;
        }
        link.attempts++;
        link.last = Math.max(link.last, at);
        if (r.ipHash() != null) {
            link.addAddress(r.ipHash());
        }
        if (status == null && link.attempts == ESCALATE_AT) {
            status = "escalated";
        }
        links.update(link);
        ctx.timerService().registerEventTimeTimer(link.last + QUIET.toMillis());
        if (status != null) {
            AlertOutput.emit(List.of(row(ctx.getCurrentKey(), link, status, at)), ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EncodedRow> out) throws Exception {
        ReusedLink link = links.value();
        if (link == null || timestamp < link.last + QUIET.toMillis()) {
            return; // a later attempt moved the closing on; its own timer closes it
        }
        AlertOutput.emit(List.of(row(ctx.getCurrentKey(), link, "closed", timestamp)), ctx, out);
        links.clear();
    }

    private static AlertRow row(String linkId, ReusedLink l, String status, long at) {
        boolean escalated = l.attempts >= ESCALATE_AT;
        String detail = "{\"signal\":\"link_reused\",\"survey_id\":\"" + l.surveyId + "\",\"attempts\":" + l.attempts
                + ",\"addresses\":" + l.addresses.size() + ",\"quiet_hours\":" + QUIET.toHours() + "}";
        return new AlertRow(l.alertId, ALERT_TYPE, escalated ? "critical" : "warning", status, l.regionCode, l.officeCode,
                linkId, l.first / 1000, l.first / 1000, at / 1000, "closed".equals(status) ? at / 1000 : null, l.attempts,
                l.attempts, 0, 0, l.attempts, 1, List.of(l.firstResponseId), detail, at);
    }
}
