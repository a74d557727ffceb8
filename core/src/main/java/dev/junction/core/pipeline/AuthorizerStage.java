package dev.junction.core.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import dev.junction.core.auth.Authorizer;

/** Ring stage that runs the authorizer: the one business thread. */
final class AuthorizerStage implements EventHandler<TransactionEvent>
{
    private final Authorizer authorizer;
    private final WaitStrategy waitStrategy;
    private Sequence sequence;

    AuthorizerStage(final Authorizer authorizer, final WaitStrategy waitStrategy)
    {
        this.authorizer = authorizer;
        this.waitStrategy = waitStrategy;
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        sequence = sequenceCallback;
    }

    @Override
    public void onEvent(final TransactionEvent event, final long ringSequence, final boolean endOfBatch)
    {
        authorizer.apply(event);
        if (endOfBatch)
        {
            StageWaitStrategy.stageProgressed(waitStrategy, sequence, ringSequence);
        }
    }
}
