package dev.junction.journal.cli;

import dev.junction.core.auth.AuthorizerConfig;
import picocli.CommandLine.Option;

/**
 * The authorizer's limits, as the switch runs with them: the tools that rebuild the state (replay,
 * snapshot) must use the same ones, or their decisions and snapshots differ from the live run's.
 */
final class AuthorizerOptions
{
    @Option(names = "--account-capacity", paramLabel = "N", description = "as the switch runs with (default: ${DEFAULT-VALUE})",
        defaultValue = "" + AuthorizerConfig.DEFAULT_ACCOUNT_CAPACITY)
    int accountCapacity;

    @Option(names = "--card-capacity", paramLabel = "N", description = "as the switch runs with (default: ${DEFAULT-VALUE})",
        defaultValue = "" + AuthorizerConfig.DEFAULT_CARD_CAPACITY)
    int cardCapacity;

    @Option(names = "--transaction-capacity", paramLabel = "N",
        description = "as the switch runs with (default: ${DEFAULT-VALUE})",
        defaultValue = "" + AuthorizerConfig.DEFAULT_TRANSACTION_CAPACITY)
    int transactionCapacity;

    @Option(names = "--duplicate-window", paramLabel = "N",
        description = "as the switch runs with (default: ${DEFAULT-VALUE})",
        defaultValue = "" + AuthorizerConfig.DEFAULT_DUPLICATE_WINDOW)
    int duplicateWindow;

    @Option(names = "--hold-expiry-ms", paramLabel = "MS", description = "as the switch runs with (default: ${DEFAULT-VALUE})",
        defaultValue = "" + AuthorizerConfig.DEFAULT_HOLD_EXPIRY_MILLIS)
    long holdExpiryMillis;

    /** @throws ToolCommand.UsageException naming the value out of range. */
    AuthorizerConfig config()
    {
        atLeastOne("--account-capacity", accountCapacity);
        atLeastOne("--card-capacity", cardCapacity);
        atLeastOne("--transaction-capacity", transactionCapacity);
        if (transactionCapacity > AuthorizerConfig.MAX_TRANSACTION_CAPACITY)
        {
            throw new ToolCommand.UsageException("--transaction-capacity must be at most " +
                AuthorizerConfig.MAX_TRANSACTION_CAPACITY + ": " + transactionCapacity);
        }
        atLeastOne("--duplicate-window", duplicateWindow);
        atLeastOne("--hold-expiry-ms", holdExpiryMillis);
        try
        {
            return new AuthorizerConfig(accountCapacity, cardCapacity, transactionCapacity, duplicateWindow,
                holdExpiryMillis);
        }
        catch (final IllegalArgumentException e)
        {
            throw new ToolCommand.UsageException(e.getMessage());
        }
    }

    private static void atLeastOne(final String option, final long value)
    {
        if (value < 1)
        {
            throw new ToolCommand.UsageException(option + " must be 1 or more: " + value);
        }
    }
}
