package dev.junction.core.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import dev.junction.core.auth.Authorizer;

/**
 * The {@value PipelineConfig#SINGLE} thread layout: one ring consumer that journals each input, authorizes
 * it and answers it, in that order, so the answer still leaves only after its input is journaled. It saves
 * the two hand-offs between threads that the pipelined layout pays per batch, and leaves one thread to be
 * scheduled beside the event loop instead of three: on a machine of few cores that can be the faster way.
 */
final class SingleThreadStage implements EventHandler<TransactionEvent>
{
    private final InputJournal journal;
    private final Authorizer authorizer;
    private final ResponderStage responder;
    private final ExceptionHandler<TransactionEvent> exceptionHandler;
    private RingBuffer<TransactionEvent> ring;
    private final BatchWarmer warmer;
    /** The first ring sequence of the batch in progress, -1 between batches. */
    private long batchStart = -1;

    SingleThreadStage(final InputJournal journal, final Authorizer authorizer, final ResponderStage responder,
        final ExceptionHandler<TransactionEvent> exceptionHandler)
    {
        this.journal = journal;
        this.authorizer = authorizer;
        this.warmer = new BatchWarmer(authorizer);
        this.responder = responder;
        this.exceptionHandler = exceptionHandler;
    }

    /** The ring this stage consumes, to answer a batch's events again after the batch is journaled. */
    void ring(final RingBuffer<TransactionEvent> value)
    {
        ring = value;
        warmer.ring(value);
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        warmer.batchStarted(batchSize);
    }

    @Override
    public void onStart()
    {
        journal.onStart();
        responder.onStart();
    }

    @Override
    public void onEvent(final TransactionEvent event, final long ringSequence, final boolean endOfBatch)
    {
        if (batchStart < 0)
        {
            batchStart = ringSequence;
        }
        journal.append(event.sequence(), event.kind(), event.ingressEpochNanos(), event.connectionId(),
            event.payload(), 0, event.payloadLength());
        warmer.beforeApply(ringSequence);
        authorizer.apply(event);
        if (endOfBatch)
        {
            // Group commit, as in the pipelined layout: the whole batch reaches the journal (and, with
            // --journal-sync, storage) before any of its answers is released. The batch's slots stay this
            // stage's until it returns, so they are answered from the ring in order.
            journal.endOfBatch();
            final long first = batchStart;
            batchStart = -1;
            for (long sequence = first; sequence <= ringSequence; sequence++)
            {
                final TransactionEvent answered = ring.get(sequence);
                try
                {
                    responder.onEvent(answered, sequence, sequence == ringSequence);
                }
                catch (final RuntimeException e)
                {
                    // Reported with the sequence that failed (the ring would name the batch's last), and the
                    // rest of the batch is still answered, as the pipelined responder would after its handler.
                    exceptionHandler.handleEventException(e, sequence, answered);
                }
            }
        }
    }

    @Override
    public void onShutdown()
    {
        try
        {
            responder.onShutdown();
        }
        finally
        {
            journal.onShutdown();
        }
    }
}
