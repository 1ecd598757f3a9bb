package ru.otklik.common.store;

/**
 * One row of a clean table ({@code indicator_window_clean}, {@code response_window_clean},
 * {@code indicator_history_clean}): the figures of {@code row} counted without the responses under an
 * open or confirmed fraud flag, and how many answers (responses, for {@code response_window_clean})
 * were left out. A clean row exists only where exclusions ever touched the item; {@code excluded = 0}
 * says the clean figure is the raw one again (a dismissal or the excluded answers left the window),
 * so readers take the raw row then.
 *
 * @param <R> the raw table's row type
 */
public record CleanRow<R>(R row, long excluded) {
}
