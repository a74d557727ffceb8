package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lmax.disruptor.RingBuffer;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The ring stages warm the events of a batch ahead of applying them, a pass of at most
 * {@value Authorizer#WARM_BATCH} at a time, and leave a batch of one alone (the low-load case, where a
 * pass would only cost).
 */
class BatchWarmerTest
{
    private static final int RING = 64;

    @Test
    void aBatchIsWarmedAheadInPassesAndABatchOfOneIsNot()
    {
        final Authorizer authorizer = new Authorizer(new AuthorizerConfig(16, 16));
        final RingBuffer<TransactionEvent> ring = RingBuffer.createSingleProducer(() -> new TransactionEvent(1024), RING);
        final BatchWarmer warmer = new BatchWarmer(authorizer);
        warmer.ring(ring);

        publish(ring, 40);
        applyBatch(warmer, authorizer, ring, 0, 40);
        assertEquals(40, authorizer.warmedEvents(), "passes of 16, 16 and 8 events cover the batch of 40");

        publish(ring, 1);
        applyBatch(warmer, authorizer, ring, 40, 1);
        assertEquals(40, authorizer.warmedEvents(), "a batch of one is applied without a pass");

        publish(ring, 2);
        applyBatch(warmer, authorizer, ring, 41, 2);
        assertEquals(42, authorizer.warmedEvents(), "a batch of two is warmed once, from its first event");
    }

    private static void publish(final RingBuffer<TransactionEvent> ring, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long sequence = ring.next();
            final byte[] bytes = TestRequest.purchase(200, "4000000000000002", 1_000, (int)sequence + 1).bytes();
            ring.get(sequence).copyInput(sequence + 1, EventKind.REQUEST, TestRequest.NOW_EPOCH_NANOS, 1,
                new UnsafeBuffer(bytes), 0, bytes.length);
            ring.publish(sequence);
        }
    }

    private static void applyBatch(final BatchWarmer warmer, final Authorizer authorizer,
        final RingBuffer<TransactionEvent> ring, final long first, final int size)
    {
        warmer.batchStarted(size);
        for (long sequence = first; sequence < first + size; sequence++)
        {
            warmer.beforeApply(sequence);
            authorizer.apply(ring.get(sequence));
        }
    }
}
