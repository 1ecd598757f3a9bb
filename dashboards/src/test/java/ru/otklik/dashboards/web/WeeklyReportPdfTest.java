package ru.otklik.dashboards.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import ru.otklik.dashboards.figures.Share;
import ru.otklik.dashboards.report.WeeklyReport;

/** The weekly report's PDF without a database: the charts drawn at their size, insufficient data said. */
class WeeklyReportPdfTest {

    static WeeklyReport report() {
        Share good = new Share(30, 40, 0.75, 0.6, 0.86, true);
        Share thin = new Share(5, 10, 0.5, 0.24, 0.76, false);
        Share none = new Share(0, 0, null, null, null, false);
        WeeklyReport.Figure f = new WeeklyReport.Figure(good, good, 0.0);
        WeeklyReport.Item q1 = new WeeklyReport.Item("Q1", "usefulness", "usefulness", "Считаю визит полезным", f,
                new WeeklyReport.Figure(thin, none, null), new WeeklyReport.Figure(none, none, null));
        List<WeeklyReport.Weekday> days = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            days.add(new WeeklyReport.Weekday(d, "2025-03-0" + (2 + d), d == 1 ? good : none));
        }
        return new WeeklyReport("office", "ORE-01", "ГКУ «ЦЗН города Оренбурга»", "ORE", "Оренбургская область", "2025-W10",
                "2025-W09", "Asia/Yekaterinburg", "2025-03-03", "2025-03-09", 30, f, List.of(q1), List.of(q1), List.of(),
                f, days, new WeeklyReport.Coverage(2, 1, 1, 0, 1, 0, 0, 0),
                List.of(new WeeklyReport.Comment("2025-03-04", "seeker", "Спасибо")), "ru", new WeeklyReport.Excluded(0, 0));
    }

    @Test
    void theChartsAreDrawnAndInsufficientDataIsSaid() throws Exception {
        byte[] pdf = WeeklyReportPdf.render(report(), "ru");
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 100);
            javax.imageio.ImageIO.write(page, "png",
                    java.nio.file.Path.of("target", "screenshots", "weekly-report-pdf-unit-page1.png").toFile());
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("недостаточно данных"), text);
            assertTrue(text.contains("Спасибо"), text);
            // Batik draws the charts' labels (ECharts' SVG text) as outlines, not text: the bars are checked as pixels
            long blue = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    int rgb = page.getRGB(x, y) & 0xffffff;
                    if ((rgb & 0xff) > (rgb >> 16 & 0xff) + 60) {
                        blue++;
                    }
                }
            }
            assertTrue(blue > 300, "the weekday chart's bar is drawn on page 1: " + blue);
            assertTrue(doc.getNumberOfPages() >= 2, "the items' chart opens page 2");
        }
    }
}
