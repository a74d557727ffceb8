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
 * <p>
 * Each card's activity is one block of longs in a single array: its counters, limits and the running
 * totals of its velocity window first, then the window's ring ({@link VelocityWindow}). An authorization
 * reads the first part (one or two cache lines) and writes one slot of the ring, instead of touching a
 * column array per counter; and the window's totals are kept as approvals are counted, not summed over
 * the ring for every request.
 */
public final class CardActivity
{
    private static final int INITIAL_COLUMNS = 1024;
    private static final int AVERAGE_WEIGHT = 8;

    private static final int DAY = 0;
    private static final int DAILY_COUNT = 1;
    private static final int DAILY_AMOUNT = 2;
    private static final int SMALL_COUNT = 3;
    private static final int SMALL_AMOUNT = 4;
    private static final int APPROVALS = 5;
    private static final int AVERAGE = 6;
    private static final int LAST_BUCKET = 7;
    private static final int MAX_SINGLE = 8;
    private static final int DAILY_LIMIT = 9;
    private static final int DAILY_COUNT_LIMIT = 10;
    /** The window's running totals: approvals, then amount, in the order of a ring slot's two values. */
    private static final int WINDOW_TOTALS = 11;
    /** The ring: per bucket, the approvals and the amount approved. */
    private static final int RING = 13;
    private static final int SLOT_WIDTH = 2;
    private static final int COUNT_VALUE = 0;
    private static final int AMOUNT_VALUE = 1;

    private final int buckets;
    private final int stride;
    private int columns;
    private long[] words;

    CardActivity(final int buckets)
    {
        this.buckets = buckets;
        stride = RING + SLOT_WIDTH * buckets;
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
        final int base = card * stride;
        words[base + MAX_SINGLE] = maxSingleMinor;
        words[base + DAILY_LIMIT] = dailyLimitMinor;
        words[base + DAILY_COUNT_LIMIT] = dailyCountLimit;
    }

    /**
     * Starts loading the lines of a card's counters, limits and window totals (the block's first
     * {@value #RING} longs, which may span three lines), a hint only.
     *
     * @return what was read, for the caller to keep so that the loads are not discarded.
     */
    long touch(final int card)
    {
        final int base = card * stride;
        return words[base] ^ words[base + RING / 2] ^ words[base + RING - 1];
    }

    /** @return the card's own maximum single amount, 0 when the profile's applies. */
    public long maxSingleMinor(final int card)
    {
        return words[card * stride + MAX_SINGLE];
    }

    /** @return the card's own daily amount limit, 0 when the profile's applies. */
    public long dailyLimitMinor(final int card)
    {
        return words[card * stride + DAILY_LIMIT];
    }

    /** @return the card's own daily count limit, 0 when the profile's applies. */
    public long dailyCountLimit(final int card)
    {
        return words[card * stride + DAILY_COUNT_LIMIT];
    }

    public long dailyCount(final int card, final long day)
    {
        return today(card, day, DAILY_COUNT);
    }

    public long dailyAmountMinor(final int card, final long day)
    {
        return today(card, day, DAILY_AMOUNT);
    }

    public long smallCount(final int card, final long day)
    {
        return today(card, day, SMALL_COUNT);
    }

    public long smallAmountMinor(final int card, final long day)
    {
        return today(card, day, SMALL_AMOUNT);
    }

    public long approvals(final int card)
    {
        return words[card * stride + APPROVALS];
    }

    public long averageMinor(final int card)
    {
        return words[card * stride + AVERAGE];
    }

    public long windowCount(final int card, final long bucket)
    {
        return window(card, bucket, COUNT_VALUE);
    }

    public long windowAmountMinor(final int card, final long bucket)
    {
        return window(card, bucket, AMOUNT_VALUE);
    }

    private long today(final int card, final long day, final int counter)
    {
        final int base = card * stride;
        return words[base + DAY] == day ? words[base + counter] : 0;
    }

    private long window(final int card, final long bucket, final int value)
    {
        final int base = card * stride;
        return VelocityWindow.sum(words, base + RING, SLOT_WIDTH, buckets, value, words[base + WINDOW_TOTALS + value],
            words[base + LAST_BUCKET], bucket);
    }

    /**
     * Counts an approval of {@code amountMinor} on {@code day} in {@code bucket}; a {@code small} one also
     * against the small-amount allowance.
     */
    void record(final int card, final long day, final long bucket, final long amountMinor, final boolean small)
    {
        final int base = card * stride;
        if (words[base + DAY] != day)
        {
            words[base + DAY] = day;
            words[base + DAILY_COUNT] = 0;
            words[base + DAILY_AMOUNT] = 0;
            words[base + SMALL_COUNT] = 0;
            words[base + SMALL_AMOUNT] = 0;
        }
        words[base + DAILY_COUNT]++;
        words[base + DAILY_AMOUNT] += amountMinor;
        if (small)
        {
            words[base + SMALL_COUNT]++;
            words[base + SMALL_AMOUNT] += amountMinor;
        }
        final long approvals = words[base + APPROVALS];
        final long average = words[base + AVERAGE];
        words[base + AVERAGE] = approvals == 0 ? amountMinor : average + Math.floorDiv(amountMinor - average, AVERAGE_WEIGHT);
        words[base + APPROVALS] = approvals + 1;
        final long last = VelocityWindow.advance(words, base + RING, SLOT_WIDTH, buckets, base + WINDOW_TOTALS,
            words[base + LAST_BUCKET], bucket);
        words[base + LAST_BUCKET] = last;
        final int slot = VelocityWindow.slot(base + RING, SLOT_WIDTH, buckets, last);
        words[slot + COUNT_VALUE]++;
        words[slot + AMOUNT_VALUE] += amountMinor;
        words[base + WINDOW_TOTALS + COUNT_VALUE]++;
        words[base + WINDOW_TOTALS + AMOUNT_VALUE] += amountMinor;
    }

