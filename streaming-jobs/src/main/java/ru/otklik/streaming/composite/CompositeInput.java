package ru.otklik.streaming.composite;

import java.util.List;
import ru.otklik.common.checklist.ObjectiveReport;
import ru.otklik.common.methodology.Methodology;
import ru.otklik.common.store.StreamDeadLetterRow;

/**
 * What the composite index's region stage reads, keyed by region code: one response's answers to the 1–10 items
 * ({@link Subjective}, at most one record per counted, retracted or readmitted response), an office's objective
 * report ({@code checklists.reports}), a methodology version ({@code methodology.versions}, fanned out to every
 * region), or the dead letter of a record the job cannot use. Exactly one is set.
 */
public record CompositeInput(String regionCode, Subjective subjective, ObjectiveReport report, Methodology methodology,
                             StreamDeadLetterRow deadLetter) {

    /**
     * One response's change to its office's month: {@code sign} +1 (counted, readmitted) or −1 (retracted), and its
     * answers to 1–10 items ({@code positive} 1 when the score is 8 or more).
     *
     * @param month the calendar month ({@code 2026-11}) of the response's clientTs in the region's local time
     */
    public record Subjective(String officeCode, String month, long clientTsMillis, int sign, List<Answered> answers) {
        public Subjective {
            answers = List.copyOf(answers);
        }
    }

    /** One answered 1–10 item of a response. */
    public record Answered(String questionId, boolean positive) {
    }

    public static CompositeInput of(String regionCode, Subjective s) {
        return new CompositeInput(regionCode, s, null, null, null);
    }

    public static CompositeInput of(ObjectiveReport r) {
        return new CompositeInput(r.regionCode(), null, r, null, null);
    }

    public static CompositeInput of(String regionCode, Methodology m) {
        return new CompositeInput(regionCode, null, null, m, null);
    }

    public static CompositeInput dead(StreamDeadLetterRow d) {
        return new CompositeInput("", null, null, null, d);
    }

    public boolean isValid() {
        return deadLetter == null;
    }
}
