package ru.otklik.kiosk.simulator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import ru.otklik.common.response.EventJson;

/**
 * What a run sent and what ingest made of it, per office and in total; JSON-serialisable so an
 * end-to-end test can compare it with ClickHouse counts. For every {@link Counts}:
 * {@code sent = accepted + rejected + failed} once the run has drained. "rejected" is a 400/413
 * (a simulator bug); "failed" is an event given up after the retry budget.
 */
public record SimulationSummary(
        String runId,
        long seed,
        String scenario,
        String targetOffice,
        String ingest,
        int kiosks,
        int respondents,
        Instant startedAt,
        Instant finishedAt,
        double durationSeconds,
        double sentPerSecond,
        double acceptedPerSecond,
        Totals totals,
        List<OfficeSummary> offices,
        List<String> problems) {

    public record Counts(long sent, long accepted, long rejected, long failed) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(sent + o.sent, accepted + o.accepted, rejected + o.rejected, failed + o.failed);
        }
    }

    public record Totals(Counts forms, Counts taps, long fakeForms, long suppressedPresses, long retries,
                         long batches) {
    }

    /**
     * One office. {@code formsByAudience} keys are audience codes (seeker, employer),
     * {@code formsBySurvey} keys survey ids (jc-seeker, jc-employer, pulse); both count the same forms.
     */
    public record OfficeSummary(String regionCode, String officeCode, double latentQuality,
                                Map<String, Counts> formsByAudience, Map<String, Counts> formsBySurvey,
                                Counts forms, Counts taps, long fakeForms, long suppressedPresses, long retries) {
    }

    public String toJson() {
        try {
            return EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SimulationSummary fromJson(String json) {
        try {
            return EventJson.mapper().readValue(json, SimulationSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public OfficeSummary office(String officeCode) {
        return offices.stream().filter(o -> o.officeCode().equals(officeCode)).findFirst().orElse(null);
    }
}
