package ru.otklik.dashboards.comments;

import java.util.List;

/**
 * One page of comments, newest first. {@code older}: the cursor of the next page down, null at the end of the list;
 * {@code newer}: the cursor of the page above, null on the first page (new comments are seen by opening it again).
 */
public record CommentPage(List<RespondentComment> comments, CommentCursor older, CommentCursor newer) {
}
