package ru.otklik.ingest.questionnaire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The questionnaire responses this process is publishing or has published, by link and response
 * id, so that a double tap, a retry or a resubmission after the browser's Back button joins the
 * first publication instead of writing a second record. A failed publication is forgotten, so the
 * retry publishes again. Bounded: the oldest are dropped first (downstream deduplicates by
 * response id anyway; this only keeps the topic clean of the common cases).
 */
final class RecentSubmissions {

    /** The acknowledgement to wait for, and whether the caller must do the publishing. */
    record Claim(CompletableFuture<Void> acknowledged, boolean mine) {
    }

    private final Map<String, CompletableFuture<Void>> byKey;

    RecentSubmissions(int capacity) {
        this.byKey = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Claim claim(String linkId, String responseId) {
        String key = key(linkId, responseId);
        CompletableFuture<Void> existing = byKey.get(key);
        if (existing != null) {
            return new Claim(existing, false);
        }
        CompletableFuture<Void> fresh = new CompletableFuture<>();
        byKey.put(key, fresh);
        return new Claim(fresh, true);
    }

    synchronized boolean isAcknowledged(String linkId, String responseId) {
        CompletableFuture<Void> f = byKey.get(key(linkId, responseId));
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    synchronized void forget(String linkId, String responseId, CompletableFuture<Void> claim) {
        byKey.remove(key(linkId, responseId), claim);
    }

    // per link: a response id seen on one link says nothing about another link
    private static String key(String linkId, String responseId) {
        return linkId + "/" + responseId;
    }
}
