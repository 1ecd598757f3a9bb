package ru.otklik.common.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ru.otklik.common.response.EventJson;
import ru.otklik.common.survey.LocalizedText;

class CompetencyModelTest {

    static CompetencyModel model() {
        Indicator listens = new Indicator("c1.listens", new LocalizedText("Выслушивает клиента", "Listens"), Set.of());
        Indicator plans = new Indicator("c1.plans", new LocalizedText("Планирует работу отдела", "Plans"),
                Set.of(RaterRole.MANAGER, RaterRole.SELF));
        Competency client = new Competency("c1", new LocalizedText("Клиентоориентированность", "Client focus"),
                List.of(listens, plans));
        return new CompetencyModel("Модель 2026", List.of(new CompetencyGroup("g1",
                new LocalizedText("Работа с клиентом", "Working with clients"), List.of(client))),
                AnswerScale.zeroToFive(),
                List.of(new ExtraQuestion("x.advice", new LocalizedText("Что посоветуете?", "Advice?"), false)));
    }

    @Test
    void aModelAndASubmissionTravelAsJsonUnchanged() {
        CompetencyModel model = model();
        assertEquals(model, EventJson.fromBytes(EventJson.toBytes(model), CompetencyModel.class));
        RaterSubmission s = new RaterSubmission(RaterSubmission.idOf("s1", "t1", "k1"), "s1", "t1", "k1", "peer", 3, 5,
                Instant.parse("2026-12-01T10:00:00Z"),
                List.of(new IndicatorAnswer("c1.listens", "c1", "p4", 4, "Всегда вежлив"),
                        new IndicatorAnswer("c1.plans", "c1", "cannot-judge", null, null)),
                List.of(new ExtraAnswer("x.advice", "Больше практики")));
        RaterSubmission back = EventJson.fromBytes(EventJson.toBytes(s), RaterSubmission.class);
        assertEquals(s, back);
        assertFalse(back.answers().get(1).counted());
    }

    @Test
    void theDefaultScaleIsZeroToFiveWithCannotJudge() {
        AnswerScale scale = AnswerScale.zeroToFive();
        assertEquals(5, scale.max());
        assertTrue(scale.option("cannot-judge").orElseThrow().cannotJudge());
        assertEquals(0, scale.option("p0").orElseThrow().points());
    }

    @Test
    void aModelRefusesDuplicateCodesAndAScaleDuplicatePoints() {
        Indicator i = new Indicator("dup", new LocalizedText("Текст", null), Set.of());
        Competency c = new Competency("dup", new LocalizedText("К", null), List.of(i));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CompetencyModel("m",
                List.of(new CompetencyGroup("g", new LocalizedText("Г", null), List.of(c))), AnswerScale.zeroToFive(), null));
        assertTrue(e.getMessage().contains("dup"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AnswerScale(List.of(
                new AnswerOption("a", new LocalizedText("А", null), 0, false, false),
                new AnswerOption("b", new LocalizedText("Б", null), 0, false, false))));
    }

    @Test
    void thresholdsScaleWithTheMaximumAndAnExactBoundaryIsNotAbove() {
        // 0..5: 4.5 is not above 4.5; 4.6 is
        assertFalse(Classification360.aboveStrength(9, 2, 5));
        assertTrue(Classification360.aboveStrength(23, 5, 5));
        // 0..10: 9 is 90 %, so 9.0 is not above and 9.5 is
        assertFalse(Classification360.aboveStrength(9, 1, 10));
        assertTrue(Classification360.aboveStrength(19, 2, 10));
        // below 4 on 0..5 = below 80 %: 4 is not below, 3.9 is
        assertFalse(Classification360.belowNeed(4, 1, 5));
        assertTrue(Classification360.belowNeed(39, 10, 5));
        assertFalse(Classification360.belowNeed(0, 0, 5)); // no answers, no class
        assertEquals(1.0, Classification360.gap(10), 1e-12);
    }
}
