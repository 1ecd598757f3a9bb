package ru.otklik.kiosk.simulator.report;

import java.io.PrintStream;
import java.util.Locale;
import ru.otklik.kiosk.simulator.report.SimulationSummary.Counts;
import ru.otklik.kiosk.simulator.report.SimulationSummary.OfficeSummary;

/** The end-of-run report for people: one line per office, then totals, rates and problems. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static void print(SimulationSummary s, PrintStream out) {
        out.printf(Locale.ROOT, "%nrun %s  seed %d  scenario %s%s  ingest %s  kiosks %d  respondents %d%n",
                s.runId(), s.seed(), s.scenario(), s.targetOffice() == null ? "" : " (" + s.targetOffice() + ")",
                s.ingest(), s.kiosks(), s.respondents());
        String header = String.format(Locale.ROOT, "%-8s %6s | %-13s | %-13s | %-11s | %-15s | %8s %6s %7s",
                "office", "qual", "seekers s/acc", "employ. s/acc", "pulse s/acc", "taps sent/acc", "rejected",
                "failed", "retries");
        out.println(header);
        out.println("-".repeat(header.length()));
        for (OfficeSummary o : s.offices()) {
            Counts seekers = o.formsByAudience().getOrDefault("seeker", Counts.ZERO);
            Counts employers = o.formsByAudience().getOrDefault("employer", Counts.ZERO);
            Counts pulse = o.formsBySurvey().getOrDefault("pulse", Counts.ZERO);
            out.printf(Locale.ROOT, "%-8s %+6.2f | %13s | %13s | %11s | %15s | %8d %6d %7d%s%n",
                    o.officeCode(), o.latentQuality(), pair(seekers), pair(employers), pair(pulse), pair(o.taps()),
                    o.forms().rejected() + o.taps().rejected(), o.forms().failed() + o.taps().failed(), o.retries(),
                    o.fakeForms() > 0 ? "  (" + o.fakeForms() + " fake)" : "");
        }
        out.println("-".repeat(header.length()));
        SimulationSummary.Totals t = s.totals();
        out.printf(Locale.ROOT, "forms: sent %d, accepted %d, rejected %d, failed %d%n",
                t.forms().sent(), t.forms().accepted(), t.forms().rejected(), t.forms().failed());
        out.printf(Locale.ROOT, "taps:  sent %d, accepted %d, rejected %d, failed %d (in %d batches, %d suppressed presses)%n",
                t.taps().sent(), t.taps().accepted(), t.taps().rejected(), t.taps().failed(), t.batches(),
                t.suppressedPresses());
        out.printf(Locale.ROOT, "retries %d; %.1f s; %.1f events/s sent, %.1f accepted%n",
                t.retries(), s.durationSeconds(), s.sentPerSecond(), s.acceptedPerSecond());
        if (!s.problems().isEmpty()) {
            out.println("problems (rejections are simulator bugs):");
            s.problems().forEach(p -> out.println("  " + p));
        }
    }

    private static String pair(Counts c) {
        return c.sent() + "/" + c.accepted();
    }
}
