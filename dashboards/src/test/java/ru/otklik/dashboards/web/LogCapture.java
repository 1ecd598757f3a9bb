package ru.otklik.dashboards.web;

import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything the service logs while it is open, Otklik's own DEBUG lines included, with stack traces:
 * what an operator's log file would hold. Tests scan it for secrets.
 */
final class LogCapture implements AutoCloseable {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;
    private final Level before;

    private LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        before = ctx.getConfiguration().getLoggerConfig("ru.otklik").getLevel();
        Configurator.setLevel("ru.otklik", Level.DEBUG);
        Configuration config = ctx.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable")
                .withConfiguration(config).build();
        appender = WriterAppender.createAppender(layout, null, out, "capture-" + COUNT.incrementAndGet(), false, true);
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        ctx.updateLoggers(); // ru.otklik is additive: its lines reach the root's appenders, this one too
    }

    static LogCapture start() {
        return new LogCapture();
    }

    public String text() {
        synchronized (out) {
            return out.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        Configurator.setLevel("ru.otklik", before);
        ctx.updateLoggers();
        appender.stop();
    }
}
