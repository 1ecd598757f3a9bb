package ru.otklik.common.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where every Otklik service reads its settings, with one precedence rule everywhere: an
 * environment variable (if set and not blank) wins over the properties file, which wins over the
 * default. A value that does not parse fails at start with a message naming the setting, its
 * variable and what was expected, e.g. {@code ingest config: port (OTKLIK_INGEST_PORT) must be
 * a whole number 0..65535, got "80a"}. Secret settings never echo their value.
 */
public final class Settings {

    private final String service;
    private final Properties file;
    private final Map<String, String> env;

    private Settings(String service, Properties file, Map<String, String> env) {
        this.service = service;
        this.file = file;
        this.env = env;
    }

    /**
     * The settings of {@code service} (used in messages, e.g. "ingest"): the properties file named by
     * the environment variable {@code fileVariable}, if it is set, under the environment.
     */
    public static Settings from(String service, Map<String, String> env, String fileVariable) {
        Properties p = new Properties();
        String path = env.get(fileVariable);
        if (path != null && !path.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(path.trim()))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(service + " config: cannot read " + fileVariable + "=" + path, e);
            }
        }
        return new Settings(service, p, env);
    }

    /** Settings from an already loaded properties file and the environment (tests, embedded use). */
    public static Settings of(String service, Properties file, Map<String, String> env) {
        return new Settings(service, file, env);
    }

    /** The raw value by the precedence rule, or the fallback ({@code null} allowed). */
    public String raw(String key, String variable, String fallback) {
        String fromEnv = variable == null ? null : env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        String fromFile = file.getProperty(key);
        if (fromFile != null && !fromFile.isBlank()) {
            return fromFile.trim();
        }
        return fallback;
    }

    /** A typed value; the parser throws {@link IllegalArgumentException} with what it expected. */
    public <T> T get(String key, String variable, String fallback, SettingParser<T> parser) {
        String value = raw(key, variable, fallback);
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid(key, variable, e.getMessage() + ", got \"" + value + "\"");
        }
    }

    /** Like {@link #get} for passwords, keys and tokens: the message never contains the value. */
    public <T> T secret(String key, String variable, String fallback, SettingParser<T> parser) {
        String value = raw(key, variable, fallback);
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, variable, e.getMessage() + " (value not shown)");
        }
    }

    public String text(String key, String variable, String fallback) {
        return raw(key, variable, fallback);
    }

    public Optional<String> optional(String key, String variable) {
        return Optional.ofNullable(raw(key, variable, null));
    }

    public int integer(String key, String variable, int fallback, int min, int max) {
        return get(key, variable, Integer.toString(fallback), SettingParser.integer(min, max));
    }

    public long longValue(String key, String variable, long fallback, long min, long max) {
        return get(key, variable, Long.toString(fallback), SettingParser.longValue(min, max));
    }

    public double decimal(String key, String variable, double fallback, double min, double max) {
        return get(key, variable, Double.toString(fallback), SettingParser.decimal(min, max));
    }

    public int port(String key, String variable, int fallback) {
        return integer(key, variable, fallback, 0, 65_535);
    }

    public Duration duration(String key, String variable, String fallback) {
        return get(key, variable, fallback, SettingParser.DURATION);
    }

    /** A duration within bounds, e.g. a timeout that must be positive. */
    public Duration duration(String key, String variable, String fallback, Duration min, Duration max) {
        return get(key, variable, fallback, SettingParser.duration(min, max));
    }

    public boolean flag(String key, String variable, boolean fallback) {
        return get(key, variable, Boolean.toString(fallback), SettingParser.FLAG);
    }

    public <E extends Enum<E>> E choice(String key, String variable, E fallback, Class<E> type) {
        return get(key, variable, fallback.name().toLowerCase(java.util.Locale.ROOT), SettingParser.choice(type));
    }

    /** The error for a value that parses but does not fit with the others, naming the setting. */
    public IllegalArgumentException invalid(String key, String variable, String problem) {
        return new IllegalArgumentException(service + " config: " + key
                + (variable == null ? "" : " (" + variable + ")") + " " + problem);
    }
}
