package ru.otklik.dashboards.comments;

/**
 * One scored answer of the response a comment came with. {@code low}: below a positive answer on the 1–10 agreement
 * scale (under {@code Indicators.POSITIVE_FROM}) or a detractor's NPS (0–6); other item types are never marked.
 */
public record ItemScore(String questionId, int score, boolean low) {
}
