package dev.junction.core.pipeline;

import org.agrona.DirectBuffer;

/**
 * Where the journal stage appends every input event before any answer to it may leave. Implemented
 * by the {@code journal} module over Chronicle Queue; core only knows this interface. All methods are
 * called on the journal stage's one thread, {@link #onStart()} first.
 */
public interface InputJournal
{
    /** Called once on the writing thread before the first append (Chronicle appenders are per thread). */
    void onStart();

    /**
     * Appends one input record. Must not allocate in steady state.
     *
     * @param sequence          the journal sequence: dense, increasing by one per event, across restarts.
     * @param kind              an {@link EventKind} byte.
     * @param ingressEpochNanos when the producer took the event in: the only time the authorizer sees.
     * @param connectionId      the acquirer connection, 0 for events that come from no connection.
     */
    void append(long sequence, byte kind, long ingressEpochNanos, long connectionId,
        DirectBuffer payload, int offset, int length);

    /** The end of a ring batch: the place for a group commit (a sync), if one is configured. */
    void endOfBatch();

    /** Called once on the writing thread when the pipeline stops. */
    void onShutdown();
}
