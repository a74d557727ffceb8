package dev.junction.core.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;

/**
 * Ring stage that appends every input to the journal, in parallel with the authorizer; the
 * responder waits for both, so no answer leaves before its request is journaled.
 */
final class JournalStage implements EventHandler<TransactionEvent>
{
    private final InputJournal journal;
    private final WaitStrategy waitStrategy;
    private Sequence sequence;

    JournalStage(final InputJournal journal, final WaitStrategy waitStrategy)
    {
        this.journal = journal;
        this.waitStrategy = waitStrategy;
    }

    @Override
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        sequence = sequenceCallback;
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
            StageWaitStrategy.stageProgressed(waitStrategy, sequence, ringSequence);
        }
    }

    @Override
    public void onShutdown()
    {
        journal.onShutdown();
    }
}
