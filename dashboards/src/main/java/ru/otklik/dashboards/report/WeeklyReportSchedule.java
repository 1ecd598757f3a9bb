package ru.otklik.dashboards.report;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.dashboards.access.AccessScope;
import ru.otklik.dashboards.delivery.Delivered;

/**
 * E-mails the weekly report to its subscribers, on one background thread every {@link ReportSettings#checkInterval}
 * (like {@code AssessmentSchedule}): each subscription's last full week (of its place's time zone) is queued once it is
 * due ({@link ReportSettings#dueAt}), and queued weeks are sent, the PDF attached. Only the latest week is queued: a
 * server down for a fortnight sends the current report, not a backlog. The subscriber's access is checked when the
 * report is built, so an account re-scoped or removed since subscribing is refused, not sent the place.
 */
public final class WeeklyReportSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyReportSchedule.class);

    /** One e-mail with one attachment: {@code MailChannel#send(String, String, String, String, String, String, byte[])}. */
    @FunctionalInterface
    public interface Mail {
        Delivered send(String to, String idempotencyKey, String subject, String text, String fileName, String type,
                       byte[] attachment);
    }

    /** A report as an e-mail: subject, text and the PDF, in the report's language. */
    public record Letter(String subject, String text, String fileName, byte[] pdf) {
    }

    private final WeeklyReports reports;
    private final ReportSubscriptions subscriptions;
    private final Function<WeeklyReport, Letter> letters;
    private final Mail mail;
    private final Function<String, Optional<AccessScope>> accessOf;
    private final ReportSettings settings;
    private final Clock clock;
    private ru.otklik.dashboards.store.PeriodicRun run;

    /**
     * @param accessOf what a username may see now (empty: no such account any more)
     */
    public WeeklyReportSchedule(WeeklyReports reports, ReportSubscriptions subscriptions,
                                Function<WeeklyReport, Letter> letters, Mail mail,
                                Function<String, Optional<AccessScope>> accessOf, ReportSettings settings, Clock clock) {
        this.reports = reports;
        this.subscriptions = subscriptions;
        this.letters = letters;
        this.mail = mail;
        this.accessOf = accessOf;
        this.settings = settings;
        this.clock = clock;
    }

    public WeeklyReportSchedule start() {
        run = new ru.otklik.dashboards.store.PeriodicRun("weekly-report-schedule", settings.checkInterval(),
                () -> runOnce(clock.instant()), LOG, "weekly_report_schedule_failed");
        return this;
    }

    /** What one run did: weeks queued, e-mails sent. */
    public record Run(int queued, int sent) {
    }

    public Run runOnce(Instant now) {
        int queued = 0;
        for (ReportSubscriptions.Subscription s : subscriptions.all()) {
            Optional<ReportScope> scope = ReportScope.parse(s.scope(), reports.directory());
            if (scope.isEmpty()) {
                continue; // a place no longer in the directory: nothing to report
            }
            IsoWeek week = IsoWeek.lastFull(Clock.fixed(now, scope.get().zone()), scope.get().zone());
            if (!now.isBefore(settings.dueAt(week, scope.get().zone())) && subscriptions.queue(s.id(), week, now)) {
                queued++;
            }
        }
        int sent = subscriptions.deliver(this::send, now);
        if (queued > 0 || sent > 0) {
            LOG.info("event=weekly_reports queued={} sent={}", queued, sent);
        }
        return new Run(queued, sent);
    }

    private Delivered send(ReportSubscriptions.Due due) {
        ReportSubscriptions.Subscription s = due.subscription();
        Optional<ReportScope> scope = ReportScope.parse(s.scope(), reports.directory());
        Optional<AccessScope> access = accessOf.apply(s.username());
        boolean allowed = scope.isPresent() && access.isPresent() && (scope.get().office()
                ? access.get().allowsOffice(scope.get().code()) : access.get().allowsRegion(scope.get().code()));
        if (!allowed) {
            LOG.warn("event=weekly_report_refused subscription={} reason=no_access", s.id());
            return Delivered.REFUSED;
        }
        WeeklyReport report = reports.build(scope.get(), IsoWeek.parse(due.week()).orElseThrow(), s.language());
        Letter letter = letters.apply(report);
        return mail.send(s.email(), due.idempotencyKey(), letter.subject(), letter.text(), letter.fileName(),
                "application/pdf", letter.pdf());
    }

    @Override
    public void close() {
        if (run != null) {
            run.close();
        }
    }
}
