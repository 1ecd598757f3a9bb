package ru.otklik.kiosk.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import ru.otklik.common.kiosk.KioskDevice;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.response.KioskTap;
import ru.otklik.common.response.SurveyResponse;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.kiosk.simulator.population.DayShape;
import ru.otklik.kiosk.simulator.population.EventGenerator;
import ru.otklik.kiosk.simulator.population.MonthWalk;
import ru.otklik.kiosk.simulator.population.OfficeQuality;
import ru.otklik.kiosk.simulator.population.OnlineRespondent;
import ru.otklik.kiosk.simulator.population.ProfileWeights;
import ru.otklik.kiosk.simulator.population.VirtualKiosk;
import ru.otklik.kiosk.simulator.report.ProgressBar;
import ru.otklik.kiosk.simulator.report.SimulationSummary;
import ru.otklik.kiosk.simulator.report.SummaryTable;
import ru.otklik.kiosk.simulator.report.Tally;
import ru.otklik.kiosk.simulator.scenario.Scenario;
import ru.otklik.kiosk.simulator.scenario.ScenarioKind;
import ru.otklik.kiosk.simulator.send.Delivery;
import ru.otklik.kiosk.simulator.send.IngestClient;

/**
 * One load run: virtual kiosks and online respondents over the pilot offices, driven by a
 * single scheduler thread (no thread per client, so 1,000 kiosks and 1,000 respondents are just
 * two lists), sending through one asynchronous HTTP client with bounded requests in flight.
 *
 * <p>Threads: the caller's thread generates events at the configured rate; a sender thread hands
 * due kiosk batches to the HTTP client; a small scheduler runs retries and the progress display;
 * HTTP completions update the tally.
 */
public final class Simulator {

    /** Unlimited runs place scenarios on this time scale ("progress" 1.0 after 10 minutes). */
    static final Duration UNLIMITED_SCALE = Duration.ofMinutes(10);
    private static final long SENDER_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final Duration SLOT_WAIT = Duration.ofMillis(200);
    /** Grace for in-flight events after Ctrl-C; a normal end waits for the whole retry budget. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final SimulatorConfig config;
    private final OfficeDirectory directory;
    private final SurveyCatalog catalog;
    private final ProfileWeights weights;
    private final PrintStream err;
    private volatile boolean stopRequested;
    private volatile boolean generating = true;

    public Simulator(SimulatorConfig config) {
        this(config, OfficeDirectory.pilot(), SurveyCatalog.builtIn(), ProfileWeights.pilot(), System.err);
    }

    public Simulator(SimulatorConfig config, OfficeDirectory directory, SurveyCatalog catalog, ProfileWeights weights,
                     PrintStream err) {
        this.config = config;
        this.directory = directory;
        this.catalog = catalog;
        this.weights = weights;
        this.err = err;
    }

    /** Ends the run early (Ctrl-C): generation stops, what is in flight gets a short grace. */
    public void stop() {
        stopRequested = true;
    }

    public SimulationSummary run() throws InterruptedException, IOException {
        List<Office> offices = List.copyOf(directory.offices());
        OfficeQuality quality = OfficeQuality.draw(offices, config.seed());
        SplittableRandom setup = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + 1);

        List<VirtualKiosk> kiosks = new ArrayList<>();
        for (KioskDevice device : config.devices()) {
            Office office = directory.office(device.officeCode()).orElseThrow(() ->
                    new IllegalArgumentException("device " + device.deviceId() + " is in unknown office " + device.officeCode()));
            kiosks.add(new VirtualKiosk(device, office, setup));
        }
        List<OnlineRespondent> respondents = new ArrayList<>();
        for (int i = 0; i < config.respondents(); i++) {
            respondents.add(new OnlineRespondent(offices.get(i % offices.size()), catalog, weights));
        }
        Scenario scenario = scenario(quality, kiosks);
        OnlineRespondent fraudSource = scenario.targetOffice() == null ? null
                : new OnlineRespondent(directory.office(scenario.targetOffice()).orElseThrow(), catalog, weights);
        EventGenerator generator = new EventGenerator(respondents, kiosks, quality, scenario, fraudSource,
                config.runId(), config.seed());
        MonthWalk month = null;
        if (!scenario.history().isZero()) {
            // the simulated clock ends at the run's start: no event time ever lies in the future
            month = MonthWalk.before(config.clock().instant(), scenario.history(), kiosks, respondents, config.seed());
            if (config.counted()) {
                month.counted(config.formsWanted(), config.tapsWanted());
            }
        }

