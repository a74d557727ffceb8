package dev.junction.benchmarks.load;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The line printed each second while the load runs: elapsed time, phase, the rates sent and
 * answered over the last second, that second's p50, p99 and p99.9 (latency from intended send time),
 * and the errors so far. Runs on the reporting thread; allocating there costs the load nothing.
 */
final class LiveLine
{
    private final PrintStream out;
    private final LoadCounters counters;
    private final long startNanos;
    private long lastNanos;
    private long lastSent;
    private long lastAnswered;

    LiveLine(final PrintStream out, final LoadCounters counters, final long startNanos)
    {
        this.out = out;
        this.counters = counters;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    void print(final long nowNanos, final String phase, final Histogram interval)
    {
        final double seconds = (nowNanos - lastNanos) / 1e9;
        final long sent = counters.sent();
        final long answered = counters.answered();
        out.printf("%4ds %-6s sent %,9.0f/s  answered %,9.0f/s  p50 %9s  p99 %9s  p99.9 %9s  errors %,d  backlogged %,d%n",
            TimeUnit.NANOSECONDS.toSeconds(nowNanos - startNanos), phase,
            (sent - lastSent) / seconds, (answered - lastAnswered) / seconds,
            percentile(interval, 50), percentile(interval, 99), percentile(interval, 99.9),
            counters.errors(), counters.backlogged());
        out.flush();
        lastNanos = nowNanos;
        lastSent = sent;
        lastAnswered = answered;
    }

    private static String percentile(final Histogram interval, final double percentile)
    {
        return interval.getTotalCount() == 0 ? "-" : formatNanos(interval.getValueAtPercentile(percentile));
    }

    /** @return a latency in the unit that reads best: "41 us", "1.25 ms", "2.10 s". */
    static String formatNanos(final long nanos)
    {
        if (nanos < 1_000_000)
        {
            return String.format("%,d us", nanos / 1_000);
        }
        if (nanos < 1_000_000_000)
        {
            return String.format("%.2f ms", nanos / 1e6);
        }
        return String.format("%.2f s", nanos / 1e9);
    }
}
