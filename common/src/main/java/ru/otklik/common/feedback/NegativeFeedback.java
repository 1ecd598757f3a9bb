package ru.otklik.common.feedback;

import java.time.Instant;
import java.util.List;

/**
 * A counted response that opens a case (domain §8, "negative feedback is a resource"): it came with a
 * comment and at least one low score ({@link LowScoreRule}). The streaming job publishes one to Kafka
 * topic {@code feedback.negative} for every such response it counts, keyed by office; the dashboards open
 * a case for the office head. The comment itself is not repeated here: it stays in {@code otklik.responses}
 * and the case page reads it from there by {@code responseId}.
 *
 * @param lowItems the question ids whose answers were low, in the survey's order
 */
public record NegativeFeedback(String responseId, String surveyId, String channel, String audience,
                               String regionCode, String officeCode, String touchpointId, String employeeId,
                               Instant clientTs, Instant receivedTs, List<String> lowItems) {

    public NegativeFeedback {
        lowItems = List.copyOf(lowItems);
    }
}
