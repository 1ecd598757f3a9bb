package ru.otklik.streaming.alert.internal;

import java.util.TreeSet;

/** The state of one reused link's flag: who it is, when the attempts came, from how many addresses (hashes). */
public final class ReusedLink {
    public final String alertId;
    public final String regionCode;
    public final String officeCode;
    public final String surveyId;
    public final String firstResponseId;
    public final long first;
    public long last;
    public int attempts;
    /** Distinct address hashes of the attempts, at most {@link #MAX_ADDRESSES} kept (the count is the evidence). */
    public final TreeSet<String> addresses = new TreeSet<>();
    public static final int MAX_ADDRESSES = 50;

    public ReusedLink(String alertId, String regionCode, String officeCode, String surveyId, String firstResponseId,
                      long first) {
        this.alertId = alertId;
        this.regionCode = regionCode;
        this.officeCode = officeCode;
        this.surveyId = surveyId;
        this.firstResponseId = firstResponseId;
        this.first = first;
        this.last = first;
    }

    /** Counts one more address, up to {@link #MAX_ADDRESSES}: a link shared round a town must not grow without end. */
    public void addAddress(String hash) {
        if (addresses.size() < MAX_ADDRESSES) {
            addresses.add(hash);
        }
    }
}
