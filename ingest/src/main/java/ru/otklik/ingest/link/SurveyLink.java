package ru.otklik.ingest.link;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * What a survey link grants: one questionnaire for one office (and optionally one touchpoint or
 * employee) until {@code expiresAt}. The respondent never chooses the office; it comes from here.
 *
 * @param linkId random 128-bit id (base64url), the key for single-use tracking
 * @param regionCode derived from the office directory when the link is issued
 * @param touchpointId optional, null when absent
 * @param employeeId optional, null when absent
 * @param singleUse handed out after one service (true) or printed on a desk (false)
 */
public record SurveyLink(
        String linkId,
        String regionCode,
        String officeCode,
        String touchpointId,
        String employeeId,
        String surveyId,
        int surveyVersion,
        boolean singleUse,
        Instant expiresAt) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public SurveyLink {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(regionCode, "regionCode");
        Objects.requireNonNull(officeCode, "officeCode");
        Objects.requireNonNull(surveyId, "surveyId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        // the token carries whole seconds; keeping the record at that precision makes round trips exact
        expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
    }

    /** A fresh, unguessable link id: 16 random bytes, base64url without padding (22 characters). */
    public static String newLinkId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
