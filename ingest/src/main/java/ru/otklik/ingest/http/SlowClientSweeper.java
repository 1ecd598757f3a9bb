package ru.otklik.ingest.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.common.http.ReadDeadlines;

/**
 * Closes connections whose request is read too slowly (slowloris). Jetty's idle timeout restarts
 * with every byte, and Jetty 12 implements no minimum request data rate, so a client sending one
 * header byte every few seconds would otherwise hold its connection forever. Every
 * {@link ReadDeadlines#sweepInterval()} this looks at each open HTTP/1 connection: one whose parser
 * has been in the header of a request for longer than the header deadline, or in its body for longer
 * than the request deadline (both counted from the request's first byte), is closed.
 */
final class SlowClientSweeper extends AbstractLifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(SlowClientSweeper.class);

    private final Server server;
    private final ReadDeadlines deadlines;
    private final AtomicLong closed = new AtomicLong();
    private ScheduledExecutorService timer;

    SlowClientSweeper(Server server, ReadDeadlines deadlines) {
        this.server = server;
        this.deadlines = deadlines;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slow-client-sweeper");
            t.setDaemon(true);
            return t;
        });
        long every = deadlines.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
    }

    /** Connections closed for being too slow since start (for tests and logs). */
    long closedConnections() {
        return closed.get();
    }

    void sweep() {
        try {
            long now = NanoTime.now();
            for (Connector connector : server.getConnectors()) {
                if (!(connector instanceof ServerConnector sc)) {
                    continue;
                }
                for (EndPoint endPoint : sc.getConnectedEndPoints()) {
                    if (endPoint.getConnection() instanceof HttpConnection http) {
                        check(endPoint, http.getParser(), now);
                    }
                }
            }
        } catch (RuntimeException e) { // a sweep must never stop the next one
            LOG.warn("event=slow_client_sweep_failed error={}", e.getClass().getName());
        }
    }

    /*
     * The parser belongs to the connection's thread and is read here without its lock: a stale read only
     * delays a close by one sweep. HttpConnection is Jetty-internal (org.eclipse.jetty.server.internal);
     * Jetty 12 offers no public way to see how long a request has been parsed, so an upgrade must re-check
     * this class (HttpHardeningIT fails if it stops working).
     */
    private void check(EndPoint endPoint, HttpParser parser, long now) {
        long begin = parser.getBeginNanoTime(); // 0 between requests (idle: the idle timeout's business)
        if (begin == 0) {
            return;
        }
        ReadDeadlines.Phase phase;
        if (parser.inHeaderState()) {
            phase = ReadDeadlines.Phase.HEADER;
        } else if (parser.inContentState() && bodyStillComing(parser)) {
            phase = ReadDeadlines.Phase.BODY;
        } else {
            return; // read completely: the handler (or the client reading the answer) has the connection
        }
        Duration elapsed = Duration.ofNanos(NanoTime.elapsed(begin, now));
        if (deadlines.overdue(phase, elapsed)) {
            closed.incrementAndGet();
            LOG.info("event=slow_client_closed phase={} elapsed_ms={}", phase.name().toLowerCase(java.util.Locale.ROOT),
                    elapsed.toMillis());
            endPoint.close();
        }
    }

    /**
     * Whether the request still has body bytes to come. Jetty's parser stays in its content state until the handler
     * reads to the end, so a request without a body that the handler never reads — a GET answered with an event
     * stream — looked like a body read too slowly and was closed at the request deadline (every live stream ended
     * after 30 s). A declared length fully read, or none declared, is not a slow body; a chunked body always may be.
     */
    static boolean bodyStillComing(HttpParser parser) {
        return parser.isChunking() || parser.getContentRead() < parser.getContentLength();
    }
}
