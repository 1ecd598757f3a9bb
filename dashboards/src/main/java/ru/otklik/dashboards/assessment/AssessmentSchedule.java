package ru.otklik.dashboards.assessment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to 360 sessions with time, on one background thread every {@code interval}: a launched session is
 * closed at its deadline (and its closing published like a manual one: {@code onClosed} wakes the matrices' relay),
 * reminders due before the deadline are queued, and queued reminders are sent. Each step is safe with several
 * servers running it (an UPDATE by state, a unique reminder key, rows claimed with SKIP LOCKED).
 */
public final class AssessmentSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentSchedule.class);

    private final AssessmentSessions sessions;
    private final RaterReminders reminders;
    private final RaterReminders.Mail mail;
    private final AssessmentSettings settings;
    private final Runnable onClosed;
    private final Clock clock;
    private ru.otklik.dashboards.store.PeriodicRun run;

    public AssessmentSchedule(AssessmentSessions sessions, RaterReminders reminders, RaterReminders.Mail mail,
                              AssessmentSettings settings, Runnable onClosed, Clock clock) {
        this.sessions = sessions;
        this.reminders = reminders;
        this.mail = mail;
        this.settings = settings;
        this.onClosed = onClosed;
        this.clock = clock;
    }

    /** Starts the periodic runs. */
    public AssessmentSchedule start() {
        run = new ru.otklik.dashboards.store.PeriodicRun("assessment-schedule", settings.scheduleInterval(),
                () -> runOnce(clock.instant()), LOG, "assessment_schedule_failed");
        return this;
    }

    /** One run as of {@code now}; what it did. */
    public Run runOnce(Instant now) {
        List<String> closed = sessions.closeDue(now);
        if (!closed.isEmpty()) {
            LOG.info("event=sessions_closed_at_deadline sessions={}", closed);
            onClosed.run();
        }
        int queued = reminders.queueDue(now, settings.reminderLeads());
        int sent = reminders.deliver(mail, settings::raterLink, now);
        if (queued > 0 || sent > 0) {
            LOG.info("event=reminders queued={} sent={}", queued, sent);
        }
        return new Run(closed, queued, sent);
    }

    /** What one run did: the sessions it closed, the reminders it queued and sent. */
    public record Run(List<String> closed, int queued, int sent) {
    }

    @Override
    public void close() {
        if (run != null) {
            run.close();
        }
    }

    static Duration parseLead(String text) {
        Duration d = Duration.parse(text.strip());
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a reminder lead time must be positive, like P3D");
        }
        return d;
    }
}
