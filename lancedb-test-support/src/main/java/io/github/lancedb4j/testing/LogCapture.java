package io.github.lancedb4j.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what a logger (and the loggers below it) logs while open, at the level asked — lowered for the duration
 * so that DEBUG and TRACE lines are produced too — and restores the level on close. Works through Logback, the
 * SLF4J binding of every module's tests.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.root("DEBUG")) {
 *     ...
 *     assertThat(logs.text()).doesNotContain(secret);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    /** One logged event: its logger, level, formatted message and the text of its throwable chain (or ""). */
    public record Line(String logger, String level, String message, String throwable) {
        /** Everything the line would put in a log file. */
        public String text() {
            return level + " " + logger + " - " + message + (throwable.isEmpty() ? "" : "\n" + throwable);
        }
    }

    private final Logger logger;
    private final Level previousLevel;
    private final Recorder recorder = new Recorder();

    private LogCapture(String name, String level) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.previousLevel = logger.getLevel();
        logger.setLevel(Level.toLevel(level, Level.DEBUG));
        recorder.setContext(logger.getLoggerContext());
        recorder.start();
        logger.addAppender(recorder);
    }

    /** Everything every logger logs at {@code level} ("TRACE", "DEBUG", "INFO", …) and above. */
    public static LogCapture root(String level) {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, level);
    }

    /** What {@code type}'s logger logs at {@code level} and above. */
    public static LogCapture of(Class<?> type, String level) {
        return new LogCapture(type.getName(), level);
    }

    /** The lines recorded so far, in order. */
    public List<Line> lines() {
        synchronized (recorder.lines) {
            return List.copyOf(recorder.lines);
        }
    }

    /** The recorded lines at exactly {@code level}. */
    public List<Line> lines(String level) {
        return lines().stream().filter(l -> l.level().equalsIgnoreCase(level)).toList();
    }

    /** All recorded lines as one text, as a log file would hold them. */
    public String text() {
        StringBuilder out = new StringBuilder();
        lines().forEach(l -> out.append(l.text()).append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        logger.detachAppender(recorder);
        recorder.stop();
        logger.setLevel(previousLevel);
    }

    private static final class Recorder extends AppenderBase<ILoggingEvent> {
        final List<Line> lines = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            Line line = new Line(event.getLoggerName(), event.getLevel().toString(), event.getFormattedMessage(),
                    throwable(event.getThrowableProxy()));
            synchronized (lines) {
                lines.add(line);
            }
        }

        private static String throwable(IThrowableProxy proxy) {
            StringBuilder out = new StringBuilder();
            for (IThrowableProxy t = proxy; t != null; t = t.getCause()) {
                out.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    out.append("\tat ").append(frame.getSTEAsString()).append('\n');
                }
            }
            return out.toString();
        }
    }
}