    /** Adds the first {@code cardCount} cards' activity to a digest, in card order. */
    long digest(final long seed, final int cardCount)
    {
        long hash = seed;
        for (int card = 0; card < cardCount; card++)
        {
            final int base = card * stride;
            hash = StateDigest.mix(hash, words[base + DAY]);
            hash = StateDigest.mix(hash, words[base + DAILY_COUNT]);
            hash = StateDigest.mix(hash, words[base + DAILY_AMOUNT]);
            hash = StateDigest.mix(hash, words[base + SMALL_COUNT]);
            hash = StateDigest.mix(hash, words[base + SMALL_AMOUNT]);
            hash = StateDigest.mix(hash, words[base + APPROVALS]);
            hash = StateDigest.mix(hash, words[base + AVERAGE]);
            hash = StateDigest.mix(hash, words[base + LAST_BUCKET]);
            for (int i = 0; i < buckets; i++)
            {
                hash = StateDigest.mix(hash, words[base + RING + SLOT_WIDTH * i + COUNT_VALUE]);
                hash = StateDigest.mix(hash, words[base + RING + SLOT_WIDTH * i + AMOUNT_VALUE]);
            }
            hash = StateDigest.mix(hash, words[base + MAX_SINGLE]);
            hash = StateDigest.mix(hash, words[base + DAILY_LIMIT]);
            hash = StateDigest.mix(hash, words[base + DAILY_COUNT_LIMIT]);
        }
        return hash;
    }

    private void allocate(final int newColumns)
    {
        final long[] grown = words == null ? new long[newColumns * stride] : Arrays.copyOf(words, newColumns * stride);
        for (int card = columns; card < newColumns; card++)
        {
            grown[card * stride + DAY] = Long.MIN_VALUE;
        }
        words = grown;
        columns = newColumns;
    }

    /** Writes the first {@code cardCount} cards' activity, in card order, for a snapshot. */
    void writeTo(final SnapshotOutput out, final int cardCount)
    {
        out.writeInt(cardCount);
        for (int card = 0; card < cardCount; card++)
        {
            final int base = card * stride;
            out.writeLong(words[base + DAY]);
            out.writeLong(words[base + DAILY_COUNT]);
            out.writeLong(words[base + DAILY_AMOUNT]);
            out.writeLong(words[base + SMALL_COUNT]);
            out.writeLong(words[base + SMALL_AMOUNT]);
            out.writeLong(words[base + APPROVALS]);
            out.writeLong(words[base + AVERAGE]);
            out.writeLong(words[base + LAST_BUCKET]);
            for (int i = 0; i < buckets; i++)
            {
                out.writeLong(words[base + RING + SLOT_WIDTH * i + COUNT_VALUE]);
                out.writeLong(words[base + RING + SLOT_WIDTH * i + AMOUNT_VALUE]);
            }
            out.writeLong(words[base + MAX_SINGLE]);
            out.writeLong(words[base + DAILY_LIMIT]);
            out.writeLong(words[base + DAILY_COUNT_LIMIT]);
        }
    }

    /**
     * Replaces the activity of the first cards with a snapshot's; the window totals, which the snapshot
     * does not hold, are summed from the rings. @return how many cards it held.
     */
    int readFrom(final SnapshotInput in, final int maxCards)
    {
        final int cardCount = in.readCount(maxCards, "cards' activity");
        ensure(cardCount);
        for (int card = 0; card < cardCount; card++)
        {
            final int base = card * stride;
            words[base + DAY] = in.readLong();
            words[base + DAILY_COUNT] = in.readLong();
            words[base + DAILY_AMOUNT] = in.readLong();
            words[base + SMALL_COUNT] = in.readLong();
            words[base + SMALL_AMOUNT] = in.readLong();
            words[base + APPROVALS] = in.readLong();
            words[base + AVERAGE] = in.readLong();
            words[base + LAST_BUCKET] = in.readLong();
            long count = 0;
            long amount = 0;
            for (int i = 0; i < buckets; i++)
            {
                final int slot = base + RING + SLOT_WIDTH * i;
                words[slot + COUNT_VALUE] = in.readLong();
                words[slot + AMOUNT_VALUE] = in.readLong();
                count += words[slot + COUNT_VALUE];
                amount += words[slot + AMOUNT_VALUE];
            }
            words[base + WINDOW_TOTALS + COUNT_VALUE] = count;
            words[base + WINDOW_TOTALS + AMOUNT_VALUE] = amount;
            words[base + MAX_SINGLE] = in.readLong();
            words[base + DAILY_LIMIT] = in.readLong();
            words[base + DAILY_COUNT_LIMIT] = in.readLong();
        }
        return cardCount;
    }
}
