package dev.junction.core.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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

    /** @return how many times a stage's progress unparked a stage waiting for the stages before it (tests). */
    long stageWakeUps()
    {
        return stageWaiters.wakeUps();
    }

    /**
     * Threads asleep until a sequence moves. Each kind of waiter has its own, so a publish does not wake the
     * responder and a stage's progress does not wake the first stages: on two cores every needless wake-up
     * is a context switch taken from a thread with work. For the same reason a sleeper is woken only when
     * what it waits for has arrived: the responder waits for both the journal and the authorizer, and the
     * first of them to finish an event does not wake it, only the second. A sleeper parks itself rather than
     * waiting on a {@code Condition}, whose every wait allocates a queue node: sleeping once per batch must
     * cost no garbage. Waking takes no lock and costs a few reads while nobody sleeps.
     * <p>
     * The handshake: a sleeper announces what it waits for, marks itself asleep, then checks the sequence
     * and parks; a stage sets its sequence, then reads each mark. Both are volatile, so either the sleeper
     * sees the new sequence and does not park, or the stage sees the mark and, when the sleeper's sequence
     * has arrived, unparks it (an unpark before the park makes the park return at once).
     */
    private static final class Sleepers
    {
        /** Ring stages that may wait on one kind of signal: three in the pipelined layout. */
        private static final int MAX_SLEEPERS = 8;

        private final AtomicReferenceArray<Thread> owners = new AtomicReferenceArray<>(MAX_SLEEPERS);
        private final AtomicReferenceArray<Sequence> awaited = new AtomicReferenceArray<>(MAX_SLEEPERS);
        private final AtomicLongArray wanted = new AtomicLongArray(MAX_SLEEPERS);
        private final AtomicIntegerArray asleep = new AtomicIntegerArray(MAX_SLEEPERS);
        private final AtomicLong wakeUps = new AtomicLong();
        private final long maxSleepNanos;

        Sleepers(final long maxSleepNanos)
        {
            this.maxSleepNanos = maxSleepNanos;
        }

        long await(final long sequence, final Sequence dependentSequence, final SequenceBarrier barrier)
            throws AlertException, InterruptedException
        {
            final Thread me = Thread.currentThread();
            final int slot = claim(me);
            awaited.set(slot, dependentSequence);
            wanted.set(slot, sequence);
            try
            {
                while (true)
                {
                    asleep.set(slot, 1);
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
                asleep.set(slot, 0);
                owners.set(slot, null);
            }
        }

        private int claim(final Thread me)
        {
            for (int i = 0; i < MAX_SLEEPERS; i++)
            {
                if (owners.compareAndSet(i, null, me))
                {
                    return i;
                }
            }
            throw new IllegalStateException("more than " + MAX_SLEEPERS + " ring stages wait on one signal");
        }

        /** Unparks each sleeper whose awaited sequence has reached what it waits for. */
        void wake()
        {
            for (int i = 0; i < MAX_SLEEPERS; i++)
            {
                if (asleep.get(i) == 1 && awaited.get(i).get() >= wanted.get(i))
                {
                    asleep.set(i, 0);
                    final Thread sleeper = owners.get(i);
                    if (sleeper != null)
                    {
                        wakeUps.incrementAndGet();
                        LockSupport.unpark(sleeper);
                    }
                }
            }
        }

        long wakeUps()
        {
            return wakeUps.get();
        }
    }
}
