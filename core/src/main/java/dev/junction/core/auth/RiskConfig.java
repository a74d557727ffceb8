package dev.junction.core.auth;

/**
 * The sizes and time grid of the limits and risk state: structural values fixed when the authorizer is
 * built (a change would reshape the state, so they are configuration, not rules). What the rules say,
 * thresholds, weights, limits, block lists and rates, lives in {@link RiskRules} and {@link CurrencyRates}
 * and changes only through journaled admin records.
 *
 * @param velocityBuckets        how many buckets of journaled time make the velocity window.
 * @param velocityBucketSeconds  the width of one bucket: the window covers the current bucket and the
 *                               {@code velocityBuckets - 1} before it.
 * @param merchantSlots          slots of the per-merchant (field 42) activity table, a power of two; a
 *                               merchant that hashes to a slot another holds takes it over, so the table
 *                               stays bounded whatever the number of merchants.
 * @param blockedTerminalCapacity the most terminals (field 41) the block list holds.
 * @param rateCapacity           the most currency pairs the rate table holds.
 */
public record RiskConfig(
    int velocityBuckets,
    int velocityBucketSeconds,
    int merchantSlots,
    int blockedTerminalCapacity,
    int rateCapacity)
{
    /** Six buckets of ten minutes: velocity over the last hour. */
    public static final int DEFAULT_VELOCITY_BUCKETS = 6;
    public static final int DEFAULT_VELOCITY_BUCKET_SECONDS = 600;
    public static final int DEFAULT_MERCHANT_SLOTS = 65_536;
    public static final int DEFAULT_BLOCKED_TERMINAL_CAPACITY = 4_096;
    public static final int DEFAULT_RATE_CAPACITY = 256;

    public RiskConfig
    {
        if (velocityBuckets < 1 || velocityBuckets > 64)
        {
            throw new IllegalArgumentException("velocityBuckets must be 1..64: " + velocityBuckets);
        }
        if (velocityBucketSeconds < 1)
        {
            throw new IllegalArgumentException("velocityBucketSeconds must be positive: " + velocityBucketSeconds);
        }
        if (merchantSlots < 1 || Integer.bitCount(merchantSlots) != 1)
        {
            throw new IllegalArgumentException("merchantSlots must be a power of two: " + merchantSlots);
        }
        if (blockedTerminalCapacity < 1 || rateCapacity < 1)
        {
            throw new IllegalArgumentException("capacities must be positive");
        }
    }

    public static RiskConfig defaults()
    {
        return new RiskConfig(DEFAULT_VELOCITY_BUCKETS, DEFAULT_VELOCITY_BUCKET_SECONDS, DEFAULT_MERCHANT_SLOTS,
            DEFAULT_BLOCKED_TERMINAL_CAPACITY, DEFAULT_RATE_CAPACITY);
    }
}
