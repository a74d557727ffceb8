package dev.junction.core.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * The ring's default wait: every consumer sleeps on a condition until what it waits for is there,
 * whether that is the producers' cursor or the stages before it. Disruptor's own
 * {@code BlockingWaitStrategy} blocks only on the cursor and busy-spins on upstream stages; on a
 * 2-core machine the responder's spin took the core the journal and authorizer needed and put
 * milliseconds on the median. Stages before the responder therefore publish their progress at the
 * end of each batch and signal (see {@link #stageProgressed}); producers signal through the
 * sequencer on publish. Each signal wakes only the consumers that wait for it, and takes a lock
 * only when one of them is asleep.
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
     * Threads asleep until a sequence moves. Waking takes the lock only when one of them is asleep; each kind
     * of waiter has its own, so a publish does not wake the responder and a stage's progress does not wake
     * the first stages: on two cores every needless wake-up is a context switch taken from a thread with work.
     */
    private static final class Sleepers
    {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition progressed = lock.newCondition();
        private final AtomicBoolean sleeperWaiting = new AtomicBoolean();
        private final long maxSleepNanos;

        Sleepers(final long maxSleepNanos)
        {
            this.maxSleepNanos = maxSleepNanos;
        }

        long await(final long sequence, final Sequence dependentSequence, final SequenceBarrier barrier)
            throws AlertException, InterruptedException
        {
            lock.lock();
            try
            {
                while (true)
                {
                    sleeperWaiting.set(true);
                    final long available = dependentSequence.get();
                    if (available >= sequence)
                    {
                        return available;
                    }
                    barrier.checkAlert();
                    progressed.awaitNanos(maxSleepNanos);
                }
            }
            finally
            {
                lock.unlock();
            }
        }

        void wake()
        {
            if (sleeperWaiting.getAndSet(false))
            {
                lock.lock();
                try
                {
                    progressed.signalAll();
                }
                finally
                {
                    lock.unlock();
                }
            }
        }
    }
}
