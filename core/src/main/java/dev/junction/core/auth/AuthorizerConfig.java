package dev.junction.core.auth;

/**
 * The authorizer's limits and its one time constant. Every table is allocated at its configured
 * size when the authorizer is built, so nothing grows while requests are authorized; exceeding a
 * limit is a handled case that each table's javadoc names.
 *
 * @param accountCapacity     the most accounts the ledger holds.
 * @param cardCapacity        the most cards the ledger holds.
 * @param transactionCapacity the most transactions remembered for completions, reversals and refunds
 *                            (open holds, postings, declines, unmatched reversals); see {@link Transactions}.
 * @param duplicateWindow     how many of the most recent answered requests the duplicate check remembers.
 * @param holdExpiryMillis    how long an authorization's hold stands before it is released, measured on
 *                            journaled ingress time.
 * @param risk                the sizes and time grid of the limits, risk and currency state.
 */
public record AuthorizerConfig(
    int accountCapacity,
    int cardCapacity,
    int transactionCapacity,
    int duplicateWindow,
    long holdExpiryMillis,
    RiskConfig risk)
{
    public static final int DEFAULT_ACCOUNT_CAPACITY = 2_000_000;
    public static final int DEFAULT_CARD_CAPACITY = 2_000_000;
    /** About 32 MB of table (256 bytes a record); a switch that keeps more than this many transactions open raises it. */
    public static final int DEFAULT_TRANSACTION_CAPACITY = 131_072;
    public static final int DEFAULT_DUPLICATE_WINDOW = 65_536;
    /** The most transactions one table addresses (its rows are one array). */
    public static final int MAX_TRANSACTION_CAPACITY = Transactions.MAX_CAPACITY;
    /** Seven days: what card schemes allow an authorization to stand before it must be completed. */
    public static final long DEFAULT_HOLD_EXPIRY_MILLIS = 7L * 24 * 60 * 60 * 1000;

    public AuthorizerConfig
    {
        if (accountCapacity < 1 || cardCapacity < 1 || transactionCapacity < 1 || duplicateWindow < 1)
        {
            throw new IllegalArgumentException("capacities must be positive");
        }
        if (transactionCapacity > MAX_TRANSACTION_CAPACITY)
        {
            throw new IllegalArgumentException("transaction capacity must be at most " + MAX_TRANSACTION_CAPACITY +
                ": " + transactionCapacity);
        }
        if (holdExpiryMillis < 1)
        {
            throw new IllegalArgumentException("holdExpiryMillis must be positive: " + holdExpiryMillis);
        }
        if (risk == null)
        {
            throw new IllegalArgumentException("risk configuration is required");
        }
    }

    /** The lifecycle's limits with the default risk configuration. */
    public AuthorizerConfig(final int accountCapacity, final int cardCapacity, final int transactionCapacity,
        final int duplicateWindow, final long holdExpiryMillis)
    {
        this(accountCapacity, cardCapacity, transactionCapacity, duplicateWindow, holdExpiryMillis,
            RiskConfig.defaults());
    }

    /** The ledger's capacities with the default lifecycle limits. */
    public AuthorizerConfig(final int accountCapacity, final int cardCapacity)
    {
        this(accountCapacity, cardCapacity, DEFAULT_TRANSACTION_CAPACITY, DEFAULT_DUPLICATE_WINDOW,
            DEFAULT_HOLD_EXPIRY_MILLIS);
    }

    public static AuthorizerConfig defaults()
    {
        return new AuthorizerConfig(DEFAULT_ACCOUNT_CAPACITY, DEFAULT_CARD_CAPACITY);
    }
}
