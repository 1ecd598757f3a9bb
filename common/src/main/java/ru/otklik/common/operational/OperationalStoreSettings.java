package ru.otklik.common.operational;

import ru.otklik.common.config.SettingParser;
import ru.otklik.common.config.Settings;

/**
 * Where the operational store (PostgreSQL) is, the same settings for every service that uses it.
 *
 * <table>
 * <caption>settings</caption>
 * <tr><th>property</th><th>environment</th><th>default</th></tr>
 * <tr><td>postgres.url</td><td>OTKLIK_POSTGRES_URL</td><td>none (jdbc:postgresql://host:port/db)</td></tr>
 * <tr><td>postgres.user</td><td>OTKLIK_POSTGRES_USER</td><td>otklik</td></tr>
 * <tr><td>postgres.password</td><td>OTKLIK_POSTGRES_PASSWORD</td><td>empty (the local cluster trusts loopback)</td></tr>
 * <tr><td>postgres.pool-size</td><td>OTKLIK_POSTGRES_POOL_SIZE</td><td>4</td></tr>
 * </table>
 *
 * @param url null when there is no store
 */
public record OperationalStoreSettings(String url, String user, String password, int poolSize) {

    public OperationalStoreSettings {
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("the operational store's URL must start with jdbc:postgresql://");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    public static OperationalStoreSettings from(Settings s) {
        String url = s.text("postgres.url", "OTKLIK_POSTGRES_URL", "");
        return new OperationalStoreSettings(url == null || url.isBlank() ? null : url.strip(),
                s.get("postgres.user", "OTKLIK_POSTGRES_USER", "otklik", SettingParser.REQUIRED_TEXT),
                s.secret("postgres.password", "OTKLIK_POSTGRES_PASSWORD", "", text -> text == null ? "" : text),
                s.integer("postgres.pool-size", "OTKLIK_POSTGRES_POOL_SIZE", 4, 1, 64));
    }

    /** No store. */
    public static OperationalStoreSettings none() {
        return new OperationalStoreSettings(null, "otklik", "", 4);
    }

    public boolean configured() {
        return url != null;
    }

    public OperationalStoreSettings at(String newUrl, String newUser) {
        return new OperationalStoreSettings(newUrl, newUser, password, poolSize);
    }

    /** For logs: the password never. */
    @Override
    public String toString() {
        return "OperationalStoreSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
