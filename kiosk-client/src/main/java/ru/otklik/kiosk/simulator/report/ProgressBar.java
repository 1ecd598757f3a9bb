package ru.otklik.kiosk.simulator.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * Live feedback on stderr: on a terminal one line redrawn in place with {@code \r}; otherwise
 * (a log file, CI) a plain progress line each time {@link #update} is called, which the caller
 * does every few seconds. Rates are measured between updates.
 */
public final class ProgressBar {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final Tally tally;
    private final DoubleSupplier progress;
    private final IntSupplier inFlight;
    private long lastNanos = System.nanoTime();
    private long lastDone;
    private double rate;
    private int lastLength;

    public ProgressBar(PrintStream out, boolean terminal, Tally tally, DoubleSupplier progress, IntSupplier inFlight) {
        this.out = out;
        this.terminal = terminal;
        this.tally = tally;
        this.progress = progress;
        this.inFlight = inFlight;
    }

    /** Whether stderr is probably a terminal: the JDK only tells for stdin/stdout, which is close enough. */
    public static boolean stderrIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    public boolean terminal() {
        return terminal;
    }

    public synchronized void update() {
        long now = System.nanoTime();
        Tally.Live live = tally.live();
        double seconds = (now - lastNanos) / 1e9;
        if (seconds > 0.05) {
            double instant = (live.done() - lastDone) / seconds;
            rate = rate == 0 ? instant : 0.7 * rate + 0.3 * instant; // smoothed, so the number is readable
            lastDone = live.done();
            lastNanos = now;
        }
        String line = line(progress.getAsDouble(), live);
        if (terminal) {
            String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
            out.print("\r" + padded);
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the redrawn line so what follows starts on its own line. */
    public synchronized void finish() {
        update();
        if (terminal) {
            out.println();
        }
    }

    private String line(double fraction, Tally.Live live) {
        String bar = "";
        if (!Double.isNaN(fraction)) {
            int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
            bar = String.format(Locale.ROOT, "[%s%s] %3d%% ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                    Math.round(fraction * 100));
        }
        return String.format(Locale.ROOT,
                "%ssent %d  accepted %d  rejected %d  failed %d  retries %d  in flight %d  %.0f/s",
                bar, live.sent(), live.accepted(), live.rejected(), live.failed(), live.retries(),
                inFlight.getAsInt(), rate);
    }
}
