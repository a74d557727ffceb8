package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A card's velocity window is kept as running totals, not summed per request: at any bucket, whether
 * time moved on by a little, by more than the window or went backwards, the totals equal the sum of the
 * approvals whose buckets lie in the window; and a snapshot, which holds the buckets but not the totals,
 * restores the same windows.
 */
class CardActivityTest
{
    private static final int CARDS = 3;
    private static final long DAY = 20_000;

    @Test
    void theWindowTotalsEqualTheSumOfTheApprovalsInTheWindow()
    {
        for (int seed = 1; seed <= 50; seed++)
        {
            final Random random = new Random(seed);
            final int buckets = 1 + random.nextInt(8);
            final CardActivity activity = new CardActivity(buckets);
            activity.ensure(CARDS);
            final List<List<long[]>> approvals = new ArrayList<>();
            final long[] lastBuckets = new long[CARDS];
            for (int card = 0; card < CARDS; card++)
            {
                approvals.add(new ArrayList<>());
                lastBuckets[card] = Long.MIN_VALUE;
            }
            long clock = 1_000_000;
            for (int step = 0; step < 2_000; step++)
            {
                final int card = random.nextInt(CARDS);
                // Mostly small steps forward, some jumps past the window, some steps back in time.
                final int move = random.nextInt(10);
                clock += move < 6 ? random.nextInt(2) : move < 8 ? random.nextInt(3 * buckets) : -random.nextInt(3);
                final long amount = 1 + random.nextInt(10_000);
                activity.record(card, DAY, clock, amount, false);
                // Time that goes backwards counts in the card's last bucket.
                lastBuckets[card] = Math.max(lastBuckets[card], clock);
                approvals.get(card).add(new long[] {lastBuckets[card], amount});
                for (int other = 0; other < CARDS; other++)
                {
                    final long at = clock + random.nextInt(2 * buckets) - buckets;
                    assertEquals(expected(approvals.get(other), lastBuckets[other], buckets, at, 0),
                        activity.windowCount(other, at), "seed " + seed + " step " + step + " count");
                    assertEquals(expected(approvals.get(other), lastBuckets[other], buckets, at, 1),
                        activity.windowAmountMinor(other, at), "seed " + seed + " step " + step + " amount");
                }
            }
            final SnapshotOutput out = new SnapshotOutput(1024);
            activity.writeTo(out, CARDS);
            final CardActivity restored = new CardActivity(buckets);
            restored.readFrom(new SnapshotInput(out.buffer(), 0, out.position()), CARDS);
            for (int card = 0; card < CARDS; card++)
            {
                for (long at = clock - buckets; at <= clock + buckets; at++)
                {
                    assertEquals(activity.windowCount(card, at), restored.windowCount(card, at));
                    assertEquals(activity.windowAmountMinor(card, at), restored.windowAmountMinor(card, at));
                }
            }
            assertEquals(activity.digest(StateDigest.SEED, CARDS), restored.digest(StateDigest.SEED, CARDS));
        }
    }

    /** The sum the window must hold: approvals in buckets from the window's start to the card's last bucket. */
    private static long expected(final List<long[]> approvals, final long lastBucket, final int buckets, final long at,
        final int value)
    {
        final long now = Math.max(at, lastBucket);
        long sum = 0;
        for (final long[] approval : approvals)
        {
            if (approval[0] > now - buckets)
            {
                sum += value == 0 ? 1 : approval[1];
            }
        }
        return sum;
    }
}
