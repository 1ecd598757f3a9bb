package ru.otklik.dashboards.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ru.otklik.common.assessment.CompetencyModel;

class CompetencyTemplateTest {

    private static final Set<String> ROLES = Set.of("self", "manager", "peer", "subordinate");

    static byte[] template() {
        return ("group_code,group_name,group_name_en,competency_code,competency_name,indicator_code,indicator_text,roles,kind\n"
                + "g1,Работа с клиентом,Working with clients,c1,Клиентоориентированность,c1.listens,Выслушивает клиента,,\n"
                + "g1,Работа с клиентом,Working with clients,c1,Клиентоориентированность,c1.explains,Объясняет решения,,\n"
                + "g1,Работа с клиентом,Working with clients,c2,Надёжность,c2.deadlines,Соблюдает сроки,,\n"
                + "g2,Управление,Management,c3,Руководство,c3.plans,Планирует работу отдела,self manager subordinate,\n"
                + ",,,,,x.advice,Что бы вы посоветовали?,,extra\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTemplateBecomesGroupsCompetenciesIndicatorsAndExtraQuestions() {
        CompetencyModel m = CompetencyTemplate.parse("Модель", TabularFile.read("t.csv", template()), ROLES);
        assertEquals(List.of("g1", "g2"), m.groups().stream().map(g -> g.code()).toList());
        assertEquals(List.of("c1", "c2", "c3"), m.competencies().stream().map(c -> c.code()).toList());
        assertEquals(2, m.competencies().get(0).indicators().size());
        assertEquals(Set.of("self", "manager", "subordinate"), m.indicatorsByCode().get("c3.plans").roles());
        assertTrue(m.indicatorsByCode().get("c1.listens").askedOf("peer"));
        assertEquals("Working with clients", m.groups().get(0).name().en());
        assertEquals(List.of("x.advice"), m.extraQuestions().stream().map(q -> q.code()).toList());
        assertEquals(5, m.scale().max());
    }

    @Test
    void problemsAreReportedByRowAndColumn() {
        byte[] bad = ("group_code,group_name,competency_code,competency_name,indicator_code,indicator_text,roles\n"
                + "g1,Г,c1,К,i1,Текст,peer\n"
                + "g1,Г,c1,К,i1,Снова,\n"
                + "g2,Г2,c1,К,i2,Текст,\n"
                + "g1,Г,c2,К2,i3,,\n"
                + "g1,Г,c2,К2,i4,Текст,boss\n").getBytes(StandardCharsets.UTF_8);
        ImportRefused e = assertThrows(ImportRefused.class, () -> CompetencyTemplate.parse("m", TabularFile.read("t.csv", bad), ROLES));
        List<ImportProblem> p = e.problems();
        assertEquals(4, p.size(), p.toString());
        assertEquals(new ImportProblem(3, "indicator_code", "used twice"), p.get(0));
        assertEquals(new ImportProblem(4, "group_code", "competency c1 is in group g1 on an earlier row"), p.get(1));
        assertEquals(new ImportProblem(5, "indicator_text", "required"), p.get(2));
        assertEquals(new ImportProblem(6, "roles", "unknown role boss (known: " + ROLES + ")"), p.get(3));
    }
}
