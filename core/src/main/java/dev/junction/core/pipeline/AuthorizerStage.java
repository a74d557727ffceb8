package dev.junction.core.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.junction.core.auth.Authorizer;

/** Ring stage that runs the authorizer: the one business thread. */
final class AuthorizerStage implements EventHandler<TransactionEvent>
{
    private final Authorizer authorizer;

    AuthorizerStage(final Authorizer authorizer)
    {
        this.authorizer = authorizer;
    }

    @Override
    public void onEvent(final TransactionEvent event, final long ringSequence, final boolean endOfBatch)
    {
        authorizer.apply(event);
    }
}
