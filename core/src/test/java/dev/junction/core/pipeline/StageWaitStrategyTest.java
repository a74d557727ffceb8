package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
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
        private Sequence sequence;

        FirstStage(final StageWaitStrategy waitStrategy)
        {
            this.waitStrategy = waitStrategy;
        }

        @Override
        public void setSequenceCallback(final Sequence sequenceCallback)
        {
            sequence = sequenceCallback;
        }

        @Override
        public void onEvent(final long[] event, final long ringSequence, final boolean endOfBatch)
        {
            if (endOfBatch)
            {
                StageWaitStrategy.stageProgressed(waitStrategy, sequence, ringSequence);
            }
        }
    }
}
