package ru.otklik.dashboards.live;

import java.util.Optional;
import java.util.regex.Pattern;
import ru.otklik.common.indicator.ScopeLevel;

/**
 * The place a live page shows, as its stream names it: {@code office:BRY-01}, {@code region:BRY} or
 * {@code federal}, the three pages there are ({@code /offices/{code}}, {@code /regions/{code}}, {@code /regions}).
 * Parsing checks only the form; whether the code exists and the viewer may see it is the API's access rule.
 */
public record LiveScope(ScopeLevel level, String code) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public LiveScope {
        if (level != ScopeLevel.OFFICE && level != ScopeLevel.REGION && level != ScopeLevel.FEDERAL) {
            throw new IllegalArgumentException("a live scope is an office, a region or federal, got " + level);
        }
        if (level == ScopeLevel.FEDERAL) {
            code = ScopeLevel.FEDERAL_CODE;
        } else if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a code: " + code);
        }
    }

    public static LiveScope office(String code) {
        return new LiveScope(ScopeLevel.OFFICE, code);
    }

    public static LiveScope region(String code) {
        return new LiveScope(ScopeLevel.REGION, code);
    }

    public static LiveScope federal() {
        return new LiveScope(ScopeLevel.FEDERAL, ScopeLevel.FEDERAL_CODE);
    }

    /** {@code office:CODE}, {@code region:CODE}, {@code federal}; empty for anything else. */
    public static Optional<LiveScope> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.equals("federal")) {
            return Optional.of(federal());
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String kind = text.substring(0, colon);
        String code = text.substring(colon + 1);
        if (!CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        return switch (kind) {
            case "office" -> Optional.of(office(code));
            case "region" -> Optional.of(region(code));
            default -> Optional.empty();
        };
    }

    /** The form {@link #parse} reads. */
    public String text() {
        return level == ScopeLevel.FEDERAL ? "federal" : level.code() + ":" + code;
    }

    @Override
    public String toString() {
        return text();
    }
}
