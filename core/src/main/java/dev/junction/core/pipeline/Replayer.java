package dev.junction.core.pipeline;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.Decision;
import org.agrona.DirectBuffer;

/**
 * Rebuilds the authorizer's state from journaled inputs, through the same slot type and the same
 * {@link Authorizer#apply} as the live ring, so the state (and every decision) is the live run's.
 * Single-threaded: the caller owns the authorizer until the ring starts.
 */
public final class Replayer
{
    private final Authorizer authorizer;
    private final TransactionEvent event;
    private long lastSequence = -1;
    private long applied;

    /** The largest input any journal can hold: a frame's length is two bytes. */
    public static final int MAX_PAYLOAD = 65_535;

    public Replayer(final Authorizer authorizer)
    {
        this(authorizer, -1);
    }

    /**
     * A replayer that continues after {@code lastSequence}: the authorizer already holds the state of
     * every input up to it (restored from a snapshot that covers it).
     */
    public Replayer(final Authorizer authorizer, final long lastSequence)
    {
        this.authorizer = authorizer;
        this.event = new TransactionEvent(MAX_PAYLOAD);
        this.lastSequence = lastSequence;
    }

    /**
     * Applies one journaled input.
     *
     * @return the decision it led to (valid until the next call).
     * @throws IllegalStateException when sequences are not dense and increasing: a journal with a gap
     *                               cannot rebuild the state.
     */
    public Decision apply(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
        final DirectBuffer payload, final int offset, final int length)
    {
        if (lastSequence >= 0 && sequence != lastSequence + 1)
        {
            throw new IllegalStateException("journal sequence " + sequence + " follows " + lastSequence +
                ": records are missing or out of order");
        }
        if (length > MAX_PAYLOAD)
        {
            throw new IllegalStateException("journal record " + sequence + " holds " + length +
                " bytes, more than any frame can carry");
        }
        event.copyInput(sequence, kind, ingressEpochNanos, connectionId, payload, offset, length);
        authorizer.apply(event);
        lastSequence = sequence;
        applied++;
        return event.decision();
    }

    /** @return the last sequence applied, -1 before the first. */
    public long lastSequence()
    {
        return lastSequence;
    }

    public long applied()
    {
        return applied;
    }
}
