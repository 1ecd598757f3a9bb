package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.dashboards.store.OperationalSettings;
import ru.otklik.infra.local.PostgresServer;

/**
 * Accounts in the operational store through the real dashboards and PostgreSQL: the users file imported at the
 * first start, an admin creating, re-scoping and disabling accounts, sessions that end on sign-out, on disabling
 * and on a new password (a copied cookie stops working at once), a user changing their own password, and who may.
 */
class AccountsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static String admin;
    private static String adminCsrf;

    @BeforeAll
    static void start() {
        server = TestServer.start(5, java.time.Clock.systemUTC(), OperationalSettings.none()
                .withPostgres(OperationalDatabases.fresh("accounts_it"), PostgresServer.USER));
        admin = server.login("admin");
        adminCsrf = server.csrfOf(admin, "/admin/accounts");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> post(String path, String json) {
        return server.postJson(path, admin, adminCsrf, json);
    }

    private static int me(String session) {
        return server.get("/api/v1/me", session).statusCode();
    }

    @Test
    void theUsersFileWasImportedAndAnAdminCreatesAnAccountThatSignsIn() throws Exception {
        JsonNode list = JSON.readTree(server.get("/api/v1/admin/accounts", admin).body());
        List<String> names = new ArrayList<>();
        list.get("accounts").forEach(a -> names.add(a.get("username").asText()));
        assertTrue(names.containsAll(List.of("admin", "federal", "region-BRY", "office-BRY-01")), names.toString());
        assertTrue(list.toString().indexOf("hash") < 0 && list.toString().indexOf("salt") < 0, "no password material");

        HttpResponse<String> weak = post("/api/v1/admin/accounts",
                "{\"username\":\"head-bry-02\",\"role\":\"office\",\"scope\":\"BRY-02\",\"password\":\"short\"}");
        assertEquals(400, weak.statusCode(), weak.body());
        assertTrue(weak.body().contains("12"), weak.body());
        HttpResponse<String> badScope = post("/api/v1/admin/accounts",
                "{\"username\":\"head-bry-02\",\"role\":\"office\",\"scope\":\"BRY\",\"password\":\"a-long-password-1\"}");
        assertEquals(400, badScope.statusCode(), badScope.body());
        assertEquals(201, post("/api/v1/admin/accounts",
                "{\"username\":\"head-bry-02\",\"role\":\"office\",\"scope\":\"BRY-02\",\"password\":\"a-long-password-1\"}").statusCode());
        assertEquals(409, post("/api/v1/admin/accounts",
                "{\"username\":\"head-bry-02\",\"role\":\"office\",\"scope\":\"BRY-02\",\"password\":\"a-long-password-1\"}").statusCode());
        HttpResponse<String> login = server.postLogin("head-bry-02", "a-long-password-1");
        assertEquals(303, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElse("").endsWith("/offices/BRY-02"));
    }

    @Test
    void disablingRescopingAndANewPasswordEndTheSessionsAtOnce() throws Exception {
        assertEquals(201, post("/api/v1/admin/accounts",
                "{\"username\":\"analyst-1\",\"role\":\"region\",\"scope\":\"BRY\",\"password\":\"first-password-1\"}").statusCode());
        String session = cookie(server.postLogin("analyst-1", "first-password-1"));
        assertEquals(200, me(session));

        assertEquals(200, post("/api/v1/admin/accounts/analyst-1/scope", "{\"role\":\"region\",\"scope\":\"VLA\"}").statusCode());
        assertEquals(401, me(session), "a re-scoped account's sessions end");
        session = cookie(server.postLogin("analyst-1", "first-password-1"));
        assertEquals("VLA", JSON.readTree(server.get("/api/v1/me", session).body()).get("scope").asText());

        assertEquals(200, post("/api/v1/admin/accounts/analyst-1/disabled", "{\"disabled\":true}").statusCode());
        assertEquals(401, me(session), "a disabled account's session ends at once");
        assertEquals(401, server.postLogin("analyst-1", "first-password-1").statusCode(), "and it cannot sign in");
        assertEquals(200, post("/api/v1/admin/accounts/analyst-1/disabled", "{\"disabled\":false}").statusCode());

        session = cookie(server.postLogin("analyst-1", "first-password-1"));
        assertEquals(200, post("/api/v1/admin/accounts/analyst-1/password", "{\"password\":\"second-password-2\"}").statusCode());
        assertEquals(401, me(session), "a reset password ends the sessions");
        assertEquals(401, server.postLogin("analyst-1", "first-password-1").statusCode());
        assertEquals(303, server.postLogin("analyst-1", "second-password-2").statusCode());

        JsonNode changes = JSON.readTree(server.get("/api/v1/admin/accounts/analyst-1/changes", admin).body()).get("changes");
        List<String> what = new ArrayList<>();
        changes.forEach(c -> what.add(c.get(0).asText() + " by " + c.get(1).asText()));
        assertEquals(List.of("created as region BRY by admin", "re-scoped to region VLA by admin", "disabled by admin",
                "enabled by admin", "password changed by admin"), what);
        assertEquals(409, post("/api/v1/admin/accounts/admin/disabled", "{\"disabled\":true}").statusCode(),
                "an admin cannot lock themselves out");
    }

    @Test
    void signingOutEndsTheSessionOnTheServerSoACopiedCookieIsWorthNothing() {
        String session = server.login("region-VLA");
        assertEquals(200, me(session));
        HttpResponse<String> out = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + "/logout"))
                .header("Cookie", "otklik_session=" + session).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(303, out.statusCode());
        assertEquals(401, me(session), "the cookie as it was before signing out no longer opens anything");
    }

    @Test
    void aUserChangesTheirOwnPasswordKnowingTheCurrentOneAndOnlyAdminsManageAccounts() throws Exception {
        assertEquals(201, post("/api/v1/admin/accounts",
                "{\"username\":\"head-kya-01\",\"role\":\"office\",\"scope\":\"KYA-01\",\"password\":\"kya-password-01\"}").statusCode());
        String session = cookie(server.postLogin("head-kya-01", "kya-password-01"));
        String csrf = server.csrfOf(session, "/offices/KYA-01");
        assertEquals(403, server.postJson("/api/v1/me/password", session, csrf,
                "{\"current\":\"not-the-password\",\"password\":\"kya-password-02\"}").statusCode());
        HttpResponse<String> changed = server.postJson("/api/v1/me/password", session, csrf,
                "{\"current\":\"kya-password-01\",\"password\":\"kya-password-02\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        String renewed = cookie(changed);
        assertEquals(200, me(renewed), "the session that changed the password goes on with a new cookie");
        assertEquals(401, me(session), "the old cookie does not");
        assertEquals(303, server.postLogin("head-kya-01", "kya-password-02").statusCode());

        String federal = server.login("federal");
        String federalCsrf = server.csrfOf(federal, "/regions");
        assertEquals(403, server.get("/api/v1/admin/accounts", federal).statusCode());
        assertEquals(403, server.postJson("/api/v1/admin/accounts", federal, federalCsrf,
                "{\"username\":\"x1\",\"role\":\"federal\",\"password\":\"a-long-password-1\"}").statusCode());
        assertEquals(403, server.postJson("/api/v1/admin/accounts", admin, null,
                "{\"username\":\"x1\",\"role\":\"federal\",\"password\":\"a-long-password-1\"}").statusCode(), "no anti-CSRF token");
        assertEquals(403, server.get("/admin/accounts", federal).statusCode());
    }

    private static String cookie(HttpResponse<String> r) {
        String set = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("otklik_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + r.statusCode() + " " + r.body()));
        return set.substring(set.indexOf('=') + 1, set.indexOf(';'));
    }
}
