package ru.otklik.ingest.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.Result;
import org.junit.jupiter.api.Test;

class QrCodeTest {

    private static final String URL = "https://otklik.example.ru/s/" + "eyJ2IjoxLCJraWQiOiJrMiJ9".repeat(13)
            + ".AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";

    @Test
    void pngDecodesBackToTheUrlWithErrorCorrectionM() throws Exception {
        Result result = QrDecoding.decodePng(QrCode.of(URL).png(8));
        assertEquals(URL, result.getText());
        assertEquals("M", QrDecoding.errorCorrection(result));
    }

    @Test
    void svgDecodesBackToTheUrl() throws Exception {
        String svg = QrCode.of(URL).svg("60mm");
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(svg.contains("width=\"60mm\""));
        assertEquals(URL, QrDecoding.decodeSvg(svg).getText());
    }

    @Test
    void theQuietZoneIsFourLightModulesOnEverySide() {
        QrCode qr = QrCode.of(URL);
        String svg = qr.svg("1");
        // no run starts inside the quiet zone: the smallest x and y of any run is 4
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("M(\\d+) (\\d+)h(\\d+)").matcher(svg);
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxEnd = 0;
        while (m.find()) {
            minX = Math.min(minX, Integer.parseInt(m.group(1)));
            minY = Math.min(minY, Integer.parseInt(m.group(2)));
            maxEnd = Math.max(maxEnd, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(3)));
        }
        assertEquals(QrCode.QUIET_ZONE, minX);
        assertEquals(QrCode.QUIET_ZONE, minY);
        assertEquals(qr.size() - QrCode.QUIET_ZONE, maxEnd);
    }

    @Test
    void aShortTextMakesASmallCode() {
        assertTrue(QrCode.of("http://localhost:8080/s/x").size() < QrCode.of(URL).size());
        assertFalse(QrCode.of("x").svg("1").isEmpty());
    }
}
