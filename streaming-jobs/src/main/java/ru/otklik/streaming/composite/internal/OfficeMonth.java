package ru.otklik.streaming.composite.internal;

import java.util.Map;
import java.util.TreeMap;
import ru.otklik.common.methodology.CompositeIndex;

/** One office's clean answers to the 1–10 items in one local calendar month: question id → positive, answered. */
public final class OfficeMonth {
    public final TreeMap<String, long[]> counts = new TreeMap<>();

    public void add(String question, int positive, int answered) {
        long[] c = counts.computeIfAbsent(question, k -> new long[2]);
        c[0] += positive;
        c[1] += answered;
    }

    /** Adds this month's counts to {@code into}. */
    public void addTo(Map<String, CompositeIndex.SubjectiveCounts> into) {
        counts.forEach((q, c) -> into.merge(q, new CompositeIndex.SubjectiveCounts(c[0], c[1]),
                CompositeIndex.SubjectiveCounts::plus));
    }
}