        Tally tally = new Tally(offices);
        AtomicLong outstanding = new AtomicLong();
        Semaphore tapBudget = new Semaphore(config.maxPendingTaps());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("sim-scheduler"));
        ExecutorService httpExecutor = Executors.newFixedThreadPool(4, daemon("sim-http"));
        IngestClient client = new IngestClient(config.ingest(), config.maxInFlight(), config.retry(), scheduler,
                httpExecutor, config.clock());

        long startNanos = System.nanoTime();
        Instant startedAt = config.clock().instant();
        AtomicLong generated = new AtomicLong();
        ProgressBar progress = progressBar(tally, client, () -> progress(startNanos, generated.get(), true));
        if (progress != null) {
            long every = progress.terminal() ? 200 : 5_000;
            scheduler.scheduleAtFixedRate(progress::update, every, every, TimeUnit.MILLISECONDS);
        }
        Thread sender = new Thread(() -> sendBatches(kiosks, client, tally, tapBudget, outstanding), "sim-kiosk-sender");
        sender.setDaemon(true);
        sender.start();
        try {
            generate(generator, month, client, tally, tapBudget, outstanding, generated, startNanos);
            generating = false;
            drain(outstanding);
        } finally {
            generating = false;
            sender.interrupt();
            sender.join(5_000);
            scheduler.shutdownNow();
            httpExecutor.shutdownNow();
            if (progress != null) {
                progress.finish();
            }
        }
        SimulationSummary summary = summary(tally, quality, scenario, startedAt, startNanos, outstanding.get());
        if (config.summaryOut() != null) {
            Path out = config.summaryOut().toAbsolutePath();
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, summary.toJson());
        }
        return summary;
    }

    private Scenario scenario(OfficeQuality quality, List<VirtualKiosk> kiosks) {
        ScenarioKind kind = config.scenario();
        String target = config.targetOffice();
        if (target != null && directory.office(target).isEmpty()) {
            throw new IllegalArgumentException("unknown target office " + target);
        }
        String device = null;
        switch (kind) {
            case NORMAL -> target = null;
            // a drop is most visible at the best office
            case QUALITY_DROP, SLOW_DECLINE -> target = target != null ? target : quality.best();
            // staff of a weak office have the motive to polish its figures
            case FRAUD_BURST -> target = target != null ? target : quality.weak().isEmpty()
                    ? quality.best() : quality.weak().get(0);
            case NORMAL_MONTH -> target = null;
            case SILENT_KIOSK, KIOSK_UNPLUGGED -> {
                String office = target;
                VirtualKiosk kiosk = kiosks.stream()
                        .filter(k -> office == null || k.office().code().equals(office))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException(
                                kind.code() + " needs a kiosk" + (office == null ? "" : " in " + office)));
                device = kiosk.device().deviceId();
                target = kiosk.office().code();
            }
        }
        return kind.create(target, device);
    }

    /**
     * The caller's thread: paces events at the rate and hands them to the client or a kiosk outbox.
     * With a {@code month} walk (normal-month) the events carry the walk's simulated times instead of
     * the clock's, and {@code --day-shape} is left to the walk (its shape is in simulated time).
     */
    private void generate(EventGenerator generator, MonthWalk month, IngestClient client, Tally tally,
                          Semaphore tapBudget, AtomicLong outstanding, AtomicLong generated, long startNanos)
            throws InterruptedException {
        DayShape shape = DayShape.moscow(config.devices().size(), config.respondents());
        long formsLeft = config.formsWanted();
        long tapsLeft = config.tapsWanted();
        double credit = 0;
        long last = System.nanoTime();
        while (!stopRequested) {
            long now = System.nanoTime();
            if (config.counted() ? formsLeft + tapsLeft == 0
                    : !config.unlimited() && now - startNanos >= config.duration().toNanos()) {
                return;
            }
            if (config.rate() > 0) {
                double rate = config.rate()
                        * (config.dayShape() && month == null ? shape.multiplier(config.clock().instant()) : 1);
                credit = Math.min(credit + (now - last) / 1e9 * rate, Math.max(1, rate * 0.2)); // no catch-up storm
                last = now;
                if (credit < 1) {
                    long waitNanos = (long) ((1 - credit) / rate * 1e9);
                    LockSupport.parkNanos(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(5)));
                    continue;
                }
                credit -= 1;
            }
            double progress = progress(startNanos, generated.get(), false);
            MonthWalk.Slot slot = null;
            EventGenerator.Kind kind;
            if (month != null) {
                if (config.unlimited() && progress >= 1) {
                    return; // the simulated clock has reached now
                }
                slot = config.counted() ? month.next() : month.next(progress);
                if (slot == null) {
                    return;
                }
                kind = slot.kind();
            } else {
                kind = config.counted() ? generator.nextKind(formsLeft, tapsLeft) : generator.nextKind();
            }
            Instant ts = config.clock().instant();
            if (kind == EventGenerator.Kind.TAP) {
                while (!tapBudget.tryAcquire(SLOT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (stopRequested) {
                        return;
                    }
                }
                EventGenerator.Tap tap = slot != null ? (EventGenerator.Tap) month.event(generator, slot, progress)
                        : generator.tap(ts, progress);
                outstanding.incrementAndGet();
                tap.kiosk().enqueue(tap.tap(), System.nanoTime());
                tapsLeft = Math.max(0, tapsLeft - 1);
            } else {
                EventGenerator.Form form = slot != null ? (EventGenerator.Form) month.event(generator, slot, progress)
                        : generator.form(ts, progress);
                SurveyResponse r = form.response();
                outstanding.incrementAndGet();
                // "sent" = handed to the client; the completion may come before this thread goes on
                tally.formSent(r.officeCode(), r.audience().code(), r.surveyId());
                Runnable retried = () -> tally.retry(r.officeCode());
                while (!client.trySendForm(r, form.sender(), SLOT_WAIT, d -> {
                    tally.formDone(r.officeCode(), r.audience().code(), r.surveyId(), form.fake(), d);
                    outstanding.decrementAndGet();
                }, retried)) {
                    if (stopRequested) {
                        tally.formDone(r.officeCode(), r.audience().code(), r.surveyId(), form.fake(),
                                new Delivery(0, 0, 1, 0, "stopped before it could be sent"));
                        outstanding.decrementAndGet();
                        return;
                    }
                }
                formsLeft = Math.max(0, formsLeft - 1);
            }
            generated.incrementAndGet();
        }
    }

    /** The sender thread: every tick, each kiosk with a due batch gets it sent if a slot is free. */
    private void sendBatches(List<VirtualKiosk> kiosks, IngestClient client, Tally tally, Semaphore tapBudget,
                             AtomicLong outstanding) {
        int offset = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            boolean force = !generating; // at the end every pending tap goes, full or not
            for (int i = 0; i < kiosks.size(); i++) {
                // rotate the start, so under contention no kiosk always comes last
                VirtualKiosk kiosk = kiosks.get((offset + i) % kiosks.size());
                String office = kiosk.office().code();
                client.trySendBatch(kiosk.device(), () -> kiosk.takeBatch(now, force),
                        batch -> tally.tapsSent(office, batch.taps().size(),
                                batch.taps().stream().mapToLong(KioskTap::suppressedPresses).sum()),
                        (batch, d) -> {
                            kiosk.batchDone();
                            tally.tapsDone(office, d);
                            tapBudget.release(batch.taps().size());
                            outstanding.addAndGet(-batch.taps().size());
                        },
                        () -> tally.retry(office));
            }
            offset = kiosks.isEmpty() ? 0 : (offset + 1) % kiosks.size();
            LockSupport.parkNanos(SENDER_TICK_NANOS);
        }
    }

    /** Waits until every generated event is accepted, rejected or given up (or the grace after a stop). */
    private void drain(AtomicLong outstanding) {
        long deadline = System.nanoTime() + config.retry().maxElapsed().plusSeconds(30).toNanos();
        while (outstanding.get() > 0) {
            if (stopRequested) {
                deadline = Math.min(deadline, System.nanoTime() + STOP_GRACE.toNanos());
            }
            if (System.nanoTime() > deadline) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Where the run is, in [0, 1]; for display NaN when there is no end to measure against. */
    private double progress(long startNanos, long generated, boolean forDisplay) {
        if (config.counted()) {
            long wanted = config.formsWanted() + config.tapsWanted();
            return wanted == 0 ? 1 : (double) generated / wanted;
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        if (config.unlimited()) {
            return forDisplay ? Double.NaN : Math.min(1, elapsed / UNLIMITED_SCALE.toSeconds());
        }
        return Math.min(1, elapsed / (config.duration().toMillis() / 1e3));
    }

    private ProgressBar progressBar(Tally tally, IngestClient client, java.util.function.DoubleSupplier fraction) {
        boolean terminal = switch (config.progress()) {
            case OFF -> false;
            case BAR -> true;
            case LINES -> false;
            case AUTO -> ProgressBar.stderrIsTerminal();
        };
        if (config.progress() == SimulatorConfig.Progress.OFF) {
            return null;
        }
        return new ProgressBar(err, terminal, tally, fraction, client::inFlight);
    }

    private SimulationSummary summary(Tally tally, OfficeQuality quality, Scenario scenario, Instant startedAt,
                                      long startNanos, long unresolved) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<SimulationSummary.OfficeSummary> offices = tally.offices(quality.asMap());
        SimulationSummary.Counts forms = SimulationSummary.Counts.ZERO;
        SimulationSummary.Counts taps = SimulationSummary.Counts.ZERO;
        long fake = 0;
        long suppressed = 0;
        long retries = 0;
        for (SimulationSummary.OfficeSummary o : offices) {
            forms = forms.plus(o.forms());
            taps = taps.plus(o.taps());
            fake += o.fakeForms();
            suppressed += o.suppressedPresses();
            retries += o.retries();
        }
        List<String> problems = new ArrayList<>(tally.problems());
        if (unresolved > 0) {
            problems.add(unresolved + " events were still unanswered when the run ended");
        }
        long sent = forms.sent() + taps.sent();
        long accepted = forms.accepted() + taps.accepted();
        return new SimulationSummary(config.runId(), config.seed(), scenario.name(), scenario.targetOffice(),
                config.ingest().toString(), config.devices().size(), config.respondents(), startedAt,
                config.clock().instant(), round(seconds), round(sent / seconds), round(accepted / seconds),
                new SimulationSummary.Totals(forms, taps, fake, suppressed, retries, tally.batches()),
                offices, problems);
    }

    /** Prints the per-office table and totals. */
    public static void print(SimulationSummary summary, PrintStream out) {
        SummaryTable.print(summary, out);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : 0;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
