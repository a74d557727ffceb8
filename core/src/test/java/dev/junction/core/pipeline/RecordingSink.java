package dev.junction.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongPredicate;

import org.agrona.DirectBuffer;

/**
 * A {@link ResponseSink} that records, on the responder's thread, every response with what both
 * journals had appended at the moment it arrived, and the order of responses and batch ends. The test
 * reads the records only after the pipeline has processed what it published. It can be told to hold
 * the responder (to fill the ring) or to throw for one connection.
 */
final class RecordingSink implements ResponseSink
{
    /** One response as the sink saw it, with the journals' last sequences at that moment. */
    record Response(long connectionId, byte[] bytes, long inputJournaled, long outcomeJournaled)
    {
    }

    /** What the sink was called with, in order: a response (its index) or a batch end (-1). */
    static final int END_OF_BATCH = -1;

    private final RecordingInputJournal inputs;
    private final RecordingOutcomeJournal outcomes;
    private final List<Response> responses = new ArrayList<>();
    private final List<Integer> calls = new ArrayList<>();
    private final List<Integer> outcomeBatchesAtEndOfBatch = new ArrayList<>();
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch release;
    private volatile LongPredicate failFor = connectionId -> false;

    RecordingSink(final RecordingInputJournal inputs, final RecordingOutcomeJournal outcomes)
    {
        this.inputs = inputs;
        this.outcomes = outcomes;
    }

    @Override
    public void onResponse(final long connectionId, final DirectBuffer response, final int offset, final int length)
    {
        final CountDownLatch gate = release;
        if (gate != null)
        {
            held.countDown();
            awaitUninterruptibly(gate);
        }
        if (failFor.test(connectionId))
        {
            throw new IllegalStateException("the sink failed for connection " + connectionId);
        }
        final byte[] bytes = new byte[length];
        response.getBytes(offset, bytes);
        calls.add(responses.size());
        responses.add(new Response(connectionId, bytes, inputs.lastSequence(), outcomes.lastSequence()));
    }

    @Override
    public void endOfBatch()
    {
        calls.add(END_OF_BATCH);
        outcomeBatchesAtEndOfBatch.add(outcomes.batches());
    }

    /** Holds the responder in its next {@link #onResponse} until {@code gate} opens. */
    void holdUntil(final CountDownLatch gate)
    {
        release = gate;
    }

    /** Waits until the responder is held in {@link #onResponse}. */
    void awaitHeld() throws InterruptedException
    {
        held.await();
    }

    void failFor(final LongPredicate connectionIds)
    {
        failFor = connectionIds;
    }

    List<Response> responses()
    {
        return responses;
    }

    /** Response indexes and {@link #END_OF_BATCH} marks in the order the sink was called. */
    List<Integer> calls()
    {
        return calls;
    }

    /** For each batch end, how many batch ends the outcome journal had seen by then. */
    List<Integer> outcomeBatchesAtEndOfBatch()
    {
        return outcomeBatchesAtEndOfBatch;
    }

    private static void awaitUninterruptibly(final CountDownLatch gate)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                gate.await();
                break;
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }
}
