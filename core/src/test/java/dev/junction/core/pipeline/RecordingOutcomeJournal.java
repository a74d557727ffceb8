package dev.junction.core.pipeline;

import java.util.ArrayList;
import java.util.List;

import dev.junction.core.auth.Decision;
import org.agrona.DirectBuffer;

/**
 * An {@link OutcomeJournal} in memory, written on the responder's thread; the test reads
 * {@link #outcomes()} only after the pipeline has processed what it published.
 */
final class RecordingOutcomeJournal implements OutcomeJournal
{
    /** One appended outcome record: the decision's values and the response bytes. */
    record Outcome(long sequence, int responseMti, int responseCode, long authorizationId, int adminResult,
        byte[] response)
    {
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private volatile long lastSequence = Long.MIN_VALUE;
    private volatile int starts;
    private volatile int batches;
    private volatile int shutdowns;
    private volatile long shutdownDelayMillis;

    @Override
    public void onStart()
    {
        starts++;
    }

    @Override
    public void append(final long sequence, final Decision decision, final DirectBuffer response, final int offset,
        final int length)
    {
        final byte[] bytes = new byte[length];
        response.getBytes(offset, bytes);
        outcomes.add(new Outcome(sequence, decision.responseMti(), decision.responseCode(),
            decision.authorizationId(), decision.adminResult(), bytes));
        lastSequence = sequence;
    }

    @Override
    public void endOfBatch()
    {
        batches++;
    }

    @Override
    public void onShutdown()
    {
        final long delay = shutdownDelayMillis;
        if (delay > 0)
        {
            try
            {
                // Closing a real journal takes a while (a final sync, unmapping files).
                Thread.sleep(delay);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
        shutdowns++;
    }

    /** Makes {@link #onShutdown()} take as long as closing a real journal may. */
    void shutdownTakes(final long millis)
    {
        shutdownDelayMillis = millis;
    }

    List<Outcome> outcomes()
    {
        return outcomes;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    int starts()
    {
        return starts;
    }

    int batches()
    {
        return batches;
    }

    int shutdowns()
    {
        return shutdowns;
    }
}
