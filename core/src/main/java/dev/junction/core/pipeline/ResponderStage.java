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
        encode(event);
        journal(event);
        deliver(event);
        if (endOfBatch)
        {
            endOfJournalBatch();
            endOfDeliveryBatch();
        }
    }

    /** Encodes the event's answer into its slot (none for an event that is not answered). */
    void encode(final TransactionEvent event)
    {
        final Decision decision = event.decision();
        event.responseLength(event.kind() == EventKind.REQUEST && decision.hasResponse() ?
            encoder.encode(event.request(), decision, event.response(), 0) : 0);
    }

    /** Journals the event's outcome: its decision and the answer {@link #encode} wrote. */
    void journal(final TransactionEvent event)
    {
        outcomes.append(event.sequence(), event.decision(), event.response(), 0, event.responseLength());
    }

    /** Hands a request's journaled answer to its connection and reports it to the metrics. */
    void deliver(final TransactionEvent event)
    {
        if (event.kind() == EventKind.REQUEST)
        {
            sink.onResponse(event.connectionId(), event.response(), 0, event.responseLength());
            metrics.onAnswer(event.request().mti(), event.decision().responseCode(), event.ingressEpochNanos());
        }
    }

    /** The end of a batch of outcomes: the outcome journal's group commit, if one is configured. */
    void endOfJournalBatch()
    {
        outcomes.endOfBatch();
    }

    /** The end of a batch of answers: the sink flushes. */
    void endOfDeliveryBatch()
    {
        sink.endOfBatch();
    }

    @Override
    public void onShutdown()
    {
        outcomes.onShutdown();
    }
}
