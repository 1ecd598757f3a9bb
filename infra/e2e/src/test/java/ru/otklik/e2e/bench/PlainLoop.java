package ru.otklik.e2e.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.otklik.common.indicator.HistoryGranularity;
import ru.otklik.common.indicator.RollingWindow;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.store.AnswerRow;
import ru.otklik.common.store.ResponseRow;
import ru.otklik.common.store.RowBinary;
import ru.otklik.common.store.Tables;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.validation.ResponseRecordCheck;

/**
 * The computational ceiling: the job's work done by one thread in plain Java over the same records, with
 * the job's own algorithm and none of Flink — decode the JSON, check it, count each id once, encode the
 * raw {@code responses}/{@code answers} rows (RowBinary, as the sink sends them), gather the scored
 * answers into per-office cells (audience × channel × touchpoint × employee × item × minute), and apply
 * the cells every {@link #APPLY_EVERY} cells to the minute buckets, to the panes and running sums of the
 * five rolling windows of every scope they count in (office, its channel, touchpoint and employee
 * breakdowns, region, federal total; each for the response's audience and all) and to the hourly and
 * daily history of the places. No state backend, no serialization between stages, nothing written.
 */
final class PlainLoop {

    /** The job's office stage applies its cells when an office holds 200,000; one loop holds all offices. */
    private static final int APPLY_EVERY = 200_000;

    private record Gathered(String office, String region, String audience, String channel, String touchpoint,
                            String employee, String question, long minute) {
    }

    private record Cell(String scope, String audience, String question, int slot, long start) {
    }

    private record Sum(String scope, String audience, String question) {
    }

    private static final RollingWindow[] WINDOWS = RollingWindow.values();
    private static final HistoryGranularity[] HISTORY = HistoryGranularity.values();

    private final Map<Gathered, long[]> gathered = new HashMap<>();
    private final Map<Cell, long[]> cells = new HashMap<>();
    private final Map<Sum, long[]> sums = new HashMap<>();

    private PlainLoop() {
    }

    /** Responses per second over {@code records} (JSON bytes as they lie in Kafka). */
    static double run(List<byte[]> records) {
        return new PlainLoop().loop(records);
    }

    private double loop(List<byte[]> records) {
        ResponseRecordCheck check = new ResponseRecordCheck(SurveyCatalog.builtIn(), OfficeDirectory.pilot());
        Set<String> seen = new HashSet<>();
        RowBinary raw = new RowBinary(1 << 20);
        long rawBytes = 0;
        long started = System.nanoTime();
        long counted = 0;
        for (byte[] bytes : records) {
            SurveyResponse r = EventJson.fromBytes(bytes, SurveyResponse.class);
            if (!check.check(r).isEmpty() || !seen.add(r.responseId())) {
                continue;
            }
            counted++;
            Tables.RESPONSES.write(ResponseRow.of(r), raw);
            for (AnswerRow a : AnswerRow.of(r)) {
                Tables.ANSWERS.write(a, raw);
            }
            if (raw.size() > (1 << 20)) {
                rawBytes += raw.size();
                raw.reset();
            }
            long ts = r.clientTs().getEpochSecond();
            long minute = ts - Math.floorMod(ts, 60);
            for (Map.Entry<String, Answer> a : r.answers().entrySet()) {
                if (a.getValue().isScore()) {
                    gathered.computeIfAbsent(new Gathered(r.officeCode(), r.regionCode(), r.audience().code(),
                            r.channel().code(), r.touchpointId() == null ? "" : r.touchpointId(),
                            r.employeeId() == null ? "" : r.employeeId(), a.getKey(), minute),
                            k -> new long[11])[a.getValue().score()]++;
                }
            }
            if (gathered.size() >= APPLY_EVERY) {
                apply();
            }
        }
        apply();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (counted == 0 || cells.isEmpty() || sums.isEmpty() || rawBytes + raw.size() == 0) {
            throw new IllegalStateException("the loop counted nothing");
        }
        return records.size() / seconds;
    }

    private void apply() {
        for (Map.Entry<Gathered, long[]> e : gathered.entrySet()) {
            Gathered g = e.getKey();
            long[] counts = e.getValue();
            add(new Cell("minute|" + g.office() + "|" + g.channel(), g.audience(), g.question(), -1, g.minute()),
                    counts);
            String[] places = {"office|" + g.office(), "region|" + g.region(), "federal|RU"};
            String[] breakdowns = {"channel|" + g.office() + "/" + g.channel(),
                    g.touchpoint().isEmpty() ? null : "touchpoint|" + g.office() + "/" + g.touchpoint(),
                    g.employee().isEmpty() ? null : "employee|" + g.office() + "/" + g.employee()};
            for (String audience : new String[] {g.audience(), "all"}) {
                for (String place : places) {
                    window(place, audience, g, counts);
                    for (HistoryGranularity h : HISTORY) {
                        add(new Cell(place, audience, g.question(), 10 + h.ordinal(), h.bucketOf(g.minute())), counts);
                    }
                }
                for (String breakdown : breakdowns) {
                    if (breakdown != null) {
                        window(breakdown, audience, g, counts);
                    }
                }
            }
        }
        gathered.clear();
    }

    private void window(String scope, String audience, Gathered g, long[] counts) {
        long[] sum = sums.computeIfAbsent(new Sum(scope, audience, g.question()), k -> new long[55]);
        for (RollingWindow w : WINDOWS) {
            add(new Cell(scope, audience, g.question(), w.ordinal(), w.paneOf(g.minute())), counts);
            for (int s = 0; s < 11; s++) {
                sum[w.ordinal() * 11 + s] += counts[s];
            }
        }
    }

    private void add(Cell cell, long[] counts) {
        long[] c = cells.computeIfAbsent(cell, k -> new long[11]);
        for (int s = 0; s < 11; s++) {
            c[s] += counts[s];
        }
    }
}
