package dev.junction.core.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * Ring stage that appends every input to the journal, in parallel with the authorizer; the
 * responder waits for both, so no answer leaves before its request is journaled.
 */
final class JournalStage implements EventHandler<TransactionEvent>
{
    private final InputJournal journal;

    JournalStage(final InputJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public void onStart()
    {
        journal.onStart();
    }

    @Override
    public void onEvent(final TransactionEvent event, final long ringSequence, final boolean endOfBatch)
    {
        journal.append(event.sequence(), event.kind(), event.ingressEpochNanos(), event.connectionId(),
            event.payload(), 0, event.payloadLength());
        if (endOfBatch)
        {
            journal.endOfBatch();
        }
    }

    @Override
    public void onShutdown()
    {
        journal.onShutdown();
    }
}
