package ru.otklik.dashboards.access;

import ru.otklik.common.config.Settings;

/**
 * Single sign-on through an authenticating proxy in front of the dashboards (OIDC: oauth2-proxy, Keycloak
 * Gatekeeper or a corporate gateway): the proxy signs the user in with the identity provider and passes the user's
 * name in a header; {@code GET /login/sso} believes that header only from a trusted proxy's address and only for an
 * account that exists and is enabled here, then starts the same session a password login does (roles, scope, CSRF,
 * session epoch: all unchanged). Off unless the header is named.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>sso.user-header</td><td>OTKLIK_SSO_USER_HEADER</td><td>empty: off; e.g. {@code X-Forwarded-Preferred-Username}
 * (oauth2-proxy with {@code --set-xauthrequest}); needs {@code OTKLIK_TRUSTED_PROXIES}</td></tr>
 * </table>
 *
 * @param userHeader the header carrying the signed-in user's name, or null when single sign-on is off
 */
public record SsoSettings(String userHeader) {

    public SsoSettings {
        if (userHeader != null && !userHeader.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("the user header must be a header name (letters, digits, '-'), got "
                    + userHeader);
        }
    }

    public static SsoSettings off() {
        return new SsoSettings(null);
    }

    public boolean on() {
        return userHeader != null;
    }

    public static SsoSettings from(Settings s) {
        return new SsoSettings(s.get("sso.user-header", "OTKLIK_SSO_USER_HEADER", "",
                text -> text == null || text.isBlank() ? null : new SsoSettings(text.strip()).userHeader()));
    }
}
