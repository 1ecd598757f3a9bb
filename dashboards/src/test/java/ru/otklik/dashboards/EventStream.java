package ru.otklik.dashboards;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A plain HTTP client of an event stream ({@code text/event-stream}), as a page's EventSource is: the answer's
 * lines as they come, parsed into events (name, id, data) and comments. Reading is callback-driven (no thread per
 * stream), so a test can hold hundreds open. {@link #close} cancels the body: the connection goes.
 */
final class EventStream implements AutoCloseable {

    /** One event as the stream sent it. */
    record Event(String name, String id, String data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;
    private volatile boolean ended;

    private EventStream(HttpClient http, HttpRequest request) {
        // the status and headers as soon as they come (the response itself completes only when the stream ends)
        this.response = http.sendAsync(request, info -> {
            head.complete(info);
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines());
        });
        response.whenComplete((r, e) -> {
            if (e != null) {
                head.completeExceptionally(e);
                ended = true;
            }
        });
    }

    /** Opens {@code path} with the session cookie (null: none) and, if not null, a {@code Last-Event-ID}. */
    static EventStream open(HttpClient http, String base, String path, String session, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").GET();
        if (session != null) {
            b.header("Cookie", "otklik_session=" + session);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return new EventStream(http, b.build());
    }

    /** The status and headers, once they came. */
    HttpResponse.ResponseInfo head() throws Exception {
        return head.get(10, TimeUnit.SECONDS);
    }

    int status() throws Exception {
        return head().statusCode();
    }

    long count(String name) {
        return events.stream().filter(e -> e.name().equals(name)).count();
    }

    Event last() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** Whether the server ended the stream (or it failed). */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        response.cancel(true);
    }

    /** SSE framing: fields until an empty line, which ends the event; ":" starts a comment. */
    private final class Lines implements Flow.Subscriber<String> {
        private String name = "message";
        private String id;
        private StringBuilder data;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(name, id, data.toString()));
                }
                name = "message";
                data = null;
                return;
            }
            if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }

        @Override
        public void onError(Throwable t) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }
    }
}
