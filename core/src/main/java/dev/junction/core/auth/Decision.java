package dev.junction.core.auth;

/**
 * What the authorizer decided for one event: the outcome that the responder encodes and the journal
 * keeps beside the input. One instance lives in each ring slot; only the authorizer writes it, and it
 * is reset before every event, so no value of an earlier event can leak into a later outcome.
 */
public final class Decision
{
    /** Admin outcome: the record created an account or a card. */
    public static final int ADMIN_CREATED = 1;
    /** Admin outcome: the account or card already existed and kept its state. */
    public static final int ADMIN_UNCHANGED = 2;
    /** Admin outcome: the record was refused (unknown account, capacity reached, malformed record). */
    public static final int ADMIN_REJECTED = 3;
    /** Admin outcome: an operator's command changed a card, an account or the business day that existed. */
    public static final int ADMIN_CHANGED = 4;
    /** Admin outcome: the command named a card or account the switch does not hold; nothing changed. */
    public static final int ADMIN_NOT_FOUND = 5;
    /** Admin outcome: an account adjustment in a currency other than the account's; nothing changed. */
    public static final int ADMIN_CURRENCY_MISMATCH = 6;
    /** Admin outcome: a debit beyond the account's available funds (balance + credit limit - holds). */
    public static final int ADMIN_INSUFFICIENT_FUNDS = 7;
    /** Admin outcome: a status change of a lost or stolen card, whose status is final; nothing changed. */
    public static final int ADMIN_NOT_PERMITTED = 8;

    private int responseCode;
    private int responseMti;
    private long authorizationId;
    private long accountId;
    private long amountMinor;
    private int currencyCode;
    private long balanceAfterMinor;
    private long holdsAfterMinor;
    private int adminResult;
    private long adminValue;
    private long availableAfterMinor;
    private long balanceDeltaMinor;
    private long holdsDeltaMinor;
    private long expiredHoldsMinor;
    private long originalAuthorizationId;
    private boolean duplicate;
    private boolean balanceInquiry;
    private int accountType;
    private int rulesVersion;
    private int riskScore;
    private int riskReasons;
    private boolean flaggedForReview;
    private int limitRule;
    private long billingAmountMinor;
    private int billingCurrencyCode;
    private int conversionRate;

    /** Clears every value: an event that is not answered leaves {@link ResponseCodes#NONE}. */
    public void reset()
    {
        responseCode = ResponseCodes.NONE;
        responseMti = 0;
        authorizationId = 0;
        accountId = 0;
        amountMinor = 0;
        currencyCode = 0;
        balanceAfterMinor = 0;
        holdsAfterMinor = 0;
        adminResult = 0;
        adminValue = 0;
        availableAfterMinor = 0;
        balanceDeltaMinor = 0;
        holdsDeltaMinor = 0;
        expiredHoldsMinor = 0;
        originalAuthorizationId = 0;
        duplicate = false;
        balanceInquiry = false;
        accountType = 0;
        rulesVersion = 0;
        riskScore = 0;
        riskReasons = 0;
        flaggedForReview = false;
        limitRule = 0;
        billingAmountMinor = 0;
        billingCurrencyCode = 0;
        conversionRate = 0;
    }

    /** Records the answer to a request: its response MTI (e.g. 110) and field 39 code. */
    public void respond(final int responseMti, final int responseCode)
    {
        this.responseMti = responseMti;
        this.responseCode = responseCode;
    }

    /** Records the account a request touched, the amount it moved and the account's state after it. */
    public void account(
        final long accountId,
        final long amountMinor,
        final int currencyCode,
        final long balanceAfterMinor,
        final long holdsAfterMinor)
    {
        this.accountId = accountId;
        this.amountMinor = amountMinor;
        this.currencyCode = currencyCode;
        this.balanceAfterMinor = balanceAfterMinor;
        this.holdsAfterMinor = holdsAfterMinor;
    }

    /** Records the account's available funds (balance + credit limit - holds) after the event. */
    public void availableAfterMinor(final long availableAfterMinor)
    {
        this.availableAfterMinor = availableAfterMinor;
    }

    /**
     * Records how the event changed the ledger's totals: the sum of balances (negative for a debit) and
     * the sum of holds (negative for a release); both 0 for a decline or a repeated answer.
     */
    public void movements(final long balanceDeltaMinor, final long holdsDeltaMinor)
    {
        this.balanceDeltaMinor = balanceDeltaMinor;
        this.holdsDeltaMinor = holdsDeltaMinor;
    }

    /**
     * Records the holds that expired when this event's time arrived, released before the event itself
     * was applied (not part of {@link #holdsDeltaMinor()}, which is the event's own doing).
     */
    public void expiredHoldsMinor(final long expiredHoldsMinor)
    {
        this.expiredHoldsMinor = expiredHoldsMinor;
    }

    /** Records the authorization id of the original a completion, reversal or refund named. */
    public void originalAuthorizationId(final long originalAuthorizationId)
    {
        this.originalAuthorizationId = originalAuthorizationId;
    }

    /** Marks the answer as a repeat of an earlier one to the same request (a duplicate). */
    public void duplicate(final boolean duplicate)
    {
        this.duplicate = duplicate;
    }

