package ru.otklik.dashboards.charts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.otklik.dashboards.web.ChartAssets;

/**
 * The PDFs' charts: the very option a page draws, drawn to SVG by ECharts itself (its server-side rendering,
 * {@code renderToSVGString}), so a report's PDF shows the page's chart. ECharts runs from the webjar the pages are
 * served from, in GraalJS inside this JVM; the script reaches nothing of the host (no Java, files, threads or
 * environment). One context, loaded once on the first PDF (two seconds on a quiet machine, up to ten on a busy
 * one: GraalJS runs interpreted on a stock JDK), draws one chart at a time.
 */
public final class ServerCharts {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCharts.class);

    /**
     * zrender's animation loop asks for its frames through setTimeout, which plain JavaScript has not: server-side
     * rendering paints synchronously in renderToSVGString, so no frame is ever needed and the timers do nothing.
     * ECharts' aria writes its label onto the chart's DOM element, which server-side rendering has not: it is left
     * out. The PDFs' font is the one openhtmltopdf embeds, so their text is the same in the chart as around it.
     */
    private static final String DRAW = """
            var setTimeout = function () { return 0; };
            var clearTimeout = function () {};
            (function (json, width, height) {
              var option = JSON.parse(json);
              delete option.aria;
              option.animation = false;
              option.color = option.color || %s;
              option.textStyle = Object.assign({fontFamily: 'Liberation Sans'}, option.textStyle);
              var chart = echarts.init(null, null, {renderer: 'svg', ssr: true, width: width, height: height});
              try {
                chart.setOption(option);
                return chart.renderToSVGString();
              } finally {
                chart.dispose();
              }
            })
            """.formatted(Chart.json(Chart.SERIES_COLOURS));

    private final Context context;
    private final Value drawing;

    private ServerCharts() {
        long start = System.nanoTime();
        Engine engine = Engine.newBuilder("js")
                // no Graal compiler on a stock JDK: the interpreter is fast enough for a few charts per PDF
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        context = Context.newBuilder("js").engine(engine).allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false).allowIO(IOAccess.NONE).allowCreateThread(false)
                .allowNativeAccess(false).allowEnvironmentAccess(EnvironmentAccess.NONE).build();
        String path = ChartAssets.webjarDirectory() + "/dist/echarts.min.js";
        try (InputStream in = ServerCharts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("ECharts is missing from the classpath: " + path);
            }
            context.eval(Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "echarts.min.js")
                    .build());
            drawing = context.eval("js", DRAW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("ECharts loaded for the PDFs' charts in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Loaded on first use: a server that never makes a PDF never pays for it. */
    private static final class Loaded {
        static final ServerCharts INSTANCE = new ServerCharts();
    }

    /**
     * The chart as an SVG {@code widthMm} wide on paper and as high as its page box: drawn at that size in CSS pixels
     * (96 to the inch), so its text has the page's sizes, and given its size in millimetres, since openhtmltopdf lays
     * an SVG out at the size its root element says.
     */
    public static String svg(Chart chart, double widthMm) {
        int width = (int) Math.round(widthMm / 25.4 * 96);
        int height = chart.box().height;
        String svg = Loaded.INSTANCE.draw(chart.json(), width, height);
        String root = "<svg width=\"" + width + "\" height=\"" + height + "\"";
        if (!svg.startsWith(root)) {
            throw new IllegalStateException("ECharts drew an SVG of another size: "
                    + svg.substring(0, Math.min(120, svg.length())));
        }
        // ECharts centres every line of text on its y with dominant-baseline="central", which Batik does not
        // honour (the text sits low): the same shift as an offset of the baseline, about a third of the font size
        return String.format(Locale.ROOT, "<svg width=\"%.1fmm\" height=\"%.1fmm\"", widthMm, widthMm * height / width)
                + svg.substring(root.length()).replace("dominant-baseline=\"central\"", "dy=\"0.35em\"");
    }

    private synchronized String draw(String json, int width, int height) {
        long start = System.nanoTime();
        String svg = drawing.execute(json, width, height).asString();
        LOG.debug("a {}×{} chart drawn in {} ms", width, height, (System.nanoTime() - start) / 1_000_000);
        return svg;
    }
}
