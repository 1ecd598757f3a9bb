package ru.otklik.kiosk.simulator.scenario;

import java.time.Duration;

/**
 * Every office normal, but the events are the last {@link #SPAN} instead of "now": the run walks a
 * simulated clock from now − 30 days to now, events in time order, as many per simulated hour as the
 * {@code WeekShape} says for each office's local time (kiosks only while offices are open). For
 * filling dashboards and weekly reports with a plausible history, and for the stream jobs' watermarks
 * to advance over a month. Every time stays inside what ingest accepts (35 days back, not ahead).
 */
public record NormalMonth() implements Scenario {

    public static final Duration SPAN = Duration.ofDays(30);

    @Override
    public String name() {
        return "normal-month";
    }

    @Override
    public Duration history() {
        return SPAN;
    }
}
