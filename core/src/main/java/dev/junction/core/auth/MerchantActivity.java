package dev.junction.core.auth;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;

/**
 * Each merchant's (card acceptor, field 42) approvals in the velocity window: a burst at one merchant is
 * how stolen card numbers are tested. A direct-mapped table of a configured power-of-two number of
 * slots: a merchant's 15 characters pick its slot by hash; a merchant that finds its slot held by
 * another takes it over and starts from zero, so the table stays bounded whatever the number of
 * merchants, and the outcome depends only on the order of events. Authorizer-thread only; allocation-free.
 */
public final class MerchantActivity
{
    private static final int FIRST_PART_CHARS = 8;
    private static final int MERCHANT_CHARS = 15;

    private final int buckets;
    private final int mask;
    private final boolean[] used;
    private final long[] firstParts;
    private final long[] secondParts;
    private final long[] lastBuckets;
    private final long[] counts;
    private long firstPart;
    private long secondPart;

    MerchantActivity(final int slots, final int buckets)
    {
        this.buckets = buckets;
        mask = slots - 1;
        used = new boolean[slots];
        firstParts = new long[slots];
        secondParts = new long[slots];
        lastBuckets = new long[slots];
        counts = new long[slots * buckets];
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
        firstPart = 0;
        secondPart = 0;
        for (int i = 0; i < FIRST_PART_CHARS; i++)
        {
            firstPart = firstPart << 8 | request.charAt(IsoFields.MERCHANT_ID, i);
        }
        for (int i = FIRST_PART_CHARS; i < MERCHANT_CHARS; i++)
        {
            secondPart = secondPart << 8 | request.charAt(IsoFields.MERCHANT_ID, i);
        }
        return (int)(StateDigest.mix(firstPart, secondPart) & mask);
    }

    /** @return the approvals in the window at {@code bucket} of the merchant {@link #slotOf} last read. */
    long windowCount(final int slot, final long bucket)
    {
        if (slot < 0 || !holdsLastRead(slot))
        {
            return 0;
        }
        return VelocityWindow.sum(counts, slot * buckets, buckets, lastBuckets[slot], bucket);
    }

    /** Counts an approval at the merchant {@link #slotOf} last read, taking its slot over if another held it. */
    void record(final int slot, final long bucket)
    {
        if (slot < 0)
        {
            return;
        }
        final int base = slot * buckets;
        if (!holdsLastRead(slot))
        {
            used[slot] = true;
            firstParts[slot] = firstPart;
            secondParts[slot] = secondPart;
            lastBuckets[slot] = bucket;
            for (int i = base; i < base + buckets; i++)
            {
                counts[i] = 0;
            }
        }
        lastBuckets[slot] = VelocityWindow.advance(counts, null, base, buckets, lastBuckets[slot], bucket);
        counts[base + (int)Math.floorMod(lastBuckets[slot], buckets)]++;
    }

    /** Adds the slots in use to a digest, in slot order. */
    long digest(final long seed)
    {
        long hash = seed;
        for (int slot = 0; slot < used.length; slot++)
        {
            if (used[slot])
            {
                hash = StateDigest.mix(hash, slot);
                hash = StateDigest.mix(hash, firstParts[slot]);
                hash = StateDigest.mix(hash, secondParts[slot]);
                hash = StateDigest.mix(hash, lastBuckets[slot]);
                for (int i = slot * buckets; i < (slot + 1) * buckets; i++)
                {
                    hash = StateDigest.mix(hash, counts[i]);
                }
            }
        }
        return hash;
    }

    private boolean holdsLastRead(final int slot)
    {
        return used[slot] && firstParts[slot] == firstPart && secondParts[slot] == secondPart;
    }

    /** Writes the slots in use, in slot order, for a snapshot. */
    void writeTo(final SnapshotOutput out)
    {
        int inUse = 0;
        for (final boolean slotUsed : used)
        {
            inUse += slotUsed ? 1 : 0;
        }
        out.writeInt(inUse);
        for (int slot = 0; slot < used.length; slot++)
        {
            if (used[slot])
            {
                out.writeInt(slot);
                out.writeLong(firstParts[slot]);
                out.writeLong(secondParts[slot]);
                out.writeLong(lastBuckets[slot]);
                for (int i = slot * buckets; i < (slot + 1) * buckets; i++)
                {
                    out.writeLong(counts[i]);
                }
            }
        }
    }

    /** Replaces every slot with a snapshot's: the slots it does not name are free. */
    void readFrom(final SnapshotInput in)
    {
        java.util.Arrays.fill(used, false);
        java.util.Arrays.fill(firstParts, 0);
        java.util.Arrays.fill(secondParts, 0);
        java.util.Arrays.fill(lastBuckets, 0);
        java.util.Arrays.fill(counts, 0);
        final int inUse = in.readCount(used.length, "merchant slots");
        for (int n = 0; n < inUse; n++)
        {
            final int slot = in.readInt();
            if (slot < 0 || slot >= used.length)
            {
                throw new SnapshotException("snapshot names merchant slot " + slot + " of " + used.length);
            }
            used[slot] = true;
            firstParts[slot] = in.readLong();
            secondParts[slot] = in.readLong();
            lastBuckets[slot] = in.readLong();
            for (int i = slot * buckets; i < (slot + 1) * buckets; i++)
            {
                counts[i] = in.readLong();
            }
        }
    }
}
