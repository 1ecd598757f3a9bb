package ru.otklik.kiosk.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.kiosk.simulator.scenario.ScenarioKind;
import ru.otklik.kiosk.simulator.send.RetryPolicy;

/**
 * Everything a run needs. A run stops after {@code duration} (zero: when {@link Simulator#stop()}
 * is called) unless {@code forms} or {@code taps} is set: then it stops after exactly that many
 * forms and taps (an unset one counts as 0). A {@code normal-month} run ends at the same points; its
 * simulated clock then has walked the last 30 days up to the run's start (an unlimited run: after 10 min).
 *
 * @param devices    the kiosks of the run (already cut to {@code --kiosks}); their secrets sign the batches
 * @param rate       events (forms + taps) per second at the peak; 0 = as fast as ingest takes them
 * @param dayShape   multiply the rate by the weekday x hour shape ({@code WeekShape}, Moscow time; for long
 *                   runs); a normal-month run applies the shape to its simulated clock instead
 * @param runId      prefix of every response and tap id, so repeated runs never collide
 * @param targetOffice the office the scenario is about; null = the scenario's own choice
 */
public record SimulatorConfig(
        URI ingest,
        List<KioskDevice> devices,
        int respondents,
        Duration duration,
        Long forms,
        Long taps,
        double rate,
        boolean dayShape,
        long seed,
        String runId,
        ScenarioKind scenario,
        String targetOffice,
        int maxInFlight,
        int maxPendingTaps,
        RetryPolicy retry,
        Progress progress,
        Path summaryOut,
        Clock clock) {

    public static final URI DEFAULT_INGEST = URI.create("http://127.0.0.1:8080");

    /** How to show progress on stderr. */
    public enum Progress { AUTO, BAR, LINES, OFF }

    public SimulatorConfig {
        devices = List.copyOf(devices);
        if (respondents < 0) {
            throw new IllegalArgumentException("respondents must be >= 0");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must be >= 0");
        }
        if (maxInFlight < 1 || maxPendingTaps < 1) {
            throw new IllegalArgumentException("maxInFlight and maxPendingTaps must be positive");
        }
        if (runId == null || !runId.matches("[A-Za-z0-9_-]{6,40}")) {
            throw new IllegalArgumentException("run id must be 6-40 of [A-Za-z0-9_-]: " + runId);
        }
        if (counted() && ((forms != null && forms < 0) || (taps != null && taps < 0))) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (!counted() && (duration == null || duration.isNegative())) {
            throw new IllegalArgumentException("a run needs a duration (0 = until stopped) or counts");
        }
        if (counted() && formsWanted() > 0 && respondents == 0) {
            throw new IllegalArgumentException("forms wanted but no respondents");
        }
        if (counted() && tapsWanted() > 0 && devices.isEmpty()) {
            throw new IllegalArgumentException("taps wanted but no kiosks (give --devices FILE)");
        }
        if (!counted() && respondents == 0 && devices.isEmpty()) {
            throw new IllegalArgumentException("no kiosks and no respondents: nothing to simulate");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean counted() {
        return forms != null || taps != null;
    }

    public long formsWanted() {
        return forms == null ? 0 : forms;
    }

    public long tapsWanted() {
        return taps == null ? 0 : taps;
    }

    public boolean unlimited() {
        return !counted() && duration.isZero();
    }

    /** Defaults: local ingest, 100 respondents, 60 s, as fast as possible, seed 1, normal load. */
    public static final class Builder {
        private URI ingest = DEFAULT_INGEST;
        private List<KioskDevice> devices = List.of();
        private int respondents = 100;
        private Duration duration = Duration.ofSeconds(60);
        private Long forms;
        private Long taps;
        private double rate;
        private boolean dayShape;
        private long seed = 1;
        private String runId = RunIds.random();
        private ScenarioKind scenario = ScenarioKind.NORMAL;
        private String targetOffice;
        private int maxInFlight = 64;
        private int maxPendingTaps = 20_000;
        private RetryPolicy retry = RetryPolicy.standard();
        private Progress progress = Progress.AUTO;
        private Path summaryOut;
        private Clock clock = Clock.systemUTC();

        public Builder ingest(URI v) { ingest = v; return this; }
        public Builder devices(List<KioskDevice> v) { devices = v; return this; }
        public Builder respondents(int v) { respondents = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder forms(Long v) { forms = v; return this; }
        public Builder taps(Long v) { taps = v; return this; }
        public Builder rate(double v) { rate = v; return this; }
        public Builder dayShape(boolean v) { dayShape = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder runId(String v) { runId = v; return this; }
        public Builder scenario(ScenarioKind v) { scenario = v; return this; }
        public Builder targetOffice(String v) { targetOffice = v; return this; }
        public Builder maxInFlight(int v) { maxInFlight = v; return this; }
        public Builder maxPendingTaps(int v) { maxPendingTaps = v; return this; }
        public Builder retry(RetryPolicy v) { retry = v; return this; }
        public Builder progress(Progress v) { progress = v; return this; }
        public Builder summaryOut(Path v) { summaryOut = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }

        public SimulatorConfig build() {
            return new SimulatorConfig(ingest, devices, respondents, duration, forms, taps, rate, dayShape, seed,
                    runId, scenario, targetOffice, maxInFlight, maxPendingTaps, retry, progress, summaryOut, clock);
        }
    }
}
