package dev.junction.network.admin;

/**
 * The operator actions the admin endpoint offers. Every action that changes state enters the ring as a
 * journaled ADMIN event and returns once the authorizer has applied it (or the wait times out).
 * {@code actor} names who asked (for the audit log line), never a secret.
 */
public interface AdminActions
{
    AdminResult blockCard(String pan, String actor);

    AdminResult unblockCard(String pan, String actor);

    AdminResult setCardLimits(String pan, long maxSingleMinor, long dailyAmountMinor, int dailyCount, String actor);

    /** amountMinor &gt; 0 credits the account, &lt; 0 debits it; currency is ISO 4217 numeric and must be the account's. */
    AdminResult adjustAccount(long accountId, long amountMinor, int currency, String reference, String actor);

    /** Create-only import of CSV text in the README's formats; either may be null. */
    AdminResult loadReferenceData(String accountsCsv, String cardsCsv, String actor);

    AdminResult cutover(String actor);

    AdminResult snapshot(String actor);
}
