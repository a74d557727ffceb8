package dev.junction.core.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * The ring's default wait: every consumer sleeps (parks) until what it waits for is there,
 * whether that is the producers' cursor or the stages before it. Disruptor's own
 * {@code BlockingWaitStrategy} blocks only on the cursor and busy-spins on upstream stages; on a
 * 2-core machine the responder's spin took the core the journal and authorizer needed and put
 * milliseconds on the median. Stages before the responder therefore publish their progress at the
 * end of each batch and signal (see {@link #stageProgressed}); producers signal through the
 * sequencer on publish. Each signal wakes only the consumers that wait for it, by unparking them,
 * and does nothing while none is asleep.
 */
final class StageWaitStrategy implements WaitStrategy
{
    /** A safety net only: a missed signal would otherwise cost at most this much. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** The first stages, which wait for the producers' cursor: woken by a publish. */
    private final Sleepers cursorWaiters;
    /** The stages after them (the responder), which wait for the first stages: woken by their progress. */
    private final Sleepers stageWaiters;

    StageWaitStrategy()
    {
        this(MAX_SLEEP_NANOS);
    }

    /** @param maxSleepNanos the longest sleep between checks; tests make it long to prove signals arrive. */
    StageWaitStrategy(final long maxSleepNanos)
    {
        cursorWaiters = new Sleepers(maxSleepNanos);
        stageWaiters = new Sleepers(maxSleepNanos);
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException
    {
        final long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }
        // A stage with no stage before it depends on the cursor itself; any other on a group of stages.
        return (dependentSequence == cursor ? cursorWaiters : stageWaiters).await(sequence, dependentSequence, barrier);
    }

    /** A producer published: wake the first stages only, not the responder, which cannot move yet. */
    @Override
    public void signalAllWhenBlocking()
    {
        cursorWaiters.wake();
    }

    /**
     * A stage finished a batch: make its sequence visible now (not after the handler returns) and
     * wake whoever waits for it.
     */
    static void stageProgressed(final WaitStrategy waitStrategy, final Sequence stageSequence, final long ringSequence)
    {
        stageSequence.set(ringSequence);
        if (waitStrategy instanceof StageWaitStrategy stages)
        {
            stages.stageWaiters.wake();
        }
        else
        {
            waitStrategy.signalAllWhenBlocking();
        }
    }

    /**
     * Threads asleep until a sequence moves. Each kind of waiter has its own, so a publish does not wake the
     * responder and a stage's progress does not wake the first stages: on two cores every needless wake-up
     * is a context switch taken from a thread with work. A sleeper parks itself rather than waiting on a
     * {@code Condition}, whose every wait allocates a queue node: sleeping once per batch must cost no
     * garbage. Waking takes no lock and costs nothing while nobody sleeps.
     */
    private static final class Sleepers
    {
        /** Ring stages that may wait on one kind of signal: three in the pipelined layout. */
        private static final int MAX_SLEEPERS = 8;

        private final AtomicReferenceArray<Thread> sleepers = new AtomicReferenceArray<>(MAX_SLEEPERS);
        private final AtomicBoolean sleeperWaiting = new AtomicBoolean();
        private final long maxSleepNanos;

        Sleepers(final long maxSleepNanos)
        {
            this.maxSleepNanos = maxSleepNanos;
        }

        long await(final long sequence, final Sequence dependentSequence, final SequenceBarrier barrier)
            throws AlertException, InterruptedException
        {
            final Thread me = Thread.currentThread();
            final int slot = announce(me);
            try
            {
                while (true)
                {
                    // Announced and flagged before the check: a signal after the check finds the flag and
                    // unparks this thread, and a park after that unpark returns at once.
                    sleeperWaiting.set(true);
                    final long available = dependentSequence.get();
                    if (available >= sequence)
                    {
                        return available;
                    }
                    barrier.checkAlert();
                    LockSupport.parkNanos(this, maxSleepNanos);
                    if (Thread.interrupted())
                    {
                        throw new InterruptedException();
                    }
                }
            }
            finally
            {
                sleepers.set(slot, null);
            }
        }

        private int announce(final Thread me)
        {
            for (int i = 0; i < MAX_SLEEPERS; i++)
            {
                if (sleepers.compareAndSet(i, null, me))
                {
                    return i;
                }
            }
            throw new IllegalStateException("more than " + MAX_SLEEPERS + " ring stages wait on one signal");
        }

        void wake()
        {
            if (sleeperWaiting.getAndSet(false))
            {
                for (int i = 0; i < MAX_SLEEPERS; i++)
                {
                    final Thread sleeper = sleepers.get(i);
                    if (sleeper != null)
                    {
                        LockSupport.unpark(sleeper);
                    }
                }
            }
        }
    }
}
