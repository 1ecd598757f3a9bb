package ru.otklik.dashboards.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The one charting library of the dashboards, Apache ECharts, served from its webjar on the classpath under
 * {@value #HOSTED_PATH}: no internet at run time, and the version is the pom's alone (read from the webjar's own
 * {@code pom.properties}, so upgrading it is one property). {@code /assets/charts.js} is the pages' face of it.
 */
public final class ChartAssets {

    public static final String HOSTED_PATH = "/assets/vendor/echarts";
    /** The scripts every page loads before its own, in this order. */
    static final java.util.List<String> SCRIPTS = java.util.List.of(
            HOSTED_PATH + "/dist/echarts.min.js", HOSTED_PATH + "/i18n/langRU.js", "/assets/charts.js");

    private ChartAssets() {
    }

    /** The webjar's folder on the classpath, e.g. {@code /META-INF/resources/webjars/echarts/5.3.1}. */
    public static String webjarDirectory() {
        return "/META-INF/resources/webjars/echarts/" + version();
    }

    static String version() {
        String pom = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";
        try (InputStream in = ChartAssets.class.getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts webjar is not on the classpath (" + pom + " missing)");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void serve(JavalinConfig config) {
        String dir = webjarDirectory();
        config.staticFiles.add(files -> {
            files.hostedPath = HOSTED_PATH;
            files.directory = dir;
            files.location = Location.CLASSPATH;
            // the path carries no version: a day's cache, not a year's, so an upgrade reaches browsers
            files.headers = java.util.Map.of("Cache-Control", "max-age=86400");
        });
    }
}
