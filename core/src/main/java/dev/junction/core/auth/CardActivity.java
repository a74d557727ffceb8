package dev.junction.core.auth;

import java.util.Arrays;

/**
 * What each card has done, kept incrementally as approvals happen, and its own limits: the counters
 * of its current UTC day (count, amount, and the small-amount allowance used), its approvals in the
 * velocity window, how many approvals it has had and a running average of their amounts, plus the
 * per-card limit overrides an admin record set (0: the rule set's profile applies).
 * <p>
 * Indexed like {@link Cards}; the columns grow while cards are provisioned, never while requests are
 * authorized. "Today" is the UTC day of the journaled ingress time: a card's day counters belong to the
 * day they were written on and read as zero on any other, so they reset without a timer. The average is
 * an exponential moving average in integers, avg += (amount - avg) / 8. Authorizer-thread only;
 * reading and recording allocate nothing.
 */
public final class CardActivity
{
    private static final int INITIAL_COLUMNS = 1024;
    private static final int AVERAGE_WEIGHT = 8;

    private final int buckets;
    private int columns;
    private long[] days;
    private long[] dailyCounts;
    private long[] dailyAmountsMinor;
    private long[] smallCounts;
    private long[] smallAmountsMinor;
    private long[] approvals;
    private long[] averagesMinor;
    private long[] lastBuckets;
    private long[] bucketCounts;
    private long[] bucketAmountsMinor;
    private long[] maxSingleMinor;
    private long[] dailyLimitMinor;
    private long[] dailyCountLimit;

    CardActivity(final int buckets)
    {
        this.buckets = buckets;
        allocate(INITIAL_COLUMNS);
    }

    /** Makes room for card indexes below {@code cardCount}; called as cards are created. */
    void ensure(final int cardCount)
    {
        if (cardCount > columns)
        {
            allocate(Math.max(cardCount, columns * 2));
        }
    }

    void limits(final int card, final long maxSingleMinor, final long dailyLimitMinor, final long dailyCountLimit)
    {
        this.maxSingleMinor[card] = maxSingleMinor;
        this.dailyLimitMinor[card] = dailyLimitMinor;
        this.dailyCountLimit[card] = dailyCountLimit;
    }

    /** @return the card's own maximum single amount, 0 when the profile's applies. */
    public long maxSingleMinor(final int card)
    {
        return maxSingleMinor[card];
    }

    /** @return the card's own daily amount limit, 0 when the profile's applies. */
    public long dailyLimitMinor(final int card)
    {
        return dailyLimitMinor[card];
    }

    /** @return the card's own daily count limit, 0 when the profile's applies. */
    public long dailyCountLimit(final int card)
    {
        return dailyCountLimit[card];
    }

    public long dailyCount(final int card, final long day)
    {
        return days[card] == day ? dailyCounts[card] : 0;
    }

    public long dailyAmountMinor(final int card, final long day)
    {
        return days[card] == day ? dailyAmountsMinor[card] : 0;
    }

    public long smallCount(final int card, final long day)
    {
        return days[card] == day ? smallCounts[card] : 0;
    }

    public long smallAmountMinor(final int card, final long day)
    {
        return days[card] == day ? smallAmountsMinor[card] : 0;
    }

    public long approvals(final int card)
    {
        return approvals[card];
    }

    public long averageMinor(final int card)
    {
        return averagesMinor[card];
    }

    public long windowCount(final int card, final long bucket)
    {
        return VelocityWindow.sum(bucketCounts, card * buckets, buckets, lastBuckets[card], bucket);
    }

    public long windowAmountMinor(final int card, final long bucket)
    {
        return VelocityWindow.sum(bucketAmountsMinor, card * buckets, buckets, lastBuckets[card], bucket);
    }

    /**
     * Counts an approval of {@code amountMinor} on {@code day} in {@code bucket}; a {@code small} one also
     * against the small-amount allowance.
     */
    void record(final int card, final long day, final long bucket, final long amountMinor, final boolean small)
    {
        if (days[card] != day)
        {
            days[card] = day;
            dailyCounts[card] = 0;
            dailyAmountsMinor[card] = 0;
            smallCounts[card] = 0;
            smallAmountsMinor[card] = 0;
        }
        dailyCounts[card]++;
        dailyAmountsMinor[card] += amountMinor;
        if (small)
        {
            smallCounts[card]++;
            smallAmountsMinor[card] += amountMinor;
        }
        averagesMinor[card] = approvals[card] == 0 ? amountMinor :
            averagesMinor[card] + Math.floorDiv(amountMinor - averagesMinor[card], AVERAGE_WEIGHT);
        approvals[card]++;
        final int base = card * buckets;
        lastBuckets[card] = VelocityWindow.advance(bucketCounts, bucketAmountsMinor, base, buckets, lastBuckets[card],
            bucket);
        final int slot = base + (int)Math.floorMod(lastBuckets[card], buckets);
        bucketCounts[slot]++;
        bucketAmountsMinor[slot] += amountMinor;
    }

