package dev.junction.journal.cli;

import dev.junction.journal.ReadProgress;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Counts the records a tool reads and, when asked to, prints a line to stderr about once a second;
 * also times the whole read for the summary. Checks the clock once every 16,384 records only.
 */
final class Progress implements ReadProgress
{
    private static final long CHECK_MASK = 16_384 - 1;
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final String command;
    private final boolean show;
    private final long startNanos = System.nanoTime();
    private long nextPrintNanos = startNanos + INTERVAL_NANOS;
    private long records;

    Progress(final PrintWriter err, final String command, final boolean show)
    {
        this.err = err;
        this.command = command;
        this.show = show;
    }

    @Override
    public void onRecord()
    {
        if ((++records & CHECK_MASK) == 0 && show)
        {
            final long now = System.nanoTime();
            if (now >= nextPrintNanos)
            {
                nextPrintNanos = now + INTERVAL_NANOS;
                err.println(command + ": " + count(records) + " records read, " + rate(records) + " records/s");
                err.flush();
            }
        }
    }

    long records()
    {
        return records;
    }

    double elapsedSeconds()
    {
        return Math.max(1, System.nanoTime() - startNanos) / 1e9;
    }

    /** @return e.g. "1.24 M" per second over the time since this progress began. */
    String rate(final long count)
    {
        final double perSecond = count / elapsedSeconds();
        if (perSecond >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        if (perSecond >= 1e3)
        {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** @return e.g. "0.42 s". */
    String elapsed()
    {
        return String.format(Locale.ROOT, "%.2f s", elapsedSeconds());
    }

    static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * Java sees a console only when the process is interactive; from Java 22 a console exists even when
     * output is redirected, and {@code Console.isTerminal()} (public API there) tells the two apart.
     */
    static boolean stderrIsTerminal()
    {
        final Console console = System.console();
        if (console == null)
        {
            return false;
        }
        try
        {
            final Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean)isTerminal.invoke(console);
        }
        catch (final NoSuchMethodException ex)
        {
            return true;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return false;
        }
    }
}
