package dev.junction.core.auth;

/**
 * The authorizer's limits: how many accounts and cards it holds. Exceeding one rejects the admin
 * record that would pass it; nothing grows without bound.
 *
 * @param accountCapacity the most accounts the ledger holds.
 * @param cardCapacity    the most cards the ledger holds.
 */
public record AuthorizerConfig(int accountCapacity, int cardCapacity)
{
    public static final int DEFAULT_ACCOUNT_CAPACITY = 2_000_000;
    public static final int DEFAULT_CARD_CAPACITY = 2_000_000;

    public AuthorizerConfig
    {
        if (accountCapacity < 1 || cardCapacity < 1)
        {
            throw new IllegalArgumentException("capacities must be positive");
        }
    }

    public static AuthorizerConfig defaults()
    {
        return new AuthorizerConfig(DEFAULT_ACCOUNT_CAPACITY, DEFAULT_CARD_CAPACITY);
    }
}
