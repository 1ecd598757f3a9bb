package ru.otklik.dashboards.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import ru.otklik.common.config.Settings;

class CaseCatalogueTest {

    @Test
    void theDefaultCatalogueWeighsWhatTheOfficeControlsMore() {
        List<CaseCause> causes = CaseCause.parseCatalogue(CaseCause.DEFAULTS);
        assertEquals("waiting", causes.get(0).code());
        assertEquals("Queue and waiting", causes.get(0).title("en"));
        assertEquals("Очередь и ожидание", causes.get(0).title("ru"));
        CaseCause outside = causes.stream().filter(c -> c.code().equals("outside_office")).findFirst().orElseThrow();
        assertTrue(outside.weight().compareTo(causes.get(0).weight()) < 0);
        assertEquals("other", causes.get(causes.size() - 1).code(), "the order of the setting is the order of the pages");
    }

    @Test
    void aBadCatalogueIsRefusedSayingWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CaseCause.parseCatalogue("queue:3:Очередь"))
                .getMessage().contains("code:weight:Russian title|English title"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CaseCause.parseCatalogue("queue:heavy:Очередь|Queue"))
                .getMessage().contains("weight 'heavy' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CaseCause.parseCatalogue("queue:0:Очередь|Queue"))
                .getMessage().contains("above 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CaseCause.parseCatalogue("Queue:1:Очередь|Queue"))
                .getMessage().contains("a-z"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CaseCause.parseCatalogue("queue:1:Очередь|Queue;queue:2:Очередь|Queue")).getMessage().contains("twice"));
        assertThrows(IllegalArgumentException.class, () -> CaseCause.parseCatalogue(" ; "));
    }

    @Test
    void theSettingsNameTheSettingThatIsWrong() {
        Settings s = Settings.of("dashboards", new Properties(), Map.of("OTKLIK_CASE_CAUSES", "queue:x:a|b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CaseSettings.from(s, "alerts"));
        assertTrue(e.getMessage().contains("OTKLIK_CASE_CAUSES"), e.getMessage());
        CaseSettings custom = CaseSettings.from(Settings.of("dashboards", new Properties(),
                Map.of("OTKLIK_CASE_CAUSES", "queue:2.5:Очередь|Queue", "OTKLIK_CASE_DUE_DAYS", "3")), "alerts");
        assertEquals(List.of(new CaseCause("queue", "Очередь", "Queue", new BigDecimal("2.5"))), custom.causes());
        assertEquals(java.time.Duration.ofDays(3), custom.due());
        assertEquals("feedback.negative", custom.feedbackTopic());
    }

    @Test
    void theWeightedShareCountsEachCaseWithItsCausesWeight() {
        List<CaseCause> catalogue = CaseCause.parseCatalogue("aa:3:А|A;bb:1:Б|B;cc:2:В|C");
        List<CauseStatistics.Row> rows = CauseStatistics.rows(catalogue, Map.of("aa", 1, "bb", 3));
        assertEquals(0.25, rows.get(0).share(), 1e-9);
        assertEquals(0.5, rows.get(0).weightedShare(), 1e-9, "3x1 of 3x1 + 1x3");
        assertEquals(0.75, rows.get(1).share(), 1e-9);
        assertEquals(0.5, rows.get(1).weightedShare(), 1e-9);
        assertEquals(0, rows.get(2).cases(), "a cause without cases is listed with 0");
        List<CauseStatistics.Row> none = CauseStatistics.rows(catalogue, Map.of());
        assertEquals(0.0, none.get(0).share());
        assertEquals(0.0, none.get(0).weightedShare());
    }
}
