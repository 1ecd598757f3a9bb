package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import ru.otklik.common.http.HttpServerSettings;
import ru.otklik.common.http.TrustedProxies;
import ru.otklik.dashboards.access.SsoSettings;

/**
 * Single sign-on through an authenticating proxy (issue 14 §6, OIDC as a configuration): the proxy's user header
 * starts a session only from the proxy's address and only for an enabled account; the session is a normal one (the
 * API answers with the account's scope); from anywhere else the header is worth nothing.
 */
class SsoLoginIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String HEADER = "X-Forwarded-Preferred-Username";

    private static TestServer server(String trusted) {
        return TestServer.start(5, java.time.Clock.systemUTC(), ru.otklik.dashboards.store.OperationalSettings.none(),
                ru.otklik.dashboards.delivery.DeliverySettings.none(), ru.otklik.dashboards.cases.CaseSettings.defaults(),
                c -> c.withHttp(new HttpServerSettings(c.http().host(), TrustedProxies.parse(trusted),
                        c.http().deadlines(), c.http().maxHeaderBytes())).withSso(new SsoSettings(HEADER)));
    }

    private static HttpResponse<String> sso(TestServer server, String user, String next) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/login/sso"
                + (next == null ? "" : "?next=" + next))).GET();
        if (user != null) {
            b.header(HEADER, user);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theProxysHeaderStartsANormalSession() throws Exception {
        try (TestServer server = server("127.0.0.1/32")) {
            assertTrue(server.get("/login", null).body().contains("id=\"sso\""), "the login page offers it");
            HttpResponse<String> in = sso(server, "region-BRY", "/regions/BRY");
            assertEquals(303, in.statusCode(), in.body());
            assertEquals("/regions/BRY", in.headers().firstValue("Location").orElseThrow());
            String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
            String session = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            assertEquals(200, server.get("/api/v1/regions/BRY/offices", session).statusCode());
            assertEquals(403, server.get("/api/v1/regions/LIP/offices", session).statusCode(), "the account's scope");
            assertEquals("/offices/BRY-01", sso(server, "office-BRY-01", "//evil.example").headers()
                    .firstValue("Location").orElseThrow(), "no open redirect");
            assertEquals(403, sso(server, "nobody-here", null).statusCode(), "no account: no session");
            assertEquals(403, sso(server, null, null).statusCode(), "no header: no session");
        }
    }

    @Test
    void fromAnAddressThatIsNotTheProxyTheHeaderIsIgnored() throws Exception {
        try (TestServer server = server("10.0.0.0/8")) {
            HttpResponse<String> r = sso(server, "federal", null);
            assertEquals(403, r.statusCode());
            assertTrue(r.body().contains("untrusted_proxy"), r.body());
            assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
        }
    }

    @Test
    void offUnlessConfigured() throws Exception {
        try (TestServer server = TestServer.start(5)) {
            assertEquals(404, sso(server, "federal", null).statusCode());
            assertTrue(!server.get("/login", null).body().contains("id=\"sso\""));
        }
    }
}
