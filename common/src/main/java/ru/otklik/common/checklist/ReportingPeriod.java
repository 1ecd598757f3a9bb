package ru.otklik.common.checklist;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A methodology period (domain §7, §9): a calendar month ({@code 2026-11}), quarter ({@code 2026-Q4}, the
 * default) or year ({@code 2026}), in the office's local dates. Checklists are submitted for one, and the composite
 * index is computed per one.
 *
 * @param end the first day after the period
 */
public record ReportingPeriod(Kind kind, String code, LocalDate start, LocalDate end) {

    public enum Kind {
        MONTH, QUARTER, YEAR;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromCode(String code) {
            for (Kind k : values()) {
                if (k.code().equals(code)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("period must be month, quarter or year, got " + code);
        }
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    /** The period of {@code kind} holding {@code date}. */
    public static ReportingPeriod of(Kind kind, LocalDate date) {
        return switch (kind) {
            case MONTH -> month(date.getYear(), date.getMonthValue());
            case QUARTER -> quarter(date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
            case YEAR -> year(date.getYear());
        };
    }

    /** Parses a period code; an unknown spelling is refused with the accepted ones named. */
    public static ReportingPeriod parse(String code) {
        Matcher m;
        if (code != null && (m = QUARTER.matcher(code)).matches()) {
            return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if (code != null && (m = MONTH.matcher(code)).matches()) {
            return month(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if (code != null && YEAR.matcher(code).matches()) {
            return year(Integer.parseInt(code));
        }
        throw new IllegalArgumentException("period must look like 2026-Q4, 2026-11 or 2026, got " + code);
    }

    public static boolean isCode(String code) {
        try {
            parse(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }

    /** The period just before this one, of the same kind. */
    public ReportingPeriod previous() {
        return of(kind, start.minusDays(1));
    }

    private static ReportingPeriod quarter(int year, int q) {
        LocalDate start = LocalDate.of(year, (q - 1) * 3 + 1, 1);
        return new ReportingPeriod(Kind.QUARTER, year + "-Q" + q, start, start.plusMonths(3));
    }

    private static ReportingPeriod month(int year, int month) {
        LocalDate start = LocalDate.of(year, month, 1);
        return new ReportingPeriod(Kind.MONTH, String.format(Locale.ROOT, "%04d-%02d", year, month), start,
                start.plusMonths(1));
    }

    private static ReportingPeriod year(int year) {
        LocalDate start = LocalDate.of(year, 1, 1);
        return new ReportingPeriod(Kind.YEAR, Integer.toString(year), start, start.plusYears(1));
    }
}
