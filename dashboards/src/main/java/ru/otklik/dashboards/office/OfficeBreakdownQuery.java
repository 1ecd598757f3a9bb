package ru.otklik.dashboards.office;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import ru.otklik.common.indicator.ScopeLevel;
import ru.otklik.common.indicator.ScoreCounts;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Channel;
import ru.otklik.dashboards.clickhouse.QueryScope;
import ru.otklik.dashboards.clickhouse.TimeWindow;
import ru.otklik.dashboards.clickhouse.WatermarkQuery;
import ru.otklik.dashboards.clickhouse.WindowRow;
import ru.otklik.dashboards.clickhouse.WindowRowsQuery;

/**
 * The breakdown rows the streaming job writes under an office ({@code scope_code = office + '/' + code})
 * summed over the tracked item's surveys and questions, then {@code Indicators} applied per code.
 */
public final class OfficeBreakdownQuery {

    private static final Map<String, String[]> CHANNELS = Map.of(
            Channel.KIOSK.code(), new String[] {"Киоск", "Kiosk"},
            Channel.LINK.code(), new String[] {"Ссылка / QR-код", "Link / QR code"},
            Channel.PAPER.code(), new String[] {"Бумажная анкета", "Paper form"},
            Channel.RATER360.code(), new String[] {"Оценка 360°", "360° rating"});

    private final OfficeDirectory directory;
    private final WatermarkQuery watermarks;
    private final WindowRowsQuery windows;
    private final int minimumSample;

    public OfficeBreakdownQuery(OfficeDirectory directory, WatermarkQuery watermarks, WindowRowsQuery windows,
                                int minimumSample) {
        this.directory = directory;
        this.watermarks = watermarks;
        this.windows = windows;
        this.minimumSample = minimumSample;
    }

    public OfficeBreakdown run(String officeCode, TimeWindow window, TrackedItem item, String audience, String language) {
        Office office = directory.office(officeCode)
                .orElseThrow(() -> new IllegalArgumentException("unknown office code: " + officeCode));
        String effectiveAudience = item.audience(audience);
        String prefix = ScopeLevel.breakdownCode(office.code(), "");
        // breakdown rows are current as of their office's watermark
        Optional<Instant> watermark = watermarks.watermark(QueryScope.office(directory, office.code()));
        List<WindowRow> rows = windows.breakdowns(office, window, item.surveyIds());
        Map<String, Map<String, ScoreCounts>> sums = new LinkedHashMap<>();
        WindowRowsQuery.BREAKDOWN_LEVELS.forEach(level -> sums.put(level.code(), new TreeMap<>()));
        for (WindowRow r : rows) {
            if (!r.audience().equals(effectiveAudience) || !item.questionIds().contains(r.questionId())
                    || !r.scopeCode().startsWith(prefix) || !sums.containsKey(r.scopeLevel())) {
                continue;
            }
            String code = r.scopeCode().substring(prefix.length());
            sums.get(r.scopeLevel()).merge(code, r.counts(), ScoreCounts::plus);
        }
        Map<String, List<BreakdownFigure>> byLevel = new LinkedHashMap<>();
        sums.forEach((level, codes) -> {
            List<BreakdownFigure> figures = new ArrayList<>();
            codes.forEach((code, counts) -> {
                if (counts.total() > 0) {
                    figures.add(BreakdownFigure.of(code, label(level, code, language), item.share(counts, minimumSample)));
                }
            });
            byLevel.put(level, figures);
        });
        return new OfficeBreakdown(office.code(), window.code(), item.id(), item.label(language), effectiveAudience,
                minimumSample, byLevel, WatermarkQuery.asOf(watermark, rows));
    }

    /** Channel codes get their names; touchpoint and employee codes are shown as the job writes them. */
    private static String label(String level, String code, String language) {
        String[] names = ScopeLevel.CHANNEL.code().equals(level) ? CHANNELS.get(code) : null;
        return names == null ? code : names["en".equals(language) ? 1 : 0];
    }
}
