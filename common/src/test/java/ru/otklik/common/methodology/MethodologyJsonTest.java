package ru.otklik.common.methodology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.checklist.Review;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.common.response.EventJson;

/** The two events of the composite index travel through Kafka as JSON and come back equal. */
class MethodologyJsonTest {

    @Test
    void methodologyRoundTripsThroughJson() {
        Methodology m = DefaultMethodology.version1(LocalDate.of(2022, 1, 1));
        Methodology back = EventJson.fromBytes(EventJson.toBytes(m), Methodology.class);
        assertEquals(m, back);
        assertEquals(m.variant(RegionNetwork.CENTRALISED), back.variant(RegionNetwork.CENTRALISED));
        assertTrue(EventJson.toJson(m).contains("\"kind\":\"objective\""), EventJson.toJson(m));
    }

    @Test
    void objectiveReportRoundTripsThroughJson() {
        ObjectiveReport r = new ObjectiveReport("BRY-01", "BRY", "2026-Q4", 3, Instant.parse("2026-11-02T10:00:00Z"),
                new ObjectiveReport.Audit(Instant.parse("2026-11-03T10:00:00Z"), "photos from another office"),
                List.of(new ObjectiveReport.ChecklistFacts("management_openness", Instant.parse("2026-11-01T10:00:00Z"),
                        List.of(new ObjectiveReport.ParameterFact("hours_posted", true, Review.ACCEPTED)), null, null, null),
                        new ObjectiveReport.ChecklistFacts("job_seeker_events", null, null, null, null,
                                List.of(new ObjectiveReport.HeldEvent("job_fair", LocalDate.of(2026, 10, 5), "Ярмарка",
                                        Review.PENDING)))));
        assertEquals(r, EventJson.fromBytes(EventJson.toBytes(r), ObjectiveReport.class));
        assertTrue(EventJson.toJson(r).contains("\"review\":\"accepted\""), EventJson.toJson(r));
    }

    @Test
    void aVariantNamingAnUnknownGroupIsRefusedWithTheIndicator() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MethodologyVariant(DefaultMethodology.groups(),
                List.of(IndexIndicator.subjective("Q1", "nope", false, null))));
        assertTrue(e.getMessage().contains("s.Q1") && e.getMessage().contains("nope"), e.getMessage());
    }
}