    /** Adds the first {@code cardCount} cards' activity to a digest, in card order. */
    long digest(final long seed, final int cardCount)
    {
        long hash = seed;
        for (int card = 0; card < cardCount; card++)
        {
            hash = StateDigest.mix(hash, days[card]);
            hash = StateDigest.mix(hash, dailyCounts[card]);
            hash = StateDigest.mix(hash, dailyAmountsMinor[card]);
            hash = StateDigest.mix(hash, smallCounts[card]);
            hash = StateDigest.mix(hash, smallAmountsMinor[card]);
            hash = StateDigest.mix(hash, approvals[card]);
            hash = StateDigest.mix(hash, averagesMinor[card]);
            hash = StateDigest.mix(hash, lastBuckets[card]);
            for (int i = card * buckets; i < (card + 1) * buckets; i++)
            {
                hash = StateDigest.mix(hash, bucketCounts[i]);
                hash = StateDigest.mix(hash, bucketAmountsMinor[i]);
            }
            hash = StateDigest.mix(hash, maxSingleMinor[card]);
            hash = StateDigest.mix(hash, dailyLimitMinor[card]);
            hash = StateDigest.mix(hash, dailyCountLimit[card]);
        }
        return hash;
    }

    private void allocate(final int newColumns)
    {
        days = grow(days, newColumns, Long.MIN_VALUE);
        dailyCounts = grow(dailyCounts, newColumns, 0);
        dailyAmountsMinor = grow(dailyAmountsMinor, newColumns, 0);
        smallCounts = grow(smallCounts, newColumns, 0);
        smallAmountsMinor = grow(smallAmountsMinor, newColumns, 0);
        approvals = grow(approvals, newColumns, 0);
        averagesMinor = grow(averagesMinor, newColumns, 0);
        lastBuckets = grow(lastBuckets, newColumns, 0);
        bucketCounts = grow(bucketCounts, newColumns * buckets, 0);
        bucketAmountsMinor = grow(bucketAmountsMinor, newColumns * buckets, 0);
        maxSingleMinor = grow(maxSingleMinor, newColumns, 0);
        dailyLimitMinor = grow(dailyLimitMinor, newColumns, 0);
        dailyCountLimit = grow(dailyCountLimit, newColumns, 0);
        columns = newColumns;
    }

    private static long[] grow(final long[] old, final int length, final long fill)
    {
        final int from = old == null ? 0 : old.length;
        final long[] grown = old == null ? new long[length] : Arrays.copyOf(old, length);
        Arrays.fill(grown, from, length, fill);
        return grown;
    }

    /** Writes the first {@code cardCount} cards' activity, in card order, for a snapshot. */
    void writeTo(final SnapshotOutput out, final int cardCount)
    {
        out.writeInt(cardCount);
        for (int card = 0; card < cardCount; card++)
        {
            out.writeLong(days[card]);
            out.writeLong(dailyCounts[card]);
            out.writeLong(dailyAmountsMinor[card]);
            out.writeLong(smallCounts[card]);
            out.writeLong(smallAmountsMinor[card]);
            out.writeLong(approvals[card]);
            out.writeLong(averagesMinor[card]);
            out.writeLong(lastBuckets[card]);
            for (int i = card * buckets; i < (card + 1) * buckets; i++)
            {
                out.writeLong(bucketCounts[i]);
                out.writeLong(bucketAmountsMinor[i]);
            }
            out.writeLong(maxSingleMinor[card]);
            out.writeLong(dailyLimitMinor[card]);
            out.writeLong(dailyCountLimit[card]);
        }
    }

    /** Replaces the activity of the first cards with a snapshot's; @return how many cards it held. */
    int readFrom(final SnapshotInput in, final int maxCards)
    {
        final int cardCount = in.readCount(maxCards, "cards' activity");
        ensure(cardCount);
        for (int card = 0; card < cardCount; card++)
        {
            days[card] = in.readLong();
            dailyCounts[card] = in.readLong();
            dailyAmountsMinor[card] = in.readLong();
            smallCounts[card] = in.readLong();
            smallAmountsMinor[card] = in.readLong();
            approvals[card] = in.readLong();
            averagesMinor[card] = in.readLong();
            lastBuckets[card] = in.readLong();
            for (int i = card * buckets; i < (card + 1) * buckets; i++)
            {
                bucketCounts[i] = in.readLong();
                bucketAmountsMinor[i] = in.readLong();
            }
            maxSingleMinor[card] = in.readLong();
            dailyLimitMinor[card] = in.readLong();
            dailyCountLimit[card] = in.readLong();
        }
        return cardCount;
    }
}
