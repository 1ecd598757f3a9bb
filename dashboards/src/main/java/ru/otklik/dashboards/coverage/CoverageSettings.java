package ru.otklik.dashboards.coverage;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.config.Settings;

/**
 * The survey waves and the quota of forms an office is to collect in each (issue 14 §2).
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>coverage.waves</td><td>OTKLIK_COVERAGE_WAVES</td><td>empty: every calendar quarter is a wave (code
 * {@code 2026-Q4}); else {@code code:first..last} separated by {@code ;}, e.g.
 * {@code w1:2026-10-01..2026-11-15;w2:2026-11-16..2026-12-31}</td></tr>
 * <tr><td>coverage.quota.seekers</td><td>OTKLIK_COVERAGE_QUOTA_SEEKERS</td><td>80 (the pilot's per office and wave)</td></tr>
 * <tr><td>coverage.quota.employers</td><td>OTKLIK_COVERAGE_QUOTA_EMPLOYERS</td><td>20</td></tr>
 * </table>
 *
 * @param waves the configured waves in order, or empty for calendar quarters
 */
public record CoverageSettings(List<SurveyWave> waves, int seekerQuota, int employerQuota) {

    public CoverageSettings {
        waves = List.copyOf(waves);
        for (int i = 1; i < waves.size(); i++) {
            if (!waves.get(i).start().isAfter(waves.get(i - 1).end())) {
                throw new IllegalArgumentException("waves must follow each other without overlapping: "
                        + waves.get(i - 1).code() + " and " + waves.get(i).code());
            }
        }
        if (seekerQuota < 1 || employerQuota < 1) {
            throw new IllegalArgumentException("quotas must be at least 1");
        }
    }

    public static CoverageSettings defaults() {
        return new CoverageSettings(List.of(), 80, 20);
    }

    public static CoverageSettings from(Settings s) {
        return new CoverageSettings(
                s.get("coverage.waves", "OTKLIK_COVERAGE_WAVES", "", CoverageSettings::parseWaves),
                s.integer("coverage.quota.seekers", "OTKLIK_COVERAGE_QUOTA_SEEKERS", 80, 1, 1_000_000),
                s.integer("coverage.quota.employers", "OTKLIK_COVERAGE_QUOTA_EMPLOYERS", 20, 1, 1_000_000));
    }

    static List<SurveyWave> parseWaves(String text) {
        List<SurveyWave> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(";")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            int dots = p.indexOf("..");
            if (colon < 1 || dots < colon) {
                throw new IllegalArgumentException("a wave must look like code:2026-10-01..2026-11-15, got \"" + p + "\"");
            }
            try {
                out.add(new SurveyWave(p.substring(0, colon), LocalDate.parse(p.substring(colon + 1, dots)),
                        LocalDate.parse(p.substring(dots + 2))));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("a wave's days must be dates like 2026-10-01, got \"" + p + "\"");
            }
        }
        return out;
    }

    /** The wave of {@code day}: the configured one that holds it, or its calendar quarter; empty between waves. */
    public Optional<SurveyWave> waveOf(LocalDate day) {
        if (waves.isEmpty()) {
            ReportingPeriod q = ReportingPeriod.of(ReportingPeriod.Kind.QUARTER, day);
            return Optional.of(new SurveyWave(q.code(), q.start(), q.end().minusDays(1)));
        }
        return waves.stream().filter(w -> w.contains(day)).findFirst();
    }

    /** A wave by its code (a configured one, or a quarter's code when none are configured). */
    public Optional<SurveyWave> wave(String code) {
        if (waves.isEmpty()) {
            try {
                ReportingPeriod q = ReportingPeriod.parse(code);
                if (q.kind() != ReportingPeriod.Kind.QUARTER) {
                    return Optional.empty();
                }
                return Optional.of(new SurveyWave(q.code(), q.start(), q.end().minusDays(1)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return waves.stream().filter(w -> w.code().equals(code)).findFirst();
    }
}
