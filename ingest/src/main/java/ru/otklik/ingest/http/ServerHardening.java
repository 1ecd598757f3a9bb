package ru.otklik.ingest.http;

import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import ru.otklik.common.http.HttpServerSettings;
import ru.otklik.common.response.EventJson;

/**
 * How ingest's Jetty faces the network ({@link HttpServerSettings}): bound to the configured host
 * only, idle timeout, header size limit (431), the {@link SlowClientSweeper} for header and request
 * deadlines, no server version, and every answer Jetty gives by itself (431, 400 for a broken request
 * line, 413, 408...) in the {@link Problem} JSON format instead of Jetty's HTML page.
 */
public final class ServerHardening {

    private ServerHardening() {
    }

    public static void apply(JavalinConfig c, HttpServerSettings settings, int port) {
        c.jetty.host = settings.host();
        c.jetty.port = port;
        c.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(settings.maxHeaderBytes());
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setIdleTimeout(settings.deadlines().idle().toMillis());
        });
        // our own connector, so that host, port and idle timeout are ours (Javalin then adds none)
        c.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(port);
            connector.setIdleTimeout(settings.deadlines().idle().toMillis());
            return connector;
        });
        c.jetty.modifyServer(server -> {
            server.setErrorHandler(new ProblemErrorHandler());
            server.addBean(new SlowClientSweeper(server, settings.deadlines()), true);
        });
    }

    /** The error code of a status Jetty answers by itself, as {@link Problem#error()}. */
    static Problem problemFor(int status) {
        return switch (status) {
            case 431 -> Problem.of("header-too-large", "the request line and headers are larger than allowed");
            case 413 -> Problem.of("too-large", "the request is larger than allowed");
            case 408 -> Problem.of("timeout", "the request was not received in time");
            case 414 -> Problem.of("uri-too-long", "the request URI is longer than allowed");
            case 400 -> Problem.of("bad-request", "the request is not well-formed HTTP");
            case 404 -> Problem.of("not-found", "no such resource");
            case 405 -> Problem.of("method-not-allowed", "the method is not allowed here");
            default -> Problem.of(status >= 500 ? "internal" : "http-" + status, "the request could not be served");
        };
    }

    /** Jetty's own error answers as Problem JSON; never the exception message (it can echo the request). */
    static final class ProblemErrorHandler extends ErrorHandler {

        private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(JSON);
            response.getHeaders().put(ERROR_CACHE_CONTROL);
            response.write(true, body(response.getStatus()), callback);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(JSON);
            return body(status);
        }

        private static ByteBuffer body(int status) {
            return ByteBuffer.wrap(EventJson.toJson(problemFor(status)).getBytes(StandardCharsets.UTF_8));
        }
    }
}
