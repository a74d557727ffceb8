package dev.junction.core.pipeline;

import com.lmax.disruptor.RingBuffer;
import dev.junction.core.auth.Authorizer;

/**
 * Warms the authorizer for the events of a ring batch before it applies them ({@link Authorizer#warm}):
 * when a batch holds more than the event at hand, the next {@value Authorizer#WARM_BATCH} of its events
 * (published, so safe to read; only the authorizer's thread writes their decisions) have their card
 * lookups started together, stage by stage, so that their cache misses overlap. A batch of one, the
 * common case at low load, costs nothing. A hint only: decisions do not depend on it.
 * Used by the stage that applies events, on its thread only; allocation-free.
 */
final class BatchWarmer
{
    private final Authorizer authorizer;
    private RingBuffer<TransactionEvent> ring;
    private long batchSize;
    private boolean batchStarting;
    private long batchEnd = -1;
    private long warmedThrough = -1;

    BatchWarmer(final Authorizer authorizer)
    {
        this.authorizer = authorizer;
    }

    void ring(final RingBuffer<TransactionEvent> value)
    {
        ring = value;
    }

    /** The processor is about to hand over {@code size} events, from the next {@link #beforeApply}'s. */
    void batchStarted(final long size)
    {
        batchSize = size;
        batchStarting = true;
    }

    /** Called before the event at {@code sequence} is applied. */
    void beforeApply(final long sequence)
    {
        if (batchStarting)
        {
            batchStarting = false;
            batchEnd = sequence + batchSize - 1;
        }
        if (ring == null || sequence <= warmedThrough || sequence >= batchEnd)
        {
            return;
        }
        final long last = Math.min(batchEnd, sequence + Authorizer.WARM_BATCH - 1);
        authorizer.warmBegin();
        for (long s = sequence; s <= last; s++)
        {
            authorizer.warmAdd(ring.get(s));
        }
        authorizer.warm();
        warmedThrough = last;
    }
}
