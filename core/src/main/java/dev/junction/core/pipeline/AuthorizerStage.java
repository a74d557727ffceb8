package dev.junction.core.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import dev.junction.core.auth.Authorizer;

/** Ring stage that runs the authorizer: the one business thread. */
final class AuthorizerStage implements EventHandler<TransactionEvent>
{
    private final Authorizer authorizer;
    private final WaitStrategy waitStrategy;
    private final BatchWarmer warmer;
    private Sequence sequence;

    AuthorizerStage(final Authorizer authorizer, final WaitStrategy waitStrategy)
    {
        this.authorizer = authorizer;
        this.waitStrategy = waitStrategy;
        this.warmer = new BatchWarmer(authorizer);
    }

    /** The ring this stage reads, so that it can warm a batch's events ahead of applying them. */
    void ring(final RingBuffer<TransactionEvent> value)
    {
        warmer.ring(value);
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        warmer.batchStarted(batchSize);
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        sequence = sequenceCallback;
    }

    @Override
    public void onEvent(final TransactionEvent event, final long ringSequence, final boolean endOfBatch)
    {
        warmer.beforeApply(ringSequence);
        authorizer.apply(event);
        if (endOfBatch)
        {
            StageWaitStrategy.stageProgressed(waitStrategy, sequence, ringSequence);
        }
    }
}
