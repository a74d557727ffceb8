package dev.junction.benchmarks.load;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Where latencies go: nanoseconds from a request's intended send time to its answer, from 1 µs to
 * 60 s at 3 significant digits. The load thread records each latency twice: into a
 * {@link SingleWriterRecorder} that the reporter thread swaps out every second for the live line,
 * and, once the warm-up is over, into the run's histogram, read only after the load thread ends.
 * A latency above the range is recorded as the range's top, so a stall shows as a 60 s maximum
 * rather than disappearing.
 */
final class LatencyHistograms
{
    static final long LOWEST_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int SIGNIFICANT_DIGITS = 3;

    final SingleWriterRecorder interval = new SingleWriterRecorder(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    final Histogram measured = newHistogram();
    /** The warm-up's, then the measured run's: indexed by phase, so both phases run the same code. */
    private final Histogram[] byPhase = {newHistogram(), measured};
    private long clamped;

    static Histogram newHistogram()
    {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }

    /**
     * Load thread only.
     *
     * @param afterWarmup 1 for a request intended after the warm-up (measured), 0 for one of the warm-up.
     */
    void record(final long latencyNanos, final int afterWarmup)
    {
        long value = latencyNanos;
        if (value > HIGHEST_NANOS)
        {
            value = HIGHEST_NANOS;
            clamped++;
        }
        else if (value < 0)
        {
            value = 0;
        }
        interval.recordValue(value);
        byPhase[afterWarmup].recordValue(value);
    }

    /** @return latencies above 60 s, recorded as 60 s. */
    long clamped()
    {
        return clamped;
    }
}
