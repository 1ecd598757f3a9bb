package ru.otklik.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.otklik.dashboards.web.ChartAssets;

/**
 * The one charting library is served from the jar and works under the pages' CSP (no inline styles, scripts from
 * 'self' only): a chart drawn through charts.js in headless Chromium has its canvas, its data and its aria text,
 * and the browser reports no refused style or script.
 */
class ChartLibraryIT {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(30);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void echartsIsServedFromTheJar() {
        HttpResponse<String> js = server.get(ChartAssets.HOSTED_PATH + "/dist/echarts.min.js", null);
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").contains("javascript"), js.headers().toString());
        assertTrue(js.body().length() > 500_000, "the whole library, " + js.body().length() + " chars");
        assertEquals(200, server.get(ChartAssets.HOSTED_PATH + "/i18n/langRU.js", null).statusCode());
        assertEquals(200, server.get("/assets/charts.js", null).statusCode());
    }

    @Test
    void aChartIsDrawnUnderTheCsp() throws Exception {
        try (PageBrowser b = new PageBrowser(server, 1000, 800)) {
            b.open("/login?lang=en"); // every page loads the library, the login page too
            b.waitFor("charts.js", () -> Boolean.TRUE.equals(b.js("return !!window.OtklikCharts && !!window.echarts")));
            b.js("window.refusedByCsp = []; document.addEventListener('securitypolicyviolation',"
                    + " function (e) { window.refusedByCsp.push(e.violatedDirective + ' ' + e.blockedURI); });");
            Object described = b.js("var el = document.createElement('div'); el.className = 'echart'; el.id = 'probe';"
                    + "document.body.appendChild(el);"
                    + "var c = OtklikCharts.draw(el, {title: {text: 'Probe'}, xAxis: {type: 'category', data: ['a', 'b']},"
                    + " yAxis: {type: 'value'}, series: [{type: 'bar', name: 'n', data: [3, 7]}]});"
                    + "return [el.querySelectorAll('canvas').length, c.getOption().series[0].data.join(','),"
                    + " el.getAttribute('aria-label') || '', el.clientHeight];");
            @SuppressWarnings("unchecked")
            List<Object> r = (List<Object>) described;
            assertEquals(1L, r.get(0), "one canvas");
            assertEquals("3,7", r.get(1));
            assertTrue(String.valueOf(r.get(2)).contains("Probe"), "aria text: " + r.get(2));
            assertTrue((Long) r.get(3) > 100, "the box has the stylesheet's height: " + r.get(3));
            // the violation events are dispatched after the task that caused them: let the page run a frame first
            Object refused = ((org.openqa.selenium.JavascriptExecutor) b.driver).executeAsyncScript(
                    "var done = arguments[0]; requestAnimationFrame(function () { setTimeout(function () {"
                    + " done(window.refusedByCsp.join('; ')); }, 50); });");
            assertEquals("", refused, "refused by the CSP");
        }
    }
}
