package ru.otklik.ingest.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.otklik.common.assessment.AnswerOption;
import ru.otklik.common.assessment.AnswerScale;
import ru.otklik.common.assessment.Competency;
import ru.otklik.common.assessment.CompetencyGroup;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.ExtraQuestion;
import ru.otklik.common.assessment.Indicator;
import ru.otklik.common.assessment.IndicatorAnswer;
import ru.otklik.common.assessment.RaterRole;
import ru.otklik.common.assessment.RaterSubmission;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.common.validation.Violation;

class RaterFormTest {

    /** 0..4 points, 0 asks a mandatory comment, 4 offers an optional one, and "cannot judge". */
    static CompetencyModel model() {
        AnswerScale scale = new AnswerScale(List.of(
                new AnswerOption("p0", new LocalizedText("Никогда", "Never"), 0, true, true),
                new AnswerOption("p2", new LocalizedText("Иногда", "Sometimes"), 2, false, false),
                new AnswerOption("p4", new LocalizedText("Всегда", "Always"), 4, true, false),
                new AnswerOption("na", new LocalizedText("Не могу оценить", "Cannot judge"), null, false, false)));
        Competency client = new Competency("client", new LocalizedText("Клиент", "Client"), List.of(
                new Indicator("listens", new LocalizedText("Выслушивает", "Listens"), Set.of()),
                new Indicator("plans", new LocalizedText("Планирует", "Plans"), Set.of(RaterRole.MANAGER))));
        Competency team = new Competency("team", new LocalizedText("Команда", "Team"), List.of(
                new Indicator("helps", new LocalizedText("Помогает", "Helps"), Set.of(RaterRole.PEER))));
        return new CompetencyModel("M", List.of(new CompetencyGroup("g", new LocalizedText("Г", "G"),
                List.of(client, team))), scale, List.of(
                new ExtraQuestion("advice", new LocalizedText("Совет", "Advice"), false),
                new ExtraQuestion("must", new LocalizedText("Главное", "Main"), true)));
    }

    private static RaterForm form(String role, String... pairs) {
        Map<String, List<String>> fields = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], List.of(pairs[i + 1]));
        }
        return RaterForm.of(model(), role, fields);
    }

    private static Map<String, String> rules(List<Violation> violations) {
        return violations.stream().collect(Collectors.toMap(Violation::field, Violation::rule, (a, b) -> a));
    }

    @Test
    void rolesRestrictTheIndicatorsAskedAndSubmitted() {
        assertEquals(List.of("listens", "helps"), RaterForm.asked(model(), RaterRole.PEER).values().stream()
                .flatMap(List::stream).map(Indicator::code).toList());
        assertEquals(List.of("listens", "plans"), RaterForm.asked(model(), RaterRole.MANAGER).values().stream()
                .flatMap(List::stream).map(Indicator::code).toList());

        RaterForm peer = form(RaterRole.PEER, "i.listens", "p2", "i.helps", "p2", "x.must", "да", "lang", "en");
        assertEquals(List.of(), peer.violations());
        RaterSubmission s = peer.toSubmission("s1", "ps-t", "key", 7, Instant.parse("2026-12-03T10:00:00Z"));
        assertEquals(List.of("listens", "helps"), s.answers().stream().map(IndicatorAnswer::indicatorCode).toList());
        assertEquals(List.of("client", "team"), s.answers().stream().map(IndicatorAnswer::competencyCode).toList());

        // a peer answering the manager-only indicator is refused, not silently dropped
        RaterForm intruding = form(RaterRole.PEER, "i.listens", "p2", "i.helps", "p2", "x.must", "да", "i.plans", "p2");
        assertEquals(Map.of("i.plans", "not-asked"), rules(intruding.violations()));
        // and the manager must answer it
        assertEquals("required", rules(form(RaterRole.MANAGER, "i.listens", "p2", "x.must", "да").violations())
                .get("i.plans"));
    }

    @Test
    void cannotJudgeScoresNoPointsAndTheSubmissionCarriesTheSessionsFacts() {
        // a comment with an option that takes none is refused by name, not dropped without a word
        assertEquals(Map.of("c.listens", "comment-not-asked"), rules(form(RaterRole.PEER, "i.listens", "na",
                "i.helps", "p4", "c.listens", "а это куда?", "x.must", "текст").violations()));
        RaterForm f = form(RaterRole.PEER, "i.listens", "na", "i.helps", "p4", "c.helps", "  всегда поможет ",
                "x.must", "текст");
        assertEquals(List.of(), f.violations());
        RaterSubmission s = f.toSubmission("s1", "ps-t", "key", 7, Instant.parse("2026-12-03T10:00:00Z"));
        assertEquals(RaterSubmission.idOf("s1", "ps-t", "key"), s.submissionId());
        assertEquals("ps-t", s.targetId());
        assertEquals(RaterRole.PEER, s.roleCode());
        assertEquals(7, s.modelVersion());
        assertEquals(4, s.scaleMax(), "the scale's highest points");
        IndicatorAnswer listens = s.answers().get(0);
        assertEquals("na", listens.optionCode());
        assertNull(listens.points(), "cannot judge is not zero");
        assertNull(listens.comment());
        assertEquals(4, s.answers().get(1).points());
        assertEquals("всегда поможет", s.answers().get(1).comment());
        assertEquals(1, s.extraAnswers().size(), "an unanswered optional question is left out");
        assertEquals("текст", s.extraAnswers().get(0).text());
    }

    @Test
    void aRequiredCommentAndEveryAskedIndicatorAndRequiredExtraMustBeThere() {
        Map<String, String> rules = rules(form(RaterRole.PEER, "i.listens", "p0").violations());
        assertEquals(Map.of("c.listens", "comment-required", "i.helps", "required", "x.must", "required"), rules);
        assertEquals(List.of(), form(RaterRole.PEER, "i.listens", "p0", "c.listens", "почему", "i.helps", "p2",
                "x.must", "да").violations());
        // a blank comment is no comment
        assertEquals("comment-required", rules(form(RaterRole.PEER, "i.listens", "p0", "c.listens", "   ",
                "i.helps", "p2", "x.must", "да").violations()).get("c.listens"));
    }

    @Test
    void shapeRulesBindDraftsToo() {
        assertEquals(List.of(), form(RaterRole.PEER, "i.listens", "p2").shapeViolations(), "half-filled is a draft");
        Map<String, String> rules = rules(form(RaterRole.PEER, "i.listens", "p9", "i.nope", "p2",
                "c.helps", "x".repeat(RaterForm.MAX_COMMENT_CHARS + 1), "x.advice", "y".repeat(RaterForm.MAX_EXTRA_CHARS + 1),
                "x.unknown", "z", "surprise", "1").shapeViolations());
        assertEquals(Map.of("i.listens", "option", "i.nope", "unknown-indicator", "c.helps", "max-length",
                "x.advice", "max-length", "x.unknown", "unknown-question", "surprise", "unknown-field"), rules);
        assertTrue(form(RaterRole.PEER, "c.helps", "x".repeat(RaterForm.MAX_COMMENT_CHARS)).shapeViolations().isEmpty(),
                "at the limit is fine");
        Map<String, List<String>> twice = Map.of("i.listens", List.of("p2", "p4"));
        assertEquals("single-value", RaterForm.of(model(), RaterRole.PEER, twice).shapeViolations().get(0).rule());
    }
}
