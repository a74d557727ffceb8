package dev.junction.benchmarks.load;

import dev.junction.network.traffic.RequestKind;

/**
 * The requests of one connection that await their answer, keyed by STAN, with the STAN allocation
 * that guarantees an outstanding STAN is never reused: each of the {@code capacity} slots owns the
 * STANs {@code 1 + slot + k * capacity}, and a slot is handed out again only after its answer came.
 * Successive uses of a slot walk through its STANs, so STANs vary over the whole 6-digit range.
 * A table may start its walk at an offset into the range ({@link #InFlightTable(int, int)}), so that the
 * connections of one run, which share an acquirer id, do not send the same STANs in the same second:
 * a reversal names its original by STAN, time and acquirer (field 90), and two connections sending STAN 1
 * in one second would make it ambiguous, as a real acquirer never would.
 * Primitive arrays only; nothing allocates after construction. Single-threaded.
 */
final class InFlightTable
{
    /** Field 11 has six digits; 0 is not used. */
    static final int MAX_STAN = 999_999;

    private final int capacity;
    private final int generations;
    /** {@code generations * capacity}: the STANs this table walks, 1 to {@code span}. */
    private final int span;
    private final int offset;
    private final int[] stanOfSlot;
    private final long[] intendedNanosOfSlot;
    private final byte[] kindOfSlot;
    private final int[] generationOfSlot;
    private final int[] freeSlots;
    private int freeCount;

    /** @param capacity the most requests outstanding at once, 1..{@link #MAX_STAN}. */
    InFlightTable(final int capacity)
    {
        this(capacity, 0);
    }

    /**
     * @param capacity   the most requests outstanding at once, 1..{@link #MAX_STAN}.
     * @param stanOffset where in the STAN range the walk starts (taken modulo the range); 0 starts at STAN 1.
     */
    InFlightTable(final int capacity, final int stanOffset)
    {
        if (capacity < 1 || capacity > MAX_STAN)
        {
            throw new IllegalArgumentException("in-flight capacity must be 1.." + MAX_STAN + ": " + capacity);
        }
        this.capacity = capacity;
        this.generations = MAX_STAN / capacity;
        this.span = generations * capacity;
        this.offset = Math.floorMod(stanOffset, span);
        this.stanOfSlot = new int[capacity];
        this.intendedNanosOfSlot = new long[capacity];
        this.kindOfSlot = new byte[capacity];
        this.generationOfSlot = new int[capacity];
        this.freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            freeSlots[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
    }

    /** @return true when no STAN is free: a send now would exceed the in-flight limit. */
    boolean isFull()
    {
        return freeCount == 0;
    }

    /** @return requests outstanding. */
    int outstanding()
    {
        return capacity - freeCount;
    }

    /**
     * Takes a STAN for a request about to be sent.
     *
     * @param intendedNanos the time the request was meant to leave, the start of its latency.
     * @param kind          what it is, to check and count the answer.
     * @return the STAN, 1..999999; call only when not {@link #isFull()}.
     */
    int acquire(final long intendedNanos, final RequestKind kind)
    {
        if (freeCount == 0)
        {
            throw new IllegalStateException("no free STAN: check isFull() first");
        }
        final int slot = freeSlots[--freeCount];
        final int generation = generationOfSlot[slot];
        generationOfSlot[slot] = generation + 1 == generations ? 0 : generation + 1;
        final int stan = 1 + (slot + generation * capacity + offset) % span;
        stanOfSlot[slot] = stan;
        intendedNanosOfSlot[slot] = intendedNanos;
        kindOfSlot[slot] = (byte)kind.ordinal();
        return stan;
    }

    /** @return the slot holding the outstanding request with this STAN, or -1 if none is. */
    int slotOf(final long stan)
    {
        if (stan < 1 || stan > span)
        {
            return -1;
        }
        final int slot = (int)((stan - 1 - offset + span) % span % capacity);
        return stanOfSlot[slot] == stan ? slot : -1;
    }

    long intendedNanos(final int slot)
    {
        return intendedNanosOfSlot[slot];
    }

    RequestKind kind(final int slot)
    {
        return RequestKind.byOrdinal(kindOfSlot[slot]);
    }

    /**
     * For the report on requests never answered; allocates.
     *
     * @return up to {@code most} outstanding requests as "STAN kind", comma-separated.
     */
    String describeOutstanding(final int most)
    {
        final StringBuilder text = new StringBuilder();
        int shown = 0;
        for (int slot = 0; slot < capacity && shown < most; slot++)
        {
            if (stanOfSlot[slot] != 0)
            {
                text.append(shown++ == 0 ? "" : ", ").append(String.format("%06d", stanOfSlot[slot]))
                    .append(' ').append(RequestKind.byOrdinal(kindOfSlot[slot]).optionName());
            }
        }
        return text.toString();
    }

    /** The answer came: the slot's STAN may be reused. */
    void release(final int slot)
    {
        if (stanOfSlot[slot] == 0)
        {
            throw new IllegalStateException("slot " + slot + " is not in flight");
        }
        stanOfSlot[slot] = 0;
        freeSlots[freeCount++] = slot;
    }
}
