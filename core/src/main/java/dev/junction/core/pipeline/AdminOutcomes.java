package dev.junction.core.pipeline;

import java.util.concurrent.atomic.AtomicLongArray;

import dev.junction.core.auth.Decision;
import org.agrona.DirectBuffer;

/**
 * The outcomes of recent ADMIN events, for the operator's thread that published them and waits for what
 * the authorizer decided. The slot of an event is reused a ring lap later, so the waiting thread cannot
 * read the decision there; it reads it here instead, by journal sequence.
 * <p>
 * The table is filled by {@link #recording}: an outcome journal in front of the real one, so each admin
 * outcome is kept right after it was journaled, on the responder's thread, its one writer. Any thread
 * reads, without a lock: a slot's sequence is cleared before its values are rewritten and set after, and
 * a reader that finds the same sequence before and after reading the values has read one whole outcome.
 * The table holds the last {@link #capacity()} admin outcomes; an older one reads as absent. Only admin
 * events (an outcome with an admin result) cost anything here, and they are rare.
 */
public final class AdminOutcomes
{
    /** Admin outcomes kept: far more than an operator's action publishes before it reads its results. */
    public static final int DEFAULT_CAPACITY = 1024;

    private static final long EMPTY = -1;
    private static final int RESULT = 0;
    private static final int VALUE = 1;
    private static final int AMOUNT = 2;
    private static final int CURRENCY = 3;
    private static final int BALANCE = 4;
    private static final int AVAILABLE = 5;
    private static final int STRIDE = 6;

    private final int mask;
    private final AtomicLongArray sequences;
    private final AtomicLongArray values;

    /** @param capacity how many recent admin outcomes are kept; a power of two. */
    public AdminOutcomes(final int capacity)
    {
        if (capacity < 1 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("admin outcome capacity must be a power of two: " + capacity);
        }
        mask = capacity - 1;
        sequences = new AtomicLongArray(capacity);
        values = new AtomicLongArray(capacity * STRIDE);
        for (int i = 0; i < capacity; i++)
        {
            sequences.set(i, EMPTY);
        }
    }

    /** What the authorizer decided for one admin event: the {@link Decision} values an operator is told. */
    public record Outcome(long sequence, int result, long value, long amountMinor, int currencyCode,
        long balanceAfterMinor, long availableAfterMinor)
    {
    }

    public int capacity()
    {
        return mask + 1;
    }

    /** @return an outcome journal that appends to {@code journal} and then keeps each admin outcome here. */
    public OutcomeJournal recording(final OutcomeJournal journal)
    {
        return new Recording(journal, this);
    }

    /** Keeps an admin event's outcome; the responder's thread only. */
    void record(final long sequence, final Decision decision)
    {
        final int slot = (int)(sequence & mask);
        final int base = slot * STRIDE;
        sequences.set(slot, EMPTY);
        values.set(base + RESULT, decision.adminResult());
        values.set(base + VALUE, decision.adminValue());
        values.set(base + AMOUNT, decision.amountMinor());
        values.set(base + CURRENCY, decision.currencyCode());
        values.set(base + BALANCE, decision.balanceAfterMinor());
        values.set(base + AVAILABLE, decision.availableAfterMinor());
        sequences.set(slot, sequence);
    }

    /**
     * @return the outcome of the admin event at journal {@code sequence}, or null when it is not (or no
     * longer) held: not yet journaled, not an admin event, or overwritten by {@link #capacity()} later ones.
     */
    public Outcome find(final long sequence)
    {
        final int slot = (int)(sequence & mask);
        final int base = slot * STRIDE;
        if (sequences.get(slot) != sequence)
        {
            return null;
        }
        final Outcome outcome = new Outcome(sequence, (int)values.get(base + RESULT), values.get(base + VALUE),
            values.get(base + AMOUNT), (int)values.get(base + CURRENCY), values.get(base + BALANCE),
            values.get(base + AVAILABLE));
        return sequences.get(slot) == sequence ? outcome : null;
    }

    /** The outcome journal in front of the real one: appends, then keeps the admin outcomes. */
    private static final class Recording implements OutcomeJournal
    {
        private final OutcomeJournal journal;
        private final AdminOutcomes outcomes;

        Recording(final OutcomeJournal journal, final AdminOutcomes outcomes)
        {
            this.journal = journal;
            this.outcomes = outcomes;
        }

        @Override
        public void onStart()
        {
            journal.onStart();
        }

        @Override
        public void append(final long sequence, final Decision decision, final DirectBuffer response, final int offset,
            final int length)
        {
            journal.append(sequence, decision, response, offset, length);
            // Every admin event, and only an admin event, has an admin result.
            if (decision.adminResult() != 0)
            {
                outcomes.record(sequence, decision);
            }
        }

        @Override
        public void endOfBatch()
        {
            journal.endOfBatch();
        }

        @Override
        public void onShutdown()
        {
            journal.onShutdown();
        }
    }
}
