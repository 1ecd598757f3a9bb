package ru.otklik.common.link;

import java.time.Instant;

/**
 * A single-use survey link answered again (domain §8: "a single-use link used twice"). Ingest refuses the
 * second form (409, nothing counted) and publishes this to Kafka topic {@code links.reused}, keyed by office;
 * the streaming job flags the link ({@code link_reused}). The addresses are salted hashes, as on every response.
 *
 * @param firstResponseId the response that spent the link
 * @param attemptId       the refused form's own response id (null if it sent none)
 */
public record LinkReuse(String linkId, String surveyId, String regionCode, String officeCode, String employeeId,
                        String firstResponseId, String attemptId, Instant attemptedAt, String ipHash,
                        String userAgentHash) {
}
