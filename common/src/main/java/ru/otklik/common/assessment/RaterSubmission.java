package ru.otklik.common.assessment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * One rater's final answers about one target in one session, as it travels through Kafka topic
 * {@code assessment.answers} (keyed by session id) from ingest to the streaming job. Final: a rater submits
 * once per target ({@link #submissionId} is deterministic, so a retry or a replay is the same submission and is
 * counted once).
 *
 * @param targetId     the assessed employee's pseudonym
 * @param raterKey     the rater's opaque key in this session (never written to ClickHouse)
 * @param roleCode     the rater's role for this target (the role group)
 * @param modelVersion the competency model version the form showed; answers to another version are discarded
 * @param scaleMax     the highest points of the model's scale
 */
public record RaterSubmission(String submissionId, String sessionId, String targetId, String raterKey,
                              String roleCode, long modelVersion, int scaleMax, Instant submittedAt,
                              List<IndicatorAnswer> answers, List<ExtraAnswer> extraAnswers) {

    public RaterSubmission {
        answers = answers == null ? List.of() : List.copyOf(answers);
        extraAnswers = extraAnswers == null ? List.of() : List.copyOf(extraAnswers);
    }

    /** The deterministic id of a rater's submission about a target in a session. */
    public static String idOf(String sessionId, String targetId, String raterKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((sessionId + '\n' + targetId + '\n' + raterKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
