package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import org.junit.jupiter.api.Test;

/**
 * The default wait strategy wakes each kind of sleeper by its own signal: the first stages by a publish, the
 * stage after them by their progress. With the safety-net sleep made an hour long, a stage that waited on the
 * wrong condition (or a Disruptor that handed first stages something other than the cursor to wait on) would
 * not finish within the test's timeout.
 */
class StageWaitStrategyTest
{
    private static final long AN_HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void aTwoStageChainIsWokenBySignalsAloneThroughManySleeps() throws Exception
    {
        final StageWaitStrategy waitStrategy = new StageWaitStrategy(AN_HOUR);
        final Disruptor<long[]> disruptor = new Disruptor<>(() -> new long[1], 64, DaemonThreadFactory.INSTANCE,
            ProducerType.MULTI, waitStrategy);
        final int events = 200;
        final CountDownLatch answered = new CountDownLatch(events);
        disruptor.handleEventsWith(new FirstStage(waitStrategy), new FirstStage(waitStrategy))
            .then((EventHandler<long[]>)(event, sequence, endOfBatch) -> answered.countDown());
        final RingBuffer<long[]> ring = disruptor.start();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int i = 0; i < events; i++)
            {
                long sequence;
                while ((sequence = tryNext(ring)) < 0)
                {
                    assertTrue(System.nanoTime() < deadline, "the ring stayed full: a sleeper missed its signal");
                    Thread.sleep(1);
                }
                ring.get(sequence)[0] = i;
                ring.publish(sequence);
                // Let every stage fall asleep between events, so each event needs both kinds of wake-up.
                Thread.sleep(1);
            }
            assertTrue(answered.await(30, TimeUnit.SECONDS),
                answered.getCount() + " events were not answered: a sleeper missed its signal");
        }
        finally
        {
            disruptor.halt();
        }
    }

    /**
     * Sleeping and waking cost no garbage: a stage that sleeps once per event (the ring is idle between events)
     * allocates nothing in steady state. A {@code Condition} wait would allocate a queue node each time.
     */
    @Test
    void sleepingAndWakingAllocateNothing() throws Exception
    {
        final StageWaitStrategy waitStrategy = new StageWaitStrategy();
        final List<Thread> stages = new CopyOnWriteArrayList<>();
        final ThreadFactory factory = runnable ->
        {
            final Thread thread = new Thread(runnable, "stage-" + stages.size());
            thread.setDaemon(true);
            stages.add(thread);
            return thread;
        };
        final Disruptor<long[]> disruptor = new Disruptor<>(() -> new long[1], 64, factory, ProducerType.MULTI,
            waitStrategy);
        final AtomicLong answered = new AtomicLong();
        disruptor.handleEventsWith(new FirstStage(waitStrategy), new FirstStage(waitStrategy))
            .then((EventHandler<long[]>)(event, sequence, endOfBatch) -> answered.incrementAndGet());
        final RingBuffer<long[]> ring = disruptor.start();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        try
        {
            publishOneAtATime(ring, answered, 500);
            long before = 0;
            for (final Thread stage : stages)
            {
                before += threads.getThreadAllocatedBytes(stage.getId());
            }
            final int events = 2_000;
            publishOneAtATime(ring, answered, events);
            long after = 0;
            for (final Thread stage : stages)
            {
                after += threads.getThreadAllocatedBytes(stage.getId());
            }
            assertEquals(3, stages.size());
            // A queue node per sleep would be at least 3 stages x 2,000 sleeps x 32 bytes = 192 KB.
            assertTrue(after - before < 16 * 1024, "the stages allocated " + (after - before) + " bytes over " +
                events + " sleeps and wake-ups each");
        }
        finally
        {
            disruptor.halt();
        }
    }

    /**
     * The stage after the first ones waits for both: the first of them to finish an event must not wake it,
     * only the second, so that on two cores it is not scheduled to find nothing to do. One first stage is
     * made slow, so that the fast one always finishes while the last stage sleeps: waking on any progress
     * would take two wake-ups per event.
     */
    @Test
    void theLastStageIsWokenOnlyWhenBothFirstStagesHaveFinished() throws Exception
    {
        final StageWaitStrategy waitStrategy = new StageWaitStrategy(AN_HOUR);
        final Disruptor<long[]> disruptor = new Disruptor<>(() -> new long[1], 64, DaemonThreadFactory.INSTANCE,
            ProducerType.MULTI, waitStrategy);
        final AtomicLong answered = new AtomicLong();
        disruptor.handleEventsWith(new FirstStage(waitStrategy), new FirstStage(waitStrategy, 2))
            .then((EventHandler<long[]>)(event, sequence, endOfBatch) -> answered.incrementAndGet());
        final RingBuffer<long[]> ring = disruptor.start();
        try
        {
            final int events = 100;
            publishOneAtATime(ring, answered, events);
            final long wakeUps = waitStrategy.stageWakeUps();
            assertTrue(wakeUps >= events / 2, "the last stage was woken " + wakeUps + " times for " + events +
                " events: it should sleep between them");
            assertTrue(wakeUps <= events + 5, "the last stage was woken " + wakeUps + " times for " + events +
                " events: the first stage to finish woke it too");
        }
        finally
        {
            disruptor.halt();
        }
    }

    /** Publishes events one by one, each after the last one was answered, so every stage sleeps in between. */
    private static void publishOneAtATime(final RingBuffer<long[]> ring, final AtomicLong answered, final int events)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < events; i++)
        {
            final long target = answered.get() + 1;
            final long sequence = ring.next();
            ring.publish(sequence);
            while (answered.get() < target)
            {
                assertTrue(System.nanoTime() < deadline, "an event was not answered within 60 s");
                Thread.onSpinWait();
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private static long tryNext(final RingBuffer<long[]> ring)
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException full)
        {
            return -1;
        }
    }

    /** Stands for the journal or authorizer stage: publishes its progress at the end of each batch. */
    private static final class FirstStage implements EventHandler<long[]>
    {
        private final StageWaitStrategy waitStrategy;
        private final long delayMillis;
        private Sequence sequence;

        FirstStage(final StageWaitStrategy waitStrategy)
        {
            this(waitStrategy, 0);
        }

        /** @param delayMillis how long each event takes it. */
        FirstStage(final StageWaitStrategy waitStrategy, final long delayMillis)
        {
            this.waitStrategy = waitStrategy;
            this.delayMillis = delayMillis;
        }

        @Override
        public void setSequenceCallback(final Sequence sequenceCallback)
        {
            sequence = sequenceCallback;
        }

        @Override
        public void onEvent(final long[] event, final long ringSequence, final boolean endOfBatch)
            throws InterruptedException
        {
            if (delayMillis > 0)
            {
                Thread.sleep(delayMillis);
            }
            if (endOfBatch)
            {
                StageWaitStrategy.stageProgressed(waitStrategy, sequence, ringSequence);
            }
        }
    }
}
