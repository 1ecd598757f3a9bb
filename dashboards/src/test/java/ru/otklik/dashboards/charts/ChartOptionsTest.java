package ru.otklik.dashboards.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options as the page and the PDF get them: the figures put in are the figures drawn, nothing invented. */
class ChartOptionsTest {

    private static JsonNode option(Chart chart) throws Exception {
        return new ObjectMapper().readTree(chart.json());
    }

    @Test
    void barsCarrySharesAsPercentWithTheirIntervalAndNoBarWithoutAFigure() throws Exception {
        Chart chart = GroupBars.of("Пункты", List.of(new GroupBars.Bar("Q1 · n=46", 0.7391, 0.5995, 0.8436, null),
                GroupBars.Bar.of("Q2 · n=12", null, "недостаточно данных")));
        JsonNode o = option(chart);
        assertEquals("[\"Q1 · n=46\",\"Q2 · n=12\"]", o.at("/yAxis/data").toString());
        JsonNode series = o.get("series");
        assertEquals("[73.9,null]", series.get(1).get("data").toString(), "the bars: none for Q2");
        assertEquals("[[60.0,60.0,73.9,84.4,84.4],[]]", series.get(2).get("data").toString(), "Q1's interval");
        assertEquals("недостаточно данных", series.get(0).at("/data/1/label/formatter").asText(), "Q2's reason");
        assertEquals("73.9%", series.get(0).at("/data/0/label/formatter").asText());
        assertEquals("Пункты: Q1 · n=46 — 73.9% (60.0%–84.4%); Q2 · n=12 — недостаточно данных", chart.description());
        assertEquals(chart.description(), o.at("/aria/label/description").asText());
        assertEquals(Chart.Box.SHORT, chart.box());
    }

    @Test
    void barsWithoutIntervalsHaveNoIntervalSeries() throws Exception {
        JsonNode o = option(GroupBars.of("Охват", List.of(GroupBars.Bar.of("Соискатели 31 / 80", 0.3875, ""))));
        assertEquals(2, o.get("series").size());
        assertEquals("[38.8]", o.at("/series/1/data").toString());
    }

    @Test
    void theBoxGrowsWithTheBars() {
        assertEquals(Chart.Box.SHORT, GroupBars.box(2));
        assertEquals(Chart.Box.NORMAL, GroupBars.box(5));
        assertEquals(Chart.Box.TALL, GroupBars.box(7));
        assertEquals(Chart.Box.BARS_20, GroupBars.box(17));
    }

    @Test
    void aGroupWithheldOnOneAxisIsPointsOnlyNeverAPolygon() throws Exception {
        JsonNode o = option(Radar.of("Радар", List.of("A", "B", "C"), List.of(
                new Radar.Series("Самооценка", List.of(3.0, 4.0, 5.0)),
                new Radar.Series("Коллеги", List.of(4.5, Double.NaN, 2.25))), 5));
        JsonNode radar = o.get("series").get(0);
        assertEquals("radar", radar.get("type").asText());
        assertEquals(1, radar.get("data").size(), "one polygon");
        assertEquals("Самооценка", radar.at("/data/0/name").asText());
        assertEquals("[3.0,4.0,5.0]", radar.at("/data/0/value").toString());
        JsonNode points = o.get("series").get(1);
        assertEquals("scatter", points.get("type").asText());
        assertEquals("polar", points.get("coordinateSystem").asText());
        assertEquals("Коллеги", points.get("name").asText());
        assertEquals("[[4.5,0],[2.25,2]]", points.get("data").toString(), "a point on A and on C, none on B");
        assertEquals("[\"Самооценка\",\"Коллеги\"]", o.at("/legend/data").toString());
        assertEquals(5, o.at("/radar/indicator/1/max").asInt());
        String said = o.at("/aria/label/description").asText();
        assertTrue(said.contains("Коллеги: A 4.50, B —, C 2.25"), said);
    }

    @Test
    void theTrendBreaksWhereAPeriodHasNoValue() throws Exception {
        Chart chart = IndexTrend.of("Индекс", "нет данных", List.of(new IndexTrend.Point("2025-Q2", 0.612),
                new IndexTrend.Point("2025-Q3", null), new IndexTrend.Point("2025-Q4", 0.7401)));
        JsonNode o = option(chart);
        assertEquals("[\"2025-Q2\",\"2025-Q3\",\"2025-Q4\"]", o.at("/xAxis/data").toString());
        assertEquals("[61.2,null,74.0]", o.at("/series/0/data").toString());
        assertFalse(o.at("/series/0/connectNulls").asBoolean(), "no line across a period without a value");
        assertEquals("Индекс: 2025-Q2 — 61.2%; 2025-Q3 — нет данных; 2025-Q4 — 74.0%", chart.description());
    }
}
