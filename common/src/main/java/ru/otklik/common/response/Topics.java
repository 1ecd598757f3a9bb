package ru.otklik.common.response;

/** Kafka topics of the pipeline. Keys are office codes, so one office's events stay in order. */
public final class Topics {

    /** Valid responses and kiosk taps ({@link SurveyResponse} JSON), keyed by office code. */
    public static final String RESPONSES = "responses";
    /** Everything ingest rejected, with the reason and the raw body (a {@code DeadLetter} JSON). */
    public static final String DEAD_LETTER = "responses.dlq";
    /** Kiosk heartbeats and batch contacts ({@code KioskHeartbeat} JSON), keyed by device id. */
    public static final String KIOSK_HEARTBEATS = "kiosk.heartbeats";

    private Topics() {
    }
}
