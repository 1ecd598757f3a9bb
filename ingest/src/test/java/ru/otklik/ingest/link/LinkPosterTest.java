package ru.otklik.ingest.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ru.otklik.common.office.Office;
import ru.otklik.common.office.OfficeDirectory;
import ru.otklik.common.office.RegionNetwork;
import ru.otklik.common.survey.SurveyCatalog;
import ru.otklik.common.survey.SurveyDefinition;

class LinkPosterTest {

    private static final String URL = "http://localhost:8080/s/abc.def";

    @Test
    void anA5PageWithOfficeSurveyQrAndBothLanguages() throws Exception {
        Office office = OfficeDirectory.pilot().office("BRY-01").orElseThrow();
        SurveyDefinition survey = SurveyCatalog.builtIn().find("jc-seeker", 1).orElseThrow();
        String html = LinkPoster.html(office, survey, URL);
        assertTrue(html.contains("size: A5"));
        assertTrue(html.contains(LinkPoster.escape(office.name())), "office name in Russian");
        assertTrue(html.contains(LinkPoster.escape(survey.title().ru())));
        assertTrue(html.contains("Наведите камеру"));
        assertTrue(html.contains("Point your phone camera"));
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        assertEquals(URL, QrDecoding.decodeSvg(svg).getText(), "the printed code opens the link");
    }

    @Test
    void namesAreEscaped() {
        Office evil = new Office("XXX", "<b>Region</b>", "XXX-01", "ЦЗН \"<script>alert(1)</script>\"",
                RegionNetwork.values()[0]);
        SurveyDefinition survey = SurveyCatalog.builtIn().find("pulse", 1).orElseThrow();
        String html = LinkPoster.html(evil, survey, URL);
        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<b>"));
        assertTrue(html.contains("&lt;script&gt;"));
    }
}
