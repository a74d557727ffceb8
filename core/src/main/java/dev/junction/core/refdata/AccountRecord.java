package dev.junction.core.refdata;

/**
 * One account as provisioned: a row of the accounts CSV or of the demo set. Amounts are minor units
 * of {@code currencyCode} (ISO 4217 numeric). A balance applies only when the account is created.
 */
public record AccountRecord(long accountId, int currencyCode, long balanceMinor, long creditLimitMinor)
{
}
