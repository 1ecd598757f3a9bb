package ru.otklik.dashboards.comments;

import java.time.Instant;
import java.util.List;

/**
 * What a respondent wrote, when ({@code client_ts}), in which form, audience, channel and office, with the item scores
 * of the same response in questionnaire order. Deliberately nothing that reaches a person: no response id, employee,
 * contact, device or network trace ({@link RespondentComments} never selects them); {@code position} is the opaque
 * place of the comment in the list, for the pager.
 */
public record RespondentComment(Instant at, String surveyId, String audience, String channel, String officeCode,
                                String text, List<ItemScore> scores, CommentCursor position) {
}
