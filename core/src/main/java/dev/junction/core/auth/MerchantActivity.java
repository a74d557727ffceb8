package dev.junction.core.auth;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;

/**
 * Each merchant's (card acceptor, field 42) approvals in the velocity window: a burst at one merchant is
 * how stolen card numbers are tested. A direct-mapped table of a configured power-of-two number of
 * slots: a merchant's 15 characters pick its slot by hash; a merchant that finds its slot held by
 * another takes it over and starts from zero, so the table stays bounded whatever the number of
 * merchants, and the outcome depends only on the order of events. Each slot is one block of longs (in
 * use, the merchant's two halves, last bucket, the window's running total, then the ring of
 * {@link VelocityWindow}), so that a request reads one slot in one or two cache lines. Authorizer-thread
 * only; allocation-free.
 */
public final class MerchantActivity
{
    private static final int FIRST_PART_CHARS = 8;
    private static final int MERCHANT_CHARS = 15;

    private static final int USED = 0;
    private static final int FIRST_PART = 1;
    private static final int SECOND_PART = 2;
    private static final int LAST_BUCKET = 3;
    private static final int WINDOW_TOTAL = 4;
    private static final int RING = 5;
    private static final int SLOT_WIDTH = 1;

    private final int buckets;
    private final int mask;
    private final int slots;
    private final int stride;
    private final long[] words;
    private long firstPart;
    private long secondPart;

    MerchantActivity(final int slots, final int buckets)
    {
        this.buckets = buckets;
        this.slots = slots;
        mask = slots - 1;
        stride = RING + SLOT_WIDTH * buckets;
        words = new long[slots * stride];
    }

    /**
     * @return the merchant's slot for a request with field 42, -1 without it; remembers the merchant's
     * identity for {@link #windowCount} and {@link #record}.
     */
    int slotOf(final IsoMessage request)
    {
        if (!request.has(IsoFields.MERCHANT_ID))
        {
            return -1;
        }
        firstPart = request.chars(IsoFields.MERCHANT_ID, 0, FIRST_PART_CHARS);
        secondPart = request.chars(IsoFields.MERCHANT_ID, FIRST_PART_CHARS, MERCHANT_CHARS - FIRST_PART_CHARS);
        return (int)(StateDigest.mix(firstPart, secondPart) & mask);
    }

    /** @return the approvals in the window at {@code bucket} of the merchant {@link #slotOf} last read. */
    long windowCount(final int slot, final long bucket)
    {
        if (slot < 0 || !holdsLastRead(slot))
        {
            return 0;
        }
        final int base = slot * stride;
        return VelocityWindow.sum(words, base + RING, SLOT_WIDTH, buckets, 0, words[base + WINDOW_TOTAL],
            words[base + LAST_BUCKET], bucket);
    }

    /** Counts an approval at the merchant {@link #slotOf} last read, taking its slot over if another held it. */
    void record(final int slot, final long bucket)
    {
        if (slot < 0)
        {
            return;
        }
        final int base = slot * stride;
        if (!holdsLastRead(slot))
        {
            words[base + USED] = 1;
            words[base + FIRST_PART] = firstPart;
            words[base + SECOND_PART] = secondPart;
            words[base + LAST_BUCKET] = bucket;
            words[base + WINDOW_TOTAL] = 0;
            java.util.Arrays.fill(words, base + RING, base + stride, 0);
        }
        final long last = VelocityWindow.advance(words, base + RING, SLOT_WIDTH, buckets, base + WINDOW_TOTAL,
            words[base + LAST_BUCKET], bucket);
        words[base + LAST_BUCKET] = last;
        words[VelocityWindow.slot(base + RING, SLOT_WIDTH, buckets, last)]++;
        words[base + WINDOW_TOTAL]++;
    }

    /** Adds the slots in use to a digest, in slot order. */
    long digest(final long seed)
    {
        long hash = seed;
        for (int slot = 0; slot < slots; slot++)
        {
            final int base = slot * stride;
            if (words[base + USED] != 0)
            {
                hash = StateDigest.mix(hash, slot);
                hash = StateDigest.mix(hash, words[base + FIRST_PART]);
                hash = StateDigest.mix(hash, words[base + SECOND_PART]);
                hash = StateDigest.mix(hash, words[base + LAST_BUCKET]);
                for (int i = base + RING; i < base + stride; i++)
                {
                    hash = StateDigest.mix(hash, words[i]);
                }
            }
        }
        return hash;
    }

    private boolean holdsLastRead(final int slot)
    {
        final int base = slot * stride;
        return words[base + USED] != 0 && words[base + FIRST_PART] == firstPart && words[base + SECOND_PART] == secondPart;
    }

    /** Writes the slots in use, in slot order, for a snapshot. */
    void writeTo(final SnapshotOutput out)
    {
        int inUse = 0;
        for (int slot = 0; slot < slots; slot++)
        {
            inUse += words[slot * stride + USED] != 0 ? 1 : 0;
        }
        out.writeInt(inUse);
        for (int slot = 0; slot < slots; slot++)
        {
            final int base = slot * stride;
            if (words[base + USED] != 0)
            {
                out.writeInt(slot);
                out.writeLong(words[base + FIRST_PART]);
                out.writeLong(words[base + SECOND_PART]);
                out.writeLong(words[base + LAST_BUCKET]);
                for (int i = base + RING; i < base + stride; i++)
                {
                    out.writeLong(words[i]);
                }
            }
        }
    }

    /**
     * Replaces every slot with a snapshot's: the slots it does not name are free. The window totals,
     * which the snapshot does not hold, are summed from the rings.
     */
    void readFrom(final SnapshotInput in)
    {
        java.util.Arrays.fill(words, 0);
        final int inUse = in.readCount(slots, "merchant slots");
        for (int n = 0; n < inUse; n++)
        {
            final int slot = in.readInt();
            if (slot < 0 || slot >= slots)
            {
                throw new SnapshotException("snapshot names merchant slot " + slot + " of " + slots);
            }
            final int base = slot * stride;
            words[base + USED] = 1;
            words[base + FIRST_PART] = in.readLong();
            words[base + SECOND_PART] = in.readLong();
            words[base + LAST_BUCKET] = in.readLong();
            long total = 0;
            for (int i = base + RING; i < base + stride; i++)
            {
                words[i] = in.readLong();
                total += words[i];
            }
            words[base + WINDOW_TOTAL] = total;
        }
    }
}
