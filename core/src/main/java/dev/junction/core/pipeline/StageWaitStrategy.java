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
 * sequencer on publish. A signal takes the lock only when a consumer is asleep.
 */
final class StageWaitStrategy implements WaitStrategy
{
    /** A safety net only: a missed signal would otherwise cost at most this much. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final AtomicBoolean sleeperWaiting = new AtomicBoolean();

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException
    {
        long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }
        lock.lock();
        try
        {
            while (true)
            {
                sleeperWaiting.set(true);
                available = dependentSequence.get();
                if (available >= sequence)
                {
                    return available;
                }
                barrier.checkAlert();
                progressed.awaitNanos(MAX_SLEEP_NANOS);
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public void signalAllWhenBlocking()
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

    /**
     * A stage finished a batch: make its sequence visible now (not after the handler returns) and
     * wake whoever waits for it.
     */
    static void stageProgressed(final WaitStrategy waitStrategy, final Sequence stageSequence, final long ringSequence)
    {
        stageSequence.set(ringSequence);
        waitStrategy.signalAllWhenBlocking();
    }
}
