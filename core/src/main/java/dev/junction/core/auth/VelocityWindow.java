package dev.junction.core.auth;

/**
 * Counts in a sliding window of fixed buckets of journaled time, for many owners (cards, merchants) in
 * flat arrays: owner {@code o} keeps {@code buckets} consecutive slots from {@code o * buckets}, a
 * ring indexed by bucket number modulo {@code buckets}, and the number of the last bucket it wrote.
 * The window at bucket {@code b} is buckets {@code b - buckets + 1} to {@code b}; slots of older buckets
 * are cleared lazily when the owner next writes. Time that goes backwards counts as the last bucket.
 * Static helpers over the caller's arrays; allocation-free.
 */
final class VelocityWindow
{
    private VelocityWindow()
    {
    }

    /** @return the sum of the owner's slots whose buckets lie in the window that ends at {@code bucket}. */
    static long sum(final long[] slots, final int base, final int buckets, final long lastBucket, final long bucket)
    {
        final long now = Math.max(bucket, lastBucket);
        long sum = 0;
        for (long n = Math.max(lastBucket - buckets + 1, now - buckets + 1); n <= lastBucket; n++)
        {
            sum += slots[base + (int)Math.floorMod(n, buckets)];
        }
        return sum;
    }

    /**
     * Clears the slots of the buckets between the owner's last one and {@code bucket}, which they will
     * now stand for. @return the owner's new last bucket (the later of the two).
     */
    static long advance(final long[] counts, final long[] amounts, final int base, final int buckets,
        final long lastBucket, final long bucket)
    {
        if (bucket <= lastBucket)
        {
            return lastBucket;
        }
        final long clearTo = Math.min(bucket, lastBucket + buckets);
        for (long n = lastBucket + 1; n <= clearTo; n++)
        {
            final int slot = base + (int)Math.floorMod(n, buckets);
            counts[slot] = 0;
            if (amounts != null)
            {
                amounts[slot] = 0;
            }
        }
        return bucket;
    }
}
