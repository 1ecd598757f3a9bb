package ru.otklik.dashboards.web;

import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

/**
 * How the dashboards' Jetty faces the network ({@link HttpServerSettings}, as ingest): the configured
 * host only, idle timeout, header size limit (431), header and request deadlines for slow clients
 * ({@link SlowClientSweeper}), no server version, and Jetty's own error answers in the API's JSON error
 * format ({@link ApiErrors}) instead of its HTML page.
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
        c.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.host());
            connector.setPort(port);
            connector.setIdleTimeout(settings.deadlines().idle().toMillis());
            return connector;
        });
        // the viewer's address as the logs name it: believed from X-Forwarded-For only behind a trusted proxy
        c.routes.before(ctx -> ClientAddress.resolve(ctx, settings.trustedProxies()));
        c.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            server.addBean(new SlowClientSweeper(server, settings.deadlines()), true);
        });
    }

    static String body(int status) {
        String[] codeAndMessage = switch (status) {
            case 431 -> new String[] {"header_too_large", "the request line and headers are larger than allowed"};
            case 413 -> new String[] {"too_large", "the request is larger than allowed"};
            case 408 -> new String[] {"timeout", "the request was not received in time"};
            case 414 -> new String[] {"uri_too_long", "the request URI is longer than allowed"};
            case 400 -> new String[] {"bad_request", "the request is not well-formed HTTP"};
            default -> new String[] {status >= 500 ? "internal_error" : "http_" + status, "the request could not be served"};
        };
        return JsonBody.write(Map.of("error", codeAndMessage[0], "message", codeAndMessage[1]));
    }

    /** Jetty's own error answers as the API's JSON; never the exception message (it can echo the request). */
    static final class JsonErrorHandler extends ErrorHandler {

        private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(JSON);
            response.getHeaders().put(ERROR_CACHE_CONTROL);
            response.write(true, ByteBuffer.wrap(body(response.getStatus()).getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(JSON);
            return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
        }
    }
}
