package ru.otklik.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * What an ECharts chart of a page plots, read back from its instance: the canvas cannot be read as text, the
 * instance's option can (the series' data as drawn, axes, titles), and its tooltip is text in the page.
 */
final class EChartsOnPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EChartsOnPage() {
    }

    /** The option of the chart drawn in the element {@code css} selects, or null while it has no chart on a canvas. */
    static JsonNode option(WebDriver driver, String css) {
        Object json = ((JavascriptExecutor) driver).executeScript(
                "var el = document.querySelector(arguments[0]);"
                        + "var chart = el && window.echarts && echarts.getInstanceByDom(el);"
                        + "return chart && el.querySelector('canvas') ? JSON.stringify(chart.getOption()) : null;", css);
        try {
            return json == null ? null : JSON.readTree((String) json);
        } catch (Exception e) {
            throw new AssertionError("the option of " + css + " is no JSON: " + json, e);
        }
    }

    /** The id ECharts gave the chart's instance (the same after a redraw in place, another for a new chart). */
    static String instance(WebDriver driver, String css) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "var el = document.querySelector(arguments[0]); return el && el.getAttribute('_echarts_instance_');", css);
    }

    /** The text of the tooltip the chart shows for one data item (as on hovering or tapping it); hidden again after. */
    static String tooltip(WebDriver driver, String css, int series, int dataIndex) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "var el = document.querySelector(arguments[0]), chart = echarts.getInstanceByDom(el);"
                        + "chart.dispatchAction({type: 'showTip', seriesIndex: arguments[1], dataIndex: arguments[2]});"
                        // the first child is the canvas' layer, the tooltip a box beside it
                        + "var text = Array.prototype.slice.call(el.children, 1).map(function (c) { return c.textContent; }).join('');"
                        // as when the pointer leaves: no tooltip nor axis line left in a screenshot
                        + "chart.dispatchAction({type: 'hideTip'});"
                        + "chart.dispatchAction({type: 'updateAxisPointer', currTrigger: 'leave'});"
                        + "return text;",
                css, series, dataIndex);
    }
}
