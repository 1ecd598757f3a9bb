package ru.otklik.dashboards.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import ru.otklik.common.assessment.CompetencyModel;
import ru.otklik.common.assessment.GroupFigures;
import ru.otklik.common.assessment.RaterRole;
import ru.otklik.common.survey.LocalizedText;
import ru.otklik.dashboards.assessment.TargetReport;

class ReportPdfTest {

    private static final Map<String, RaterRole> ROLES = RaterRole.builtIn().stream()
            .collect(Collectors.toMap(RaterRole::code, Function.identity()));

    private static TargetReport report() {
        CompetencyModel model = new CompetencyModel("m", List.of(new ru.otklik.common.assessment.CompetencyGroup("g",
                new LocalizedText("Группа", null), List.of(
                competency("c1", "Клиентоориентированность"), competency("c2", "Надёжность"),
                competency("c3", "Командная работа")))), ru.otklik.common.assessment.AnswerScale.zeroToFive(), null);
        List<TargetReport.ItemRow> rows = new java.util.ArrayList<>();
        int k = 0;
        for (String c : List.of("c1", "c2", "c3")) {
            for (String ind : List.of("", c + ".i")) {
                rows.add(new TargetReport.ItemRow(c, ind, new GroupFigures("self", 1, 3 + k % 3, 0, 1, List.of())));
                rows.add(new TargetReport.ItemRow(c, ind, new GroupFigures("manager", 1, 4, 0, 0, List.of())));
                rows.add(new TargetReport.ItemRow(c, ind, new GroupFigures("subordinate", 3, 13.5 - k, 1, 1, List.of())));
            }
            k++;
        }
        return TargetReport.build("s1", "Петров Пётр Ильич", model, rows,
                List.of(new TargetReport.CommentRow("c1.i", "manager", "Образец для отдела")),
                Map.of("self", 1L, "manager", 1L, "subordinate", 3L), ROLES, "ru");
    }

    private static ru.otklik.common.assessment.Competency competency(String code, String name) {
        return new ru.otklik.common.assessment.Competency(code, new LocalizedText(name, null), List.of(
                new ru.otklik.common.assessment.Indicator(code + ".i", new LocalizedText("Индикатор " + name, null), null)));
    }

    @Test
    void thePdfOpensCarriesCyrillicTextAndItsFirstPageIsNotBlank() throws Exception {
        byte[] pdf = ReportPdf.render(report(), "Оценка 360, IV квартал", ROLES, "ru");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 1);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Петров Пётр Ильич"), "the Cyrillic name is real text (an embedded font): " + text);
            assertTrue(text.contains("Образец для отдела"), text);
            // the radar's own labels are outlines (Batik): ServerChartsTest reads them in the chart's SVG
            assertTrue(text.contains("Надёжность"), "the competency's heading");
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            ImageIO.write(page, "png", dir.resolve("report360-pdf-page1.png").toFile());
            long inked = 0;
            long coloured = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    int rgb = page.getRGB(x, y) & 0xffffff;
                    if (rgb != 0xffffff) {
                        inked++;
                    }
                    int r = rgb >> 16 & 0xff;
                    int b = rgb & 0xff;
                    if (b > r + 60) { // the radar's blue series
                        coloured++;
                    }
                }
            }
            long pixels = (long) page.getWidth() * page.getHeight();
            assertTrue(inked > pixels / 100, "more than 1 % of the first page is drawn: " + inked + " of " + pixels);
            assertTrue(coloured > 200, "the radar chart is on the first page: " + coloured + " blue pixels");
        }
    }

    @Test
    void theEnglishPdfUsesEnglishLabels() throws Exception {
        try (PDDocument doc = Loader.loadPDF(ReportPdf.render(report(), "360 review", ROLES, "en"))) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Everyone but self"), text);
            assertFalse(text.contains("Все, кроме самооценки"), text);
            assertEquals(1, text.split("Competency as a whole", -1).length - 1 > 0 ? 1 : 0);
        }
    }
}
