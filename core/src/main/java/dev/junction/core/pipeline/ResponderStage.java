package dev.junction.core.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.junction.core.auth.Decision;

/**
 * Ring stage after the journal and the authorizer: encodes each answer, journals the outcome (decision
 * and response bytes), then hands the response to its connection and reports it to the metrics;
 * flushes once per batch.
 */
final class ResponderStage implements EventHandler<TransactionEvent>
{
    private final OutcomeJournal outcomes;
    private final ResponseSink sink;
    private final PipelineMetrics metrics;
    private final ResponseEncoder encoder = new ResponseEncoder();

    ResponderStage(final OutcomeJournal outcomes, final ResponseSink sink, final PipelineMetrics metrics)
    {
        this.outcomes = outcomes;
        this.sink = sink;
        this.metrics = metrics;
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
            metrics.onAnswer(event.request().mti(), decision.responseCode(), event.ingressEpochNanos());
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
