package ru.otklik.ingest.link;

import java.util.Optional;

/**
 * Which single-use links have been spent, and by which response. The web questionnaire calls
 * {@link #markUsed(String, String)} once Kafka acknowledged the response; the first call wins.
 * Knowing the winning response id lets a retry of that same response be told apart from a
 * second respondent.
 */
public interface UsedLinks {

    /** Records the link as used by {@code responseId}; false when it already was (by any response). */
    boolean markUsed(String linkId, String responseId);

    /** The response that spent the link, if any. */
    Optional<String> usedBy(String linkId);

    /** Records the link as used without naming a response. */
    default boolean markUsed(String linkId) {
        return markUsed(linkId, "");
    }

    default boolean isUsed(String linkId) {
        return usedBy(linkId).isPresent();
    }
}
