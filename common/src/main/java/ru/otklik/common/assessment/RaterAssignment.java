package ru.otklik.common.assessment;

/** One line of a session's interaction matrix: this rater assesses this target in this role. */
public record RaterAssignment(String raterKey, String targetId, String roleCode) {
}
