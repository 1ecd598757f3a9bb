package ru.otklik.streaming.assessment.internal;

import java.util.TreeMap;

/**
 * A 360 session as the stage knows it: its latest assignments event (the highest {@code version}; -1 before any)
 * with the interaction matrix per target, and how many submissions it counts per target (for the session's
 * completion row). Sorted maps: every row the stage derives from them comes out the same in every run.
 */
public final class SessionState {
    /** The assignments' version; -1: none seen yet (submissions wait). */
    public long version = -1;
    public String status = "";
    public long modelVersion;
    public long deadlineTs;
    /** target id to (rater key to role code). */
    public final TreeMap<String, TreeMap<String, String>> assignments = new TreeMap<>();
    /** target id to the counted submissions about it whose rater is assigned to it. */
    public final TreeMap<String, Long> submittedByTarget = new TreeMap<>();
    /** Submissions counted in the session (those of its current model version). */
    public long counted;

    public boolean known() {
        return version >= 0;
    }

    public long submitted() {
        long n = 0;
        for (long v : submittedByTarget.values()) {
            n += v;
        }
        return n;
    }

    public long expected() {
        long n = 0;
        for (TreeMap<String, String> raters : assignments.values()) {
            n += raters.size();
        }
        return n;
    }
}
