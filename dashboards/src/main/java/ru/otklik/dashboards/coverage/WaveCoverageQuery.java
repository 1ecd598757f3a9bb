package ru.otklik.dashboards.coverage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionTimeZone;
import ru.otklik.dashboards.clickhouse.FormCounts;
import ru.otklik.dashboards.figures.SurveyItems;

/**
 * Coverage of a wave for a region's offices: the seeker and employer forms with client times inside the wave's days
 * in the region's time zone ({@link FormCounts}, so resends count once), against the configured quotas. Live: the
 * wave of today unless another is asked for.
 */
public final class WaveCoverageQuery {

    private final OfficeDirectory directory;
    private final FormCounts counts;
    private final CoverageSettings settings;
    private final Clock clock;

    public WaveCoverageQuery(OfficeDirectory directory, FormCounts counts, CoverageSettings settings, Clock clock) {
        this.directory = directory;
        this.counts = counts;
        this.settings = settings;
        this.clock = clock;
    }

    public CoverageSettings settings() {
        return settings;
    }

    /** Today's date in the region. */
    public LocalDate today(String regionCode) {
        return LocalDate.now(clock.withZone(RegionTimeZone.of(regionCode)));
    }

    /** The region's coverage of {@code wave}; empty when the region is unknown. */
    public Optional<WaveCoverage> run(String regionCode, SurveyWave wave) {
        if (!directory.hasRegion(regionCode)) {
            return Optional.empty();
        }
        ZoneId zone = RegionTimeZone.of(regionCode);
        LocalDate today = today(regionCode);
        Map<String, Map<String, Long>> byOffice = counts.byOffice(regionCode, wave.start().atStartOfDay(zone).toInstant(),
                wave.end().plusDays(1).atStartOfDay(zone).toInstant());
        long days = wave.end().toEpochDay() - wave.start().toEpochDay() + 1;
        long elapsed = today.isBefore(wave.start()) ? 0 : Math.min(days, today.toEpochDay() - wave.start().toEpochDay() + 1);
        List<WaveCoverage.OfficeCoverage> offices = new ArrayList<>();
        for (Office o : directory.officesOf(regionCode)) {
            Map<String, Long> n = byOffice.getOrDefault(o.code(), Map.of());
            long seekers = n.getOrDefault(SurveyItems.SEEKER_SURVEY, 0L);
            long employers = n.getOrDefault(SurveyItems.EMPLOYER_SURVEY, 0L);
            Boolean onTrack = elapsed == 0 ? null
                    : onPace(seekers, settings.seekerQuota(), elapsed, days) && onPace(employers, settings.employerQuota(),
                    elapsed, days);
            offices.add(new WaveCoverage.OfficeCoverage(o.code(), o.name(), seekers, employers,
                    Math.min(1.0, (double) seekers / settings.seekerQuota()),
                    Math.min(1.0, (double) employers / settings.employerQuota()), onTrack));
        }
        return Optional.of(new WaveCoverage(regionCode, directory.regions().get(regionCode), wave, wave.daysLeft(today),
                settings.seekerQuota(), settings.employerQuota(), offices));
    }

    /** At the pace of the days gone, does {@code received} reach {@code quota} by the last day? */
    static boolean onPace(long received, int quota, long elapsedDays, long waveDays) {
        return received >= quota || (double) received / elapsedDays * waveDays >= quota;
    }
}
