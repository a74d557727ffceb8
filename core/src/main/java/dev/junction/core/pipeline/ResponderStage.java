package dev.junction.core.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.junction.core.auth.Decision;

/**
 * Ring stage after the journal and the authorizer: encodes each answer, journals the outcome (decision
 * and response bytes), then hands the response to its connection; flushes once per batch.
 */
final class ResponderStage implements EventHandler<TransactionEvent>
{
    private final OutcomeJournal outcomes;
    private final ResponseSink sink;
    private final ResponseEncoder encoder = new ResponseEncoder();

    ResponderStage(final OutcomeJournal outcomes, final ResponseSink sink)
    {
        this.outcomes = outcomes;
        this.sink = sink;
    }

    @Override
    public void onStart()
    {
        outcomes.onStart();
    }

    @Override
    public void onEvent(final TransactionEvent event, final long ringSequence, final boolean endOfBatch)
    {
        final Decision decision = event.decision();
        final boolean request = event.kind() == EventKind.REQUEST;
        final int length = request && decision.hasResponse() ?
            encoder.encode(event.request(), decision, event.response(), 0) : 0;
        event.responseLength(length);
        outcomes.append(event.sequence(), decision, event.response(), 0, length);
        if (request)
        {
            sink.onResponse(event.connectionId(), event.response(), 0, length);
        }
        if (endOfBatch)
        {
            outcomes.endOfBatch();
            sink.endOfBatch();
        }
    }

    @Override
    public void onShutdown()
    {
        outcomes.onShutdown();
    }
}
