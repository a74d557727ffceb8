package dev.junction.journal;

import static dev.junction.journal.JournalFormat.BYTE_ORDER;

import org.agrona.DirectBuffer;

/**
 * A read-only view of one outcome record ({@link JournalFormat}) in a reader's buffer. The reader
 * points it at each record in turn, so its values are valid only during
 * {@link OutcomeRecordHandler#onOutcome}.
 */
public final class OutcomeRecord
{
    private DirectBuffer buffer;

    OutcomeRecord()
    {
    }

    OutcomeRecord wrap(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        return this;
    }

    /** @return the sequence of the input this is the outcome of. */
    public long sequence()
    {
        return buffer.getLong(JournalFormat.SEQUENCE_OFFSET, BYTE_ORDER);
    }

    public int responseMti()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RESPONSE_MTI_OFFSET, BYTE_ORDER);
    }

    public int responseCode()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RESPONSE_CODE_OFFSET, BYTE_ORDER);
    }

    public long authorizationId()
    {
        return buffer.getLong(JournalFormat.OUTCOME_AUTHORIZATION_ID_OFFSET, BYTE_ORDER);
    }

    public long accountId()
    {
        return buffer.getLong(JournalFormat.OUTCOME_ACCOUNT_ID_OFFSET, BYTE_ORDER);
    }

    public long amountMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_AMOUNT_MINOR_OFFSET, BYTE_ORDER);
    }

    public int currencyCode()
    {
        return buffer.getInt(JournalFormat.OUTCOME_CURRENCY_CODE_OFFSET, BYTE_ORDER);
    }

    public long balanceAfterMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_BALANCE_AFTER_MINOR_OFFSET, BYTE_ORDER);
    }

    public long holdsAfterMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_HOLDS_AFTER_MINOR_OFFSET, BYTE_ORDER);
    }

    public int adminResult()
    {
        return buffer.getInt(JournalFormat.OUTCOME_ADMIN_RESULT_OFFSET, BYTE_ORDER);
    }

    /** @return the account's available funds (balance + credit limit - holds) after the event. */
    public long availableAfterMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_AVAILABLE_AFTER_MINOR_OFFSET, BYTE_ORDER);
    }

    /** @return the change the event made to the sum of all balances (credits positive). */
    public long balanceDeltaMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_BALANCE_DELTA_MINOR_OFFSET, BYTE_ORDER);
    }

    /** @return the change the event made to the sum of all holds (releases negative), expiries apart. */
    public long holdsDeltaMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_HOLDS_DELTA_MINOR_OFFSET, BYTE_ORDER);
    }

    /** @return the holds that expired as the event's time arrived. */
    public long expiredHoldsMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_EXPIRED_HOLDS_MINOR_OFFSET, BYTE_ORDER);
    }

    /** @return the authorization id of the original a completion, reversal or refund named; 0 if none. */
    public long originalAuthorizationId()
    {
        return buffer.getLong(JournalFormat.OUTCOME_ORIGINAL_AUTHORIZATION_ID_OFFSET, BYTE_ORDER);
    }

    /** @return the flag byte: {@link JournalFormat#FLAG_DUPLICATE} and the others. */
    public int flags()
    {
        return buffer.getByte(JournalFormat.OUTCOME_FLAGS_OFFSET) & 0xff;
    }

    /** @return whether the answer repeats the one given to an earlier identical request. */
    public boolean isDuplicate()
    {
        return (flags() & JournalFormat.FLAG_DUPLICATE) != 0;
    }

    /** @return whether the answer was an approved balance inquiry (field 54). */
    public boolean isBalanceInquiry()
    {
        return (flags() & JournalFormat.FLAG_BALANCE_INQUIRY) != 0;
    }

    /** @return whether the risk score reached the review threshold but not the decline threshold. */
    public boolean isFlaggedForReview()
    {
        return (flags() & JournalFormat.FLAG_FLAGGED_FOR_REVIEW) != 0;
    }

    /** @return the two-digit account type of a balance inquiry, 0 otherwise. */
    public int accountType()
    {
        return buffer.getInt(JournalFormat.OUTCOME_ACCOUNT_TYPE_OFFSET, BYTE_ORDER);
    }

    /** @return the rule-set version the request was decided under; 0 for the built-in rules or no request. */
    public int rulesVersion()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RULES_VERSION_OFFSET, BYTE_ORDER);
    }

    /** @return the risk score 0-999, 0 when not scored. */
    public int riskScore()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RISK_SCORE_OFFSET, BYTE_ORDER);
    }

    /** @return the risk features that fired, bit {@code 1 << RiskRules.*} each. */
    public int riskReasons()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RISK_REASONS_OFFSET, BYTE_ORDER);
    }

    /** @return the limit that declined the request ({@code Limits.*}), 0 when none did. */
    public int limitRule()
    {
        return buffer.getInt(JournalFormat.OUTCOME_LIMIT_RULE_OFFSET, BYTE_ORDER);
    }

    /** @return whether the request was converted (a conversion rate was applied). */
    public boolean isConverted()
    {
        return conversionRate() != 0;
    }

    /** @return a conversion's amount in minor units of the billing currency (field 6). */
    public long billingAmountMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_BILLING_AMOUNT_MINOR_OFFSET, BYTE_ORDER);
    }

    /** @return a conversion's billing (account's) currency (field 51). */
    public int billingCurrencyCode()
    {
        return buffer.getInt(JournalFormat.OUTCOME_BILLING_CURRENCY_CODE_OFFSET, BYTE_ORDER);
    }

    /** @return the conversion rate as field 10's 8 digits, 0 when none was applied. */
    public int conversionRate()
    {
        return buffer.getInt(JournalFormat.OUTCOME_CONVERSION_RATE_OFFSET, BYTE_ORDER);
    }

    /** @return the buffer holding the response bytes at {@link #responseOffset()}. */
    public DirectBuffer response()
    {
        return buffer;
    }

    public int responseOffset()
    {
        return JournalFormat.outcomeResponseOffset(buffer);
    }

    public int responseLength()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RESPONSE_LENGTH_OFFSET, BYTE_ORDER);
    }
}
