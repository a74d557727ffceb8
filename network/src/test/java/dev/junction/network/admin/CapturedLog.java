package dev.junction.network.admin;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Captures every log line of the test JVM, so tests can read what an operator would see. */
final class CapturedLog implements AutoCloseable
{
    private final Logger root = (Logger)LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLog()
    {
        appender.start();
        root.addAppender(appender);
    }

    /** @return every captured line as "LEVEL message", with any exception's message. */
    List<String> lines()
    {
        synchronized (appender)
        {
            return appender.list.stream()
                .map(event -> event.getLevel() + " " + event.getFormattedMessage() +
                    (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage()))
                .collect(Collectors.toList());
        }
    }

    @Override
    public void close()
    {
        root.detachAppender(appender);
    }
}
