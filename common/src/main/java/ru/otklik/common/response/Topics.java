package ru.otklik.common.response;

/** Kafka topics of the pipeline. Keys are office codes, so one office's events stay in order. */
public final class Topics {

    /** Valid responses and kiosk taps ({@link SurveyResponse} JSON), keyed by office code. */
    public static final String RESPONSES = "responses";
    /** Everything ingest rejected, with the reason and the raw body (a {@code DeadLetter} JSON). */
    public static final String DEAD_LETTER = "responses.dlq";
    /** Kiosk heartbeats and batch contacts ({@code KioskHeartbeat} JSON), keyed by device id. */
    public static final String KIOSK_HEARTBEATS = "kiosk.heartbeats";

    /**
     * Every change of an incident (drop alert, fraud flag) as the streaming job wrote it to
     * {@code otklik.alerts} ({@code AlertEvent} JSON), keyed by alert id, so one incident's changes stay
     * in order. At least once: a consumer keeps the highest {@code version} per {@code alertId}.
     */
    public static final String ALERTS = "alerts";

    /**
     * Reviews of fraud flags (confirmed or dismissed, {@code FlagReview} JSON) as the dashboards
     * recorded them in the operational store, keyed by alert id. At least once: a consumer keeps one
     * review per {@code reviewId}, and the newest per alert decides. Kept forever ({@link #KEPT_FOREVER}).
     */
    public static final String ALERT_REVIEWS = "alert.reviews";

    /**
     * Counted responses with a comment and a low score ({@code NegativeFeedback} JSON), keyed by office
     * code: the streaming job's part of the case queue. At least once: the dashboards open one case per
     * {@code responseId}.
     */
    public static final String NEGATIVE_FEEDBACK = "feedback.negative";

    /**
     * Second answers to spent single-use links ({@code LinkReuse} JSON), refused by ingest and published
     * for the streaming job's {@code link_reused} flag, keyed by office code.
     */
    public static final String LINKS_REUSED = "links.reused";

    /**
     * 360 raters' final submissions ({@code RaterSubmission} JSON) from ingest, keyed by session id. At least
     * once: the streaming job counts one submission per {@code submissionId}.
     */
    public static final String ASSESSMENT_ANSWERS = "assessment.answers";

    /**
     * 360 sessions' state and interaction matrices ({@code SessionAssignments} JSON) from the dashboards'
     * operational store, keyed by session id. At least once: the highest {@code version} per session decides.
     * Kept forever ({@link #KEPT_FOREVER}), like the reviews: a rebuild reads every session again.
     */
    public static final String ASSESSMENT_ASSIGNMENTS = "assessment.assignments";

    /**
     * Each office's submitted and reviewed checklists of one reporting period, the whole state on every change
     * ({@code ObjectiveReport} JSON) from the dashboards' operational store, keyed by office code. At least once:
     * the highest {@code revision} per office and period decides. Kept forever ({@link #KEPT_FOREVER}).
     */
    public static final String CHECKLIST_REPORTS = "checklists.reports";

    /**
     * Published methodology versions ({@code Methodology} JSON, immutable), keyed by version number, from the
     * dashboards. At least once: one version number is one version. Kept forever ({@link #KEPT_FOREVER}).
     */
    public static final String METHODOLOGY_VERSIONS = "methodology.versions";

    /**
     * The settings of a topic whose records are never deleted ({@link #ALERT_REVIEWS}: the streaming job
     * reads every review again when it rebuilds its figures, and the reviews are few).
     */
    public static final java.util.Map<String, String> KEPT_FOREVER = java.util.Map.of("retention.ms", "-1");

    private Topics() {
    }
}
