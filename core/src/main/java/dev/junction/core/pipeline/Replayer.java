package dev.junction.core.pipeline;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.Decision;
import org.agrona.DirectBuffer;

/**
 * Rebuilds the authorizer's state from journaled inputs, through the same slot type and the same
 * {@link Authorizer#apply} as the live ring, so the state (and every decision) is the live run's.
 * Single-threaded: the caller owns the authorizer until the ring starts.
 * <p>
 * Two ways to feed it: {@link #apply} decides each input at once and returns its decision; {@link #offer}
 * collects up to {@value Authorizer#WARM_BATCH} inputs and applies them together after warming them
 * ({@link Authorizer#warm}), as the ring's authorizer stage does with a batch, telling the caller of each
 * one as it is applied; {@link #flush} applies what is left. A restart replays millions of inputs, so the
 * cache misses of a batch overlapping is worth what it is in the ring. The decisions are the same either
 * way. One way per replayer.
 */
public final class Replayer
{
    /** Told of each offered input once it is applied, in journal order; its decision is valid until it returns. */
    @FunctionalInterface
    public interface Applied
    {
        void onApplied(TransactionEvent event);
    }

    private final Authorizer authorizer;
    private final TransactionEvent event;
    /** Inputs offered and not yet applied; made on the first {@link #offer}. */
    private TransactionEvent[] batch;
    private int batched;
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
        if (batched > 0)
        {
            throw new IllegalStateException("inputs offered to the replayer are not applied yet: flush first");
        }
        check(sequence, length);
        event.copyInput(sequence, kind, ingressEpochNanos, connectionId, payload, offset, length);
        authorizer.apply(event);
        lastSequence = sequence;
        applied++;
        return event.decision();
    }

    /**
     * Takes one journaled input to be applied with the next ones: when {@value Authorizer#WARM_BATCH} are
     * waiting, warms and applies them, telling {@code onApplied} of each.
     *
     * @throws IllegalStateException when sequences are not dense and increasing (nothing waiting is lost:
     *                               {@link #flush} still applies it), or when the record is too large.
     */
    public void offer(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
        final DirectBuffer payload, final int offset, final int length, final Applied onApplied)
    {
        check(sequence, length);
        if (batch == null)
        {
            batch = new TransactionEvent[Authorizer.WARM_BATCH];
            for (int i = 0; i < batch.length; i++)
            {
                batch[i] = new TransactionEvent(MAX_PAYLOAD);
            }
        }
        batch[batched++].copyInput(sequence, kind, ingressEpochNanos, connectionId, payload, offset, length);
        if (batched == batch.length)
        {
            flush(onApplied);
        }
    }

    /** Applies the inputs offered and not yet applied, telling {@code onApplied} of each. */
    public void flush(final Applied onApplied)
    {
        final int count = batched;
        if (count == 0)
        {
            return;
        }
        authorizer.warmBegin();
        for (int i = 0; i < count; i++)
        {
            authorizer.warmAdd(batch[i]);
        }
        authorizer.warm();
        batched = 0;
        for (int i = 0; i < count; i++)
        {
            final TransactionEvent input = batch[i];
            authorizer.apply(input);
            lastSequence = input.sequence();
            applied++;
            onApplied.onApplied(input);
        }
    }

    private void check(final long sequence, final int length)
    {
        // The last sequence taken in: the newest offered one still waiting, else the last applied.
        final long lastTaken = batched > 0 ? batch[batched - 1].sequence() : lastSequence;
        if (lastTaken >= 0 && sequence != lastTaken + 1)
        {
            throw new IllegalStateException("journal sequence " + sequence + " follows " + lastTaken +
                ": records are missing or out of order");
        }
        if (length > MAX_PAYLOAD)
        {
            throw new IllegalStateException("journal record " + sequence + " holds " + length +
                " bytes, more than any frame can carry");
        }
    }

    /** @return the last sequence applied (offered inputs count once flushed), -1 before the first. */
    public long lastSequence()
    {
        return lastSequence;
    }

    public long applied()
    {
        return applied;
    }
}
