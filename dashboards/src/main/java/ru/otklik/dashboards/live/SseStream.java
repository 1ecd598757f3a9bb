package ru.otklik.dashboards.live;

import io.javalin.http.sse.SseClient;

/** A {@link LiveStream} over Javalin's SSE client (data sent as given: a String is written as is). */
public final class SseStream implements LiveStream {

    private final SseClient client;

    public SseStream(SseClient client) {
        this.client = client;
    }

    @Override
    public void event(String name, String id, String data) {
        client.sendEvent(name, data, id);
    }

    @Override
    public void comment(String text) {
        client.sendComment(text);
    }

    @Override
    public boolean closed() {
        return client.terminated();
    }

    @Override
    public void close() {
        client.close();
    }
}
