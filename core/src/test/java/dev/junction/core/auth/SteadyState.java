package dev.junction.core.auth;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

/**
 * Measures what a path allocates on this thread once warm. A JIT recompilation inside the measured loop can
 * allocate a little once, so the measurement is repeated (up to five times) until one run stays under the
 * limit: an allocation per operation would push every run over it.
 */
final class SteadyState
{
    private static final int MAX_RUNS = 5;

    /** @param bytes the fewest bytes a measured run allocated; @param rounds every round run, warm-up included. */
    record Allocation(long bytes, int rounds)
    {
    }

    private SteadyState()
    {
    }

    static Allocation allocation(final IntConsumer round, final int warmUpRounds, final int measuredRounds,
        final long limitBytes)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        int next = 0;
        for (; next < warmUpRounds; next++)
        {
            round.accept(next);
        }
        long fewest = Long.MAX_VALUE;
        for (int run = 0; run < MAX_RUNS && fewest >= limitBytes; run++)
        {
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < measuredRounds; i++)
            {
                round.accept(next++);
            }
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
        }
        return new Allocation(fewest, next);
    }
}