    /**
     * Marks an approved balance inquiry: the answer carries field 54 with the ledger and available
     * balances, for the account type (processing code digits 3-4) asked about.
     */
    public void balanceInquiry(final int accountType)
    {
        this.balanceInquiry = true;
        this.accountType = accountType;
    }

    /** Records the version of the rule set (limits, risk, rates) a financial request was decided under. */
    public void rulesVersion(final int rulesVersion)
    {
        this.rulesVersion = rulesVersion;
    }

    /**
     * Records the risk score (0-999), the features that fired (a bitmask of {@code 1 << RiskRules.*}) and
     * whether the score reached the review threshold without reaching the decline threshold.
     */
    public void risk(final int riskScore, final int riskReasons, final boolean flaggedForReview)
    {
        this.riskScore = riskScore;
        this.riskReasons = riskReasons;
        this.flaggedForReview = flaggedForReview;
    }

    /** Records which limit declined the request, one of {@code Limits.*}. */
    public void limitRule(final int limitRule)
    {
        this.limitRule = limitRule;
    }

    /**
     * Records a currency conversion: the amount in the account's (billing) currency, that currency, and
     * the rate in field 10's form (first digit: decimal places of the other seven).
     */
    public void conversion(final long billingAmountMinor, final int billingCurrencyCode, final int conversionRate)
    {
        this.billingAmountMinor = billingAmountMinor;
        this.billingCurrencyCode = billingCurrencyCode;
        this.conversionRate = conversionRate;
    }

    public void authorizationId(final long authorizationId)
    {
        this.authorizationId = authorizationId;
    }

    public void adminResult(final int adminResult)
    {
        this.adminResult = adminResult;
    }

    /**
     * Records what an operator's command is told besides its result: the card's status after a card
     * status change, the business date in force after a cutover. Not journaled: a replay derives it
     * again from the same input and state.
     */
    public void adminValue(final long adminValue)
    {
        this.adminValue = adminValue;
    }

    /** @return whether the event gets an answer on its connection. */
    public boolean hasResponse()
    {
        return responseCode != ResponseCodes.NONE;
    }

    public int responseCode()
    {
        return responseCode;
    }

    public int responseMti()
    {
        return responseMti;
    }

    /** @return the approval's number, 0 when none; {@link AuthorizationIds} renders it for field 38. */
    public long authorizationId()
    {
        return authorizationId;
    }

    public long accountId()
    {
        return accountId;
    }

    public long amountMinor()
    {
        return amountMinor;
    }

    public int currencyCode()
    {
        return currencyCode;
    }

    public long balanceAfterMinor()
    {
        return balanceAfterMinor;
    }

    public long holdsAfterMinor()
    {
        return holdsAfterMinor;
    }

    public int adminResult()
    {
        return adminResult;
    }

    /** @return the value {@link #adminValue(long)} recorded, 0 when none. */
    public long adminValue()
    {
        return adminValue;
    }

    public long availableAfterMinor()
    {
        return availableAfterMinor;
    }

    /** @return the change in the sum of all balances this event made (credits positive). */
    public long balanceDeltaMinor()
    {
        return balanceDeltaMinor;
    }

    /** @return the change in the sum of all holds this event made (releases negative), expiries apart. */
    public long holdsDeltaMinor()
    {
        return holdsDeltaMinor;
    }

    /** @return the sum of the holds that expired as this event's time arrived. */
    public long expiredHoldsMinor()
    {
        return expiredHoldsMinor;
    }

    /** @return the authorization id of the original named by a completion, reversal or refund; 0 if none. */
    public long originalAuthorizationId()
    {
        return originalAuthorizationId;
    }

    /** @return whether this answer repeats the one given to an earlier identical request. */
    public boolean isDuplicate()
    {
        return duplicate;
    }

    /** @return whether the answer carries balances in field 54. */
    public boolean isBalanceInquiry()
    {
        return balanceInquiry;
    }

    /** @return the two-digit account type of a balance inquiry (e.g. 00 default, 10 savings, 20 cheque). */
    public int accountType()
    {
        return accountType;
    }

    /** @return the rule-set version the request was decided under; 0 for the built-in rules or no request. */
    public int rulesVersion()
    {
        return rulesVersion;
    }

    /** @return the risk score 0-999, 0 when the request was not scored. */
    public int riskScore()
    {
        return riskScore;
    }

    /** @return the features that fired, bit {@code 1 << RiskRules.*} each; 0 when none or not scored. */
    public int riskReasons()
    {
        return riskReasons;
    }

    /** @return whether the score reached the review threshold but not the decline threshold. */
    public boolean isFlaggedForReview()
    {
        return flaggedForReview;
    }

    /** @return the limit that declined the request ({@code Limits.*}), 0 when none did. */
    public int limitRule()
    {
        return limitRule;
    }

    /** @return whether the request was converted: fields 6, 10 and 51 then go in the answer. */
    public boolean isConverted()
    {
        return conversionRate != 0;
    }

    /** @return the converted amount in minor units of the billing currency (field 6). */
    public long billingAmountMinor()
    {
        return billingAmountMinor;
    }

    /** @return the billing (account's) currency of a conversion (field 51). */
    public int billingCurrencyCode()
    {
        return billingCurrencyCode;
    }

    /** @return the conversion rate as field 10's 8 digits, 0 when none was applied. */
    public int conversionRate()
    {
        return conversionRate;
    }
}
