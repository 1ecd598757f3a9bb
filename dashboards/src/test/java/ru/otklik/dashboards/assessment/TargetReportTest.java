package ru.otklik.dashboards.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.GroupFigures;
import ru.otklik.common.assessment.RaterRole;

class TargetReportTest {

    private static final Map<String, RaterRole> ROLES = RaterRole.builtIn().stream()
            .collect(Collectors.toMap(RaterRole::code, Function.identity()));
    private static final CompetencyModel MODEL = CompetencyTemplate.parse("m",
            TabularFile.read("t.csv", CompetencyTemplateTest.template()), ROLES.keySet());

    private static TargetReport.ItemRow row(String competency, String indicator, String group, int... points) {
        long above = java.util.Arrays.stream(points).filter(p -> p * 10 > 45).count();
        long below = java.util.Arrays.stream(points).filter(p -> p * 10 < 40).count();
        Long[] dist = new Long[6];
        java.util.Arrays.fill(dist, 0L);
        java.util.Arrays.stream(points).forEach(p -> dist[p]++);
        return new TargetReport.ItemRow(competency, indicator, new GroupFigures(group, points.length,
                java.util.Arrays.stream(points).sum(), above, below, indicator.isEmpty() ? List.of() : List.of(dist)));
    }

    private static TargetReport report() {
        List<TargetReport.ItemRow> rows = List.of(
                row("c1", "c1.listens", "self", 5), row("c1", "c1.listens", "manager", 5),
                row("c1", "c1.listens", "subordinate", 5, 5, 5), row("c1", "c1.listens", "peer", 1, 2),
                row("c1", "", "self", 5), row("c1", "", "manager", 5), row("c1", "", "subordinate", 5, 5, 5),
                row("c1", "", "peer", 1, 2));
        List<TargetReport.CommentRow> comments = List.of(
                new TargetReport.CommentRow("c1.listens", "subordinate", "Всегда выслушивает до конца"),
                new TargetReport.CommentRow("c1.listens", "peer", "Перебивает на планёрках"),
                new TargetReport.CommentRow("c1.listens", "manager", "Образец для отдела"));
        return TargetReport.build("s1", "Петров Пётр", MODEL, rows, comments,
                Map.of("self", 1L, "manager", 1L, "subordinate", 3L, "peer", 2L), ROLES, "ru");
    }

    @Test
    void aGroupBelowItsThresholdIsShownNowhereNotEvenInsideOthersWhenItWouldBeRecoverable() {
        TargetReport r = report();
        TargetReport.ItemLine listens = r.competencies().get(0).indicators().get(0);
        assertEquals(List.of("self", "manager", "subordinate"), listens.figures().stream().map(TargetReport.Figure::group).toList());
        assertEquals(2, listens.withheld());
        assertEquals(4, listens.others().raters(), "manager + 3 subordinates; the two peers are withheld");
        assertEquals(5.0, listens.others().average(), 1e-12);
        // without the peers everyone counted is above 4.5: the class says nothing about the withheld answers
        assertEquals(List.of("obvious_strength"), listens.classes());
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 5L), listens.counts(), "the distribution leaves the peers out too");
        assertEquals(List.of("subordinate", "manager"), listens.comments().stream().map(TargetReport.Comment::group).toList(),
                "the peers' comment is not shown: two peers are fewer than the comment threshold of 3");
        TargetReport.ItemLine explains = r.competencies().get(0).indicators().get(1);
        assertNull(explains.others());
        assertTrue(explains.classes().isEmpty());
    }

    @Test
    void theCsvCarriesExactlyWhatThePageShowsWithABomForExcel() {
        String csv = ru.otklik.dashboards.web.AssessmentCsvAccess.csv(report());
        assertTrue(csv.startsWith("\uFEFFcompetency;indicator;"), csv);
        assertFalse(csv.contains(";peer;"), "no line of the withheld group: " + csv);
        assertFalse(csv.contains("Перебивает"), csv);
        assertTrue(csv.contains("c1;c1.listens;Выслушивает клиента;others;4;5,00;obvious_strength;2;;;5: 5 (100 %)\r\n"), csv);
        assertTrue(csv.contains("c1.listens;manager;Образец для отдела"), csv);
        assertTrue(csv.getBytes(StandardCharsets.UTF_8).length > csv.length(), "UTF-8 (Cyrillic takes two bytes)");
    }

    @Test
    void smallGroupsTogetherAtTheThresholdLendTheirCommentsToOthers() {
        TargetReport r = TargetReport.build("s1", "П", MODEL, List.of(), List.of(
                        new TargetReport.CommentRow("c1.listens", "peer", "Хорошо объясняет"),
                        new TargetReport.CommentRow("c1.listens", "subordinate", "Помогает")),
                Map.of("peer", 2L, "subordinate", 1L), ROLES, "ru");
        assertEquals(List.of(new TargetReport.Comment("others", "Хорошо объясняет"),
                new TargetReport.Comment("others", "Помогает")), r.competencies().get(0).indicators().get(0).comments());
    }

    @Test
    void aReportIsComparedWithThePreviousSessionOnOthersAfterTheMerge() {
        TargetReport before = TargetReport.build("s0", "Петров Пётр", MODEL, List.of(
                        row("c1", "c1.listens", "manager", 4), row("c1", "c1.listens", "subordinate", 4, 4, 4),
                        row("c1", "c1.explains", "manager", 5), row("c1", "", "manager", 5)),
                List.of(), Map.of(), ROLES, "ru");
        TargetReport compared = report().comparedWith(before);
        assertEquals("s0", compared.previousSessionId());
        TargetReport.ItemLine listens = compared.competencies().get(0).indicators().get(0);
        assertEquals(4.0, listens.previousOthers(), 1e-12);
        assertEquals("better", listens.change(), "5.00 now against 4.00 then");
        TargetReport.ItemLine explains = compared.competencies().get(0).indicators().get(1);
        assertNull(explains.change(), "nothing to compare: no figures this time");
        assertEquals("same", compared.competencies().get(0).competency().change(), "5.00 against 5.00");
        String csv = ru.otklik.dashboards.web.AssessmentCsvAccess.csv(compared);
        assertTrue(csv.contains("c1;c1.listens;Выслушивает клиента;others;4;5,00;obvious_strength;2;4,00;better;5: 5 (100 %)\r\n"), csv);
    }
}
