package dev.junction.core.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;

/**
 * An {@link InputJournal} in memory. The journal stage's thread writes it; the test reads
 * {@link #inputs()} only after the pipeline has processed what it published (the ring's sequences
 * order those reads after the writes), and other stages may read the volatile
 * {@link #lastSequence()} at any time.
 */
final class RecordingInputJournal implements InputJournal
{
    /** One appended input record. */
    record Input(long sequence, byte kind, long ingressEpochNanos, long connectionId, byte[] payload)
    {
    }

    private final List<Input> inputs = new ArrayList<>();
    private volatile long lastSequence = Long.MIN_VALUE;
    private volatile int starts;
    private volatile int batches;
    private volatile int shutdowns;
    private volatile RuntimeException failOnAppend;

    @Override
    public void onStart()
    {
        starts++;
    }

    @Override
    public void append(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
        final DirectBuffer payload, final int offset, final int length)
    {
        final RuntimeException failure = failOnAppend;
        if (failure != null)
        {
            failOnAppend = null;
            throw failure;
        }
        final byte[] bytes = new byte[length];
        payload.getBytes(offset, bytes);
        inputs.add(new Input(sequence, kind, ingressEpochNanos, connectionId, bytes));
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
        shutdowns++;
    }

    /** The next append throws {@code failure} instead of appending. */
    void failNextAppend(final RuntimeException failure)
    {
        failOnAppend = failure;
    }

    List<Input> inputs()
    {
        return inputs;
    }

    /** @return the sequence of the last append, {@link Long#MIN_VALUE} before the first. */
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
