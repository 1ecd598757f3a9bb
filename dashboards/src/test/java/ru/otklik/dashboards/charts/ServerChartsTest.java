package ru.otklik.dashboards.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** ECharts' own server-side rendering of the pages' options, as the PDFs take it (the SVGs go to target/screenshots). */
class ServerChartsTest {

    private static String drawn(String name, Chart chart, double widthMm) throws Exception {
        String svg = ServerCharts.svg(chart, widthMm);
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.writeString(Path.of("target", "screenshots", name + ".svg"), svg);
        return svg;
    }

    @Test
    void barsCarryTheirLabelsFiguresAndReasons() throws Exception {
        Chart chart = GroupBars.of("Пункты", List.of(new GroupBars.Bar("Считаю визит полезным · n=40", 0.75, 0.6, 0.86, null),
                GroupBars.Bar.of("Вт 03-04 · n=0", null, "нет ответов")));
        String svg = drawn("group-bars", chart, 100);
        // 100 mm is 378 CSS pixels; the short box is 140 pixels high
        assertTrue(svg.startsWith("<svg width=\"100.0mm\" height=\"37.0mm\""), svg.substring(0, 80));
        assertTrue(svg.contains("viewBox=\"0 0 378 140\""), svg.substring(0, 300));
        assertTrue(svg.contains(">Считаю визит полезным · n=40</text>"), svg);
        assertTrue(svg.contains(">нет ответов</text>"), svg);
        assertTrue(svg.contains(">75.0%</text>"), svg);
        assertTrue(svg.contains("font-family:Liberation Sans"), "the PDFs' embedded font");
        assertFalse(svg.contains("dominant-baseline"), "Batik does not honour it: the text is shifted by dy instead");
        // the bar ends at 75 % of the track: the track spans the grid, the bar three quarters of it
        List<double[]> spans = horizontalSpans(svg, "#0969da");
        assertEquals(1, spans.size(), "one bar drawn, none for the group without a figure");
        List<double[]> tracks = horizontalSpans(svg, "#eef1f4\"></path>");
        double track = tracks.get(0)[1] - tracks.get(0)[0];
        assertEquals(0.75, (spans.get(0)[1] - spans.get(0)[0]) / track, 0.01);
    }

    @Test
    void theRadarDrawsCompleteGroupsAsPolygonsAndTheOthersAsPointsOnly() throws Exception {
        Chart chart = Radar.of("Радар", List.of("Клиентоориентированность", "Надёжность", "Командная работа"), List.of(
                new Radar.Series("Самооценка", List.of(3.0, 4.0, 5.0)),
                new Radar.Series("Коллеги", List.of(4.5, Double.NaN, 2.0))), 5);
        long start = System.nanoTime();
        String svg = drawn("radar", chart, 172);
        long first = System.nanoTime() - start;
        start = System.nanoTime();
        drawn("radar", chart, 172);
        System.out.printf("radar: %d ms the first time (ECharts loaded if not yet), %d ms the next%n",
                first / 1_000_000, (System.nanoTime() - start) / 1_000_000);
        for (String label : List.of("Клиентоориентированность", "Надёжность", "Командная работа", "Самооценка", "Коллеги")) {
            assertTrue(svg.contains(label), label + " in " + svg);
        }
        assertEquals(1, count(svg, "fill=\"#0969da\" fill-opacity=\"0.07\""), "the complete group's filled polygon");
        assertEquals(0, count(svg, "fill=\"#1a7f37\" fill-opacity=\"0.07\""), "no polygon for the group withheld on one axis");
    }

    private static long count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1L;
    }

    /** The x extents of the rounded bar paths ECharts draws in the given fill ("M7 34L236.5 34A…"). */
    private static List<double[]> horizontalSpans(String svg, String fill) {
        Matcher m = Pattern.compile("<path d=\"M([\\d.]+) [\\d.]+L([\\d.]+) [\\d.]+A[^\"]*\" fill=\"" + Pattern.quote(fill))
                .matcher(svg);
        List<double[]> spans = new java.util.ArrayList<>();
        while (m.find()) {
            spans.add(new double[]{Double.parseDouble(m.group(1)) - 3, Double.parseDouble(m.group(2)) + 3});
        }
        return spans;
    }
}
