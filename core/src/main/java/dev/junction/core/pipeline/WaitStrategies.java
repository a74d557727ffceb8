package dev.junction.core.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * The ring consumers' wait strategies by their configuration names. On a 2-core machine the
 * blocking strategy ({@link StageWaitStrategy}: every consumer sleeps, none spins) measures best,
 * since spinning consumers steal the event loop's core; with cores to spare, {@code yielding} or
 * {@code busy-spin} trade CPU for latency.
 */
public final class WaitStrategies
{
    public static final String BLOCKING = "blocking";
    public static final String SLEEPING = "sleeping";
    public static final String YIELDING = "yielding";
    public static final String BUSY_SPIN = "busy-spin";
    public static final String NAMES = BLOCKING + ", " + SLEEPING + ", " + YIELDING + ", " + BUSY_SPIN;

    private WaitStrategies()
    {
    }

    /** @return the strategy for a name, or null when the name is not one of {@link #NAMES}. */
    public static WaitStrategy named(final String name)
    {
        switch (name)
        {
            case BLOCKING: return new StageWaitStrategy();
            case SLEEPING: return new SleepingWaitStrategy();
            case YIELDING: return new YieldingWaitStrategy();
            case BUSY_SPIN: return new BusySpinWaitStrategy();
            default: return null;
        }
    }
}
