package dev.junction.core.pipeline;

import dev.junction.core.auth.Decision;
import org.agrona.DirectBuffer;

/**
 * Where the responder stage appends each event's outcome (the decision and the exact response bytes)
 * before the response is handed to its connection. Implemented by the {@code journal} module; all
 * methods are called on the responder stage's one thread, {@link #onStart()} first.
 */
public interface OutcomeJournal
{
    /** Called once on the writing thread before the first append. */
    void onStart();

    /**
     * Appends the outcome of the input with the same sequence. Must not allocate in steady state.
     *
     * @param response the encoded response (without the 2-byte frame length), empty when not answered.
     */
    void append(long sequence, Decision decision, DirectBuffer response, int offset, int length);

    /** The end of a ring batch: the place for a group commit, if one is configured. */
    void endOfBatch();

    /** Called once on the writing thread when the pipeline stops. */
    void onShutdown();
}
