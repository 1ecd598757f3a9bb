package ru.otklik.e2e.fuzz;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything the services log while the fuzz runs, Otklik's DEBUG lines and stack traces included (as
 * ingest's LogSecretsIT captures it): what an operator's log file would hold, scanned for secrets
 * afterwards. The console gets only errors meanwhile — a hundred thousand refusals are logged one line
 * each, and the CI log is for the report.
 */
final class LogCapture implements AutoCloseable {

    private final StringWriter out = new StringWriter(1 << 20);
    private final WriterAppender appender;
    private final Level before;
    private final Map<String, Level> consoleLevels = new HashMap<>();

    LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        before = config.getLoggerConfig("ru.otklik").getLevel();
        Configurator.setLevel("ru.otklik", Level.DEBUG);
        config = ctx.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        for (Map.Entry<String, Appender> a : Map.copyOf(root.getAppenders()).entrySet()) {
            root.removeAppender(a.getKey());
            root.addAppender(a.getValue(), Level.ERROR, null);
            consoleLevels.put(a.getKey(), Level.ALL);
        }
        PatternLayout layout = PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable").withConfiguration(config)
                .build();
        appender = WriterAppender.createAppender(layout, null, out, "fuzz-capture", false, true);
        appender.start();
        config.addAppender(appender);
        root.addAppender(appender, Level.ALL, null);
        ctx.updateLoggers();
    }

    String text() {
        synchronized (out) {
            return out.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(appender.getName());
        for (String name : consoleLevels.keySet()) {
            Appender a = config.getAppender(name);
            root.removeAppender(name);
            if (a != null) {
                root.addAppender(a, null, null);
            }
        }
        Configurator.setLevel("ru.otklik", before);
        ctx.updateLoggers();
        appender.stop();
    }
}
