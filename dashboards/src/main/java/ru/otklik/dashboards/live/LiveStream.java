package ru.otklik.dashboards.live;

/**
 * One open event stream to a page, as the watchers use it ({@link SseStream} over Javalin's SSE client).
 * Calls for one stream may come from the request thread (its welcome) and a watcher's thread at once;
 * {@link ScopeWatch} serialises them per subscriber.
 */
public interface LiveStream {

    /** One event; a failed write marks the stream closed instead of throwing. */
    void event(String name, String id, String data);

    /** A comment line (keep-alive): carries nothing, keeps proxies and the idle timeout from cutting the stream. */
    void comment(String text);

    /** Whether the stream is gone (the client left, a write failed, or it was closed here). */
    boolean closed();

    /** Ends the stream from the server side; the page's EventSource sees an error and reconnects. */
    void close();
}
