package ru.otklik.dashboards.coverage;

import java.util.List;

/**
 * A region's coverage of a survey wave (issue 14 §2): per office the questionnaire forms received so far against the
 * wave's quota, per audience, and the days left in the region's calendar.
 *
 * @param daysLeft days from today to the wave's last day, both included (0 once it is over)
 */
public record WaveCoverage(String regionCode, String regionName, SurveyWave wave, long daysLeft, int seekerQuota,
                           int employerQuota, List<OfficeCoverage> offices) {

    /**
     * One office: forms received and the share of the quota (capped at 1 for the bar, the count itself uncapped).
     *
     * @param onTrack whether at the pace so far the quota is reached by the wave's end (null before the wave starts)
     */
    public record OfficeCoverage(String officeCode, String officeName, long seekers, long employers,
                                 double seekerShare, double employerShare, Boolean onTrack) {
    }

    public long seekers() {
        return offices.stream().mapToLong(OfficeCoverage::seekers).sum();
    }

    public long employers() {
        return offices.stream().mapToLong(OfficeCoverage::employers).sum();
    }
}
