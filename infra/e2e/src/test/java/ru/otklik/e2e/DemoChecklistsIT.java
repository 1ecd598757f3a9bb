package ru.otklik.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.otklik.common.checklist.ReportingPeriod;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.Topics;
import ru.otklik.infra.local.TestStack;
import ru.otklik.kiosk.simulator.checklist.DemoChecklists;

/**
 * The run command's demo checklists against the real dashboards (PostgreSQL, Kafka): every pilot office's six
 * checklists submitted and reviewed through the API, at most one entry per office rejected, and a second run changing
 * nothing.
 */
class DemoChecklistsIT {

    private final TestStack stack = TestStack.shared();

    @TempDir
    Path dir;

    @Test
    void everyOfficeFillsInItsChecklistsAndTheExpertReviewsThemOnce() throws Exception {
        String postgres = DashboardsClient.freshDatabase(stack);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String reports = "checklists.reports-" + suffix;
        String versions = "methodology.versions-" + suffix;
        stack.kafka().createTopics(1, Topics.KEPT_FOREVER, reports, versions);
        LocalDate today = DemoChecklists.today();
        ReportingPeriod quarter = ReportingPeriod.of(ReportingPeriod.Kind.QUARTER, today);
        int offices = OfficeDirectory.pilot().offices().size();
        try (DashboardsClient dashboards = DashboardsClient.startWithIndex(stack, dir, postgres, reports, versions)) {
            DemoChecklists demo = new DemoChecklists(URI.create(dashboards.base()), DashboardsClient.PASSWORD);
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            DemoChecklists.Outcome first = demo.run(today, new PrintStream(progress, true, StandardCharsets.UTF_8));
            assertEquals(6 * offices, first.submitted());
            assertEquals(0, first.alreadyThere());
            assertTrue(progress.toString(StandardCharsets.UTF_8).contains("checklists " + offices + "/" + offices),
                    progress.toString(StandardCharsets.UTF_8));

            String head = dashboards.login("office-BRY-01");
            JsonNode page = dashboards.json("/api/v1/checklists/BRY-01/" + quarter.code(), head);
            int rejected = 0;
            for (JsonNode c : page.path("checklists")) {
                if (DemoChecklists.FILLED_CODES.contains(c.path("indicator").asText())) {
                    assertEquals("reviewed", c.path("status").asText(), c.toString());
                    rejected += c.path("rejected").asInt();
                }
            }
            assertTrue(rejected <= 1, "at most one rejected entry per office: " + page);
            JsonNode queue = dashboards.json("/api/v1/checklists/review/queue", dashboards.login("federal"));
            for (JsonNode q : queue.path("queue")) {
                assertEquals(0, q.path("pending").asInt(), "nothing left to review: " + q);
            }

            DemoChecklists.Outcome second = demo.run(today, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8));
            assertEquals(0, second.submitted());
            assertEquals(0, second.reviewed());
            assertEquals(6 * offices, second.alreadyThere());
        }
    }
}
