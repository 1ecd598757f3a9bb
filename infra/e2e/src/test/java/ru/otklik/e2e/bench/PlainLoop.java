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
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.validation.ResponseRecordCheck;

/**
 * The computational ceiling: the job's work done by one thread in plain Java over the same records —
 * decode the JSON, check it, count each id once, and add each scored answer to its minute bucket, to
 * the panes and running sums of the five rolling windows of every scope it counts in (office, its
 * channel, touchpoint and employee breakdowns, region, federal total; each for the response's
 * audience and all) and to the hourly and daily history of the places. Nothing is written anywhere.
 */
final class PlainLoop {

    private record Cell(String scope, String audience, String question, int slot, long start) {
    }

    private record Sum(String scope, String audience, String question) {
    }

    private static final RollingWindow[] WINDOWS = RollingWindow.values();
    private static final HistoryGranularity[] HISTORY = HistoryGranularity.values();

    private PlainLoop() {
    }

    /** Responses per second over {@code records} (JSON bytes as they lie in Kafka). */
    static double run(List<byte[]> records) {
        ResponseRecordCheck check = new ResponseRecordCheck(SurveyCatalog.builtIn(), OfficeDirectory.pilot());
        Set<String> seen = new HashSet<>();
        Map<Cell, long[]> cells = new HashMap<>();
        Map<Sum, long[]> sums = new HashMap<>();
        long started = System.nanoTime();
        long counted = 0;
        for (byte[] bytes : records) {
            SurveyResponse r = EventJson.fromBytes(bytes, SurveyResponse.class);
            if (!check.check(r).isEmpty() || !seen.add(r.responseId())) {
                continue;
            }
            counted++;
            long ts = r.clientTs().getEpochSecond();
            String[] places = {"office|" + r.officeCode(), "region|" + r.regionCode(), "federal|RU"};
            String channel = "channel|" + r.officeCode() + "/" + r.channel().code();
            String[] audiences = {r.audience().code(), "all"};
            for (Map.Entry<String, Answer> a : r.answers().entrySet()) {
                if (!a.getValue().isScore()) {
                    continue;
                }
                int score = a.getValue().score();
                cells.computeIfAbsent(new Cell("minute|" + r.officeCode() + "|" + r.channel().code(),
                        r.audience().code(), a.getKey(), -1, ts - Math.floorMod(ts, 60)), k -> new long[11])[score]++;
                for (String audience : audiences) {
                    for (String scope : new String[] {places[0], places[1], places[2], channel}) {
                        long[] sum = sums.computeIfAbsent(new Sum(scope, audience, a.getKey()), k -> new long[55]);
                        for (RollingWindow w : WINDOWS) {
                            cells.computeIfAbsent(new Cell(scope, audience, a.getKey(), w.ordinal(), w.paneOf(ts)),
                                    k -> new long[11])[score]++;
                            sum[w.ordinal() * 11 + score]++;
                        }
                    }
                    for (String place : places) {
                        for (HistoryGranularity g : HISTORY) {
                            cells.computeIfAbsent(new Cell(place, audience, a.getKey(), 10 + g.ordinal(),
                                    g.bucketOf(ts)), k -> new long[11])[score]++;
                        }
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (counted == 0 || cells.isEmpty() || sums.isEmpty()) {
            throw new IllegalStateException("the loop counted nothing");
        }
        return records.size() / seconds;
    }
}
