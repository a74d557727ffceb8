package dev.junction.core.auth;

/**
 * Counts in a sliding window of fixed buckets of journaled time, for many owners (cards, merchants),
 * each a block of longs in one flat array that also holds the owner's other fields. An owner's ring is
 * {@code buckets} slots of {@code width} values each (a card counts approvals and amounts, a merchant
 * approvals), indexed by bucket number modulo {@code buckets}; the owner keeps the number of the last
 * bucket it wrote and, beside the ring, the running total of each value over the window that ends there.
 * <p>
 * The window at bucket {@code b} is buckets {@code b - buckets + 1} to {@code b}. The totals make reading
 * it cheap: at the owner's last bucket (or before it) a window is its total, with no loop over the ring;
 * later, the slots that have left the window are subtracted, at most one per bucket that passed. Slots of
 * buckets that left the window are cleared, and taken off the totals, when the owner next writes. Time
 * that goes backwards counts as the last bucket. Static helpers over the caller's arrays; allocation-free.
 */
final class VelocityWindow
{
    private VelocityWindow()
    {
    }

    /** @return the index of the first value of the slot that stands for {@code bucket}. */
    static int slot(final int ring, final int width, final int buckets, final long bucket)
    {
        return ring + width * Math.floorMod(bucket, buckets);
    }

    /**
     * @return the window total at {@code bucket} of the value at {@code value} within each slot, given
     * {@code total}, the owner's running total of that value over the window ending at {@code lastBucket}.
     */
    static long sum(final long[] words, final int ring, final int width, final int buckets, final int value,
        final long total, final long lastBucket, final long bucket)
    {
        if (bucket <= lastBucket)
        {
            return total;
        }
        if (bucket - lastBucket >= buckets)
        {
            return 0;
        }
        long sum = total;
        for (long n = lastBucket - buckets + 1; n <= bucket - buckets; n++)
        {
            sum -= words[slot(ring, width, buckets, n) + value];
        }
        return sum;
    }

    /**
     * Clears the slots of the buckets between the owner's last one and {@code bucket}, which they will
     * now stand for, taking what they held off the running totals at {@code totals} (one per value).
     *
     * @return the owner's new last bucket (the later of the two).
     */
    static long advance(final long[] words, final int ring, final int width, final int buckets, final int totals,
        final long lastBucket, final long bucket)
    {
        if (bucket <= lastBucket)
        {
            return lastBucket;
        }
        final long clearTo = Math.min(bucket, lastBucket + buckets);
        for (long n = lastBucket + 1; n <= clearTo; n++)
        {
            final int slot = slot(ring, width, buckets, n);
            for (int value = 0; value < width; value++)
            {
                words[totals + value] -= words[slot + value];
                words[slot + value] = 0;
            }
        }
        return bucket;
    }
}
