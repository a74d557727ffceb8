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
 * <p>
 * The {@value PipelineConfig#INLINE} layout runs this stage on the event loop, optionally with a
 * {@link JournalHelper}: a batch of at least the helper's threshold is offered to it, and while the helper
 * journals the batch's inputs and outcomes this stage authorizes and encodes it; the answers leave once
 * both are done. The helper has no say in any decision, so the state and the journal are the same either
 * way. A batch the helper did not take in time is journaled here.
 */
final class SingleThreadStage implements EventHandler<TransactionEvent>
{
    /**
     * The helper is offered a large batch only when this many large batches came in a row: sustained load,
     * not the one large batch that follows a stall at a moderate rate. There, the helper has to be woken on
     * a core the load generator or another process holds, and a loop that waits for a descheduled helper
     * stretched the tail (alternating runs at 100,000/s, 2026-11-22 11:00-11:03: p99 2.2-3.6 ms with a
     * helper on every large batch against 2.0-2.2 ms without one).
     */
    static final int HELPER_AFTER_LARGE_BATCHES = 16;

    private final InputJournal journal;
    private final Authorizer authorizer;
    private final ResponderStage responder;
    private final ExceptionHandler<TransactionEvent> exceptionHandler;
    private RingBuffer<TransactionEvent> ring;
    private final BatchWarmer warmer;
    /** Journals large batches beside this stage; null for none. */
    private JournalHelper helper;
    /** The smallest batch offered to the helper. */
    private int helperMinBatch = Integer.MAX_VALUE;
    /** The first ring sequence of the batch in progress, -1 between batches. */
    private long batchStart = -1;
    private long batchSize;
    /** Whether the batch in progress was offered to the helper. */
    private boolean split;
    /** Batches of at least {@link #helperMinBatch} drained one after another, up to the current one. */
    private int largeBatchesInARow;

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

    /** Offers every batch of at least {@code minBatch} events to {@code value}, started by {@link #onStart()}. */
    void helper(final JournalHelper value, final int minBatch)
    {
        helper = value;
        helperMinBatch = minBatch;
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        this.batchSize = batchSize;
        warmer.batchStarted(batchSize);
    }

    @Override
    public void onStart()
    {
        journal.onStart();
        responder.onStart();
        if (helper != null)
        {
            helper.start();
        }
    }

    @Override
    public void onEvent(final TransactionEvent event, final long ringSequence, final boolean endOfBatch)
    {
        if (batchStart < 0)
        {
            batchStart = ringSequence;
            largeBatchesInARow = batchSize >= helperMinBatch ? largeBatchesInARow + 1 : 0;
            split = helper != null && largeBatchesInARow >= HELPER_AFTER_LARGE_BATCHES && !endOfBatch &&
                helper.offer(ringSequence, ringSequence + batchSize - 1);
        }
        if (split)
        {
            decideBeside(event, ringSequence);
        }
        else
        {
            journal.append(event.sequence(), event.kind(), event.ingressEpochNanos(), event.connectionId(),
                event.payload(), 0, event.payloadLength());
            warmer.beforeApply(ringSequence);
            authorizer.apply(event);
        }
        if (endOfBatch)
        {
            final long first = batchStart;
            batchStart = -1;
            if (split)
            {
                split = false;
                if (finishSplit(first, ringSequence))
                {
                    answer(first, ringSequence);
                }
                return;
            }
            // Group commit, as in the pipelined layout: the whole batch reaches the journal (and, with
            // --journal-sync, storage) before any of its answers is released. The batch's slots stay this
            // stage's until it returns, so they are answered from the ring in order.
            journal.endOfBatch();
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

    /** Authorizes and encodes one event of a batch the helper journals; tells the helper it may journal it. */
    private void decideBeside(final TransactionEvent event, final long ringSequence)
    {
        try
        {
            warmer.beforeApply(ringSequence);
            authorizer.apply(event);
            responder.encode(event);
        }
        catch (final RuntimeException e)
        {
            try
            {
                exceptionHandler.handleEventException(e, ringSequence, event);
            }
            catch (final RuntimeException fatal)
            {
                // The stage stops here: the helper journals no outcome from this event on, and is idle
                // before the failure leaves, so nothing else touches the journals meanwhile.
                abandonSplit(ringSequence - 1);
                throw fatal;
            }
        }
        helper.decided(ringSequence);
    }

    /**
     * Journals the batch here if the helper never took it, else waits for the helper.
     *
     * @return whether the whole batch is journaled and may be answered.
     */
    private boolean finishSplit(final long first, final long last)
    {
        if (helper.revoke())
        {
            helper.journal(first, last);
            return true;
        }
        final Throwable failure = helper.awaitDone();
        if (failure == null)
        {
            return true;
        }
        // Reported as the stage's own failure would be. A handler that lets the stage go on still gets no
        // answer of this batch released: part of it is not journaled.
        final long failed = helper.failedSequence();
        exceptionHandler.handleEventException(failure, failed, ring.get(failed));
        return false;
    }

    /**
     * Hands the batch's journaled answers to their connections, in order, then flushes once. A failure is
     * reported with its own sequence and the rest of the batch is still answered, as in the other path.
     */
    private void answer(final long first, final long last)
    {
        for (long sequence = first; sequence <= last; sequence++)
        {
            final TransactionEvent answered = ring.get(sequence);
            try
            {
                responder.deliver(answered);
            }
            catch (final RuntimeException e)
            {
                exceptionHandler.handleEventException(e, sequence, answered);
            }
        }
        responder.endOfDeliveryBatch();
    }

    private void abandonSplit(final long lastDecided)
    {
        if (!split)
        {
            return;
        }
        split = false;
        batchStart = -1;
        helper.abandonAfter(lastDecided);
        if (!helper.revoke())
        {
            helper.awaitDone();
        }
    }

    @Override
    public void onShutdown()
    {
        try
        {
            if (helper != null)
            {
                helper.stop(1_000);
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        finally
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
}
