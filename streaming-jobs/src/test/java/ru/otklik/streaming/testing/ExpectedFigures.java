package ru.otklik.streaming.testing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import ru.otklik.common.indicator.Indicators;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.indicator.ShareEstimate;
import ru.otklik.common.response.Answer;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.Question;
import ru.otklik.common.survey.QuestionType;
import ru.otklik.common.survey.SurveyCatalog;

/**
 * The figures computed straight from the generated input, independently of Flink and ClickHouse:
 * score counts per office and item, distinct responses per office (first occurrence counts), the
 * request metadata per response, and — written out here again rather than taken from the job's
 * IndicatorScope — the breakdown scopes (channel, touchpoint, employee within an office) and the
 * UTC hourly/daily history per office, region and federal total, each for the response's audience
 * and "all". Breakdown and history figures are {@link #figure} strings ({@code n/positive/counts}).
 */
public record ExpectedFigures(Map<String, ScoreCounts> scoresByOfficeItem, Map<String, Long> responsesByOffice,
                              long distinctResponses, long scoredAnswers, Map<String, String> requestMeta,
                              Map<String, String> breakdowns, Map<String, String> history) {

    public static ExpectedFigures of(List<SurveyResponse> delivered) {
        SurveyCatalog surveys = SurveyCatalog.builtIn();
        Map<String, ScoreCounts> scores = new TreeMap<>();
        Map<String, Long> responses = new TreeMap<>();
        Map<String, String> meta = new TreeMap<>();
        Map<String, ScoreCounts> breakdownCounts = new TreeMap<>();
        Map<String, ScoreCounts> historyCounts = new TreeMap<>();
        Map<String, QuestionType> types = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        long answers = 0;
        for (SurveyResponse r : delivered) {
            if (!seen.add(r.responseId())) {
                continue;
            }
            responses.merge(r.officeCode(), 1L, Long::sum);
            meta.put(r.responseId(), meta(r));
            for (Map.Entry<String, Answer> a : r.answers().entrySet()) {
                if (!a.getValue().isScore()) {
                    continue;
                }
                ScoreCounts one = ScoreCounts.ofScores(a.getValue().score());
                scores.merge(r.officeCode() + "/" + a.getKey(), one, ScoreCounts::plus);
                answers++;
                String item = r.surveyId() + "|" + a.getKey();
                types.put(item, surveys.find(r.surveyId(), r.surveyVersion()).flatMap(s -> s.question(a.getKey()))
                        .map(Question::type).orElse(QuestionType.SCALE_1_10));
                long ts = r.clientTs().getEpochSecond();
                for (String audience : List.of(r.audience().code(), "all")) {
                    breakdownCounts.merge("channel|" + r.officeCode() + "/" + r.channel().code() + "|" + audience
                            + "|" + item, one, ScoreCounts::plus);
                    if (r.touchpointId() != null) {
                        breakdownCounts.merge("touchpoint|" + r.officeCode() + "/" + r.touchpointId() + "|" + audience
                                + "|" + item, one, ScoreCounts::plus);
                    }
                    if (r.employeeId() != null) {
                        breakdownCounts.merge("employee|" + r.officeCode() + "/" + r.employeeId() + "|" + audience
                                + "|" + item, one, ScoreCounts::plus);
                    }
                    for (String scope : List.of("office|" + r.officeCode(), "region|" + r.regionCode(), "federal|RU")) {
                        historyCounts.merge(scope + "|" + audience + "|hour|" + (ts - Math.floorMod(ts, 3_600)) + "|"
                                + item, one, ScoreCounts::plus);
                        historyCounts.merge(scope + "|" + audience + "|day|" + (ts - Math.floorMod(ts, 86_400)) + "|"
                                + item, one, ScoreCounts::plus);
                    }
                }
            }
        }
        return new ExpectedFigures(scores, responses, seen.size(), answers, meta, figures(breakdownCounts, types),
                figures(historyCounts, types));
    }

    /** {@code n/positive/c0,…,c10} with n and positive from common's methodology formula for the item's type. */
    public static String figure(long n, long positive, long[] counts) {
        StringBuilder s = new StringBuilder().append(n).append('/').append(positive).append('/');
        for (int i = 0; i < counts.length; i++) {
            s.append(i == 0 ? "" : ",").append(counts[i]);
        }
        return s.toString();
    }

    /** {@code ipHash|userAgentHash|startedTs epoch s|fillMillis}, absent values as "". */
    public static String meta(String ipHash, String userAgentHash, String startedTs, String fillMillis) {
        return ipHash + "|" + userAgentHash + "|" + startedTs + "|" + fillMillis;
    }

    private static String meta(SurveyResponse r) {
        return meta(r.meta() == null || r.meta().ipHash() == null ? "" : r.meta().ipHash(),
                r.meta() == null || r.meta().userAgentHash() == null ? "" : r.meta().userAgentHash(),
                r.startedTs() == null ? "" : String.valueOf(r.startedTs().getEpochSecond()),
                r.meta() == null || r.meta().fillMillis() == null ? "" : String.valueOf(r.meta().fillMillis()));
    }

    /** Keys end in {@code survey|question}; the item's type gives the favourable count. */
    private static Map<String, String> figures(Map<String, ScoreCounts> counts, Map<String, QuestionType> types) {
        Map<String, String> result = new TreeMap<>();
        counts.forEach((key, c) -> {
            String[] f = key.split("\\|");
            QuestionType type = types.get(f[f.length - 2] + "|" + f[f.length - 1]);
            ShareEstimate share = Indicators.favourableShare(type, c, Indicators.DEFAULT_MINIMUM_SAMPLE);
            result.put(key, figure(share.n(), share.positive(), c.toArray()));
        });
        return result;
    }
}
