package dev.junction.journal.cli;

import dev.junction.core.auth.AuthorizationIds;
import dev.junction.core.auth.BusinessDay;
import dev.junction.core.auth.Limits;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardStatus;
import dev.junction.core.refdata.Pans;
import dev.junction.journal.InputRecord;
import dev.junction.journal.OutcomeRecord;
import org.agrona.DirectBuffer;

/**
 * Writes one journaled event, input and outcome, as named fields for {@code dump}. PANs appear only
 * masked (first six, last four digits); payload bytes never appear raw. Admin records are named by type
 * ({@code account}, {@code card}, {@code cutover}, {@code card_status}, {@code adjustment},
 * {@code cutover_now}; others {@code unknown(N)}), and an admin outcome that touched an account shows it.
 */
final class EventDescriber
{
    private final RequestView request;

    /** @param request the view the caller has already wrapped around each request's payload. */
    EventDescriber(final RequestView request)
    {
        this.request = request;
    }

    void describe(final InputRecord input, final OutcomeRecord outcome, final EventFields fields)
    {
        fields.put("seq", input.sequence());
        fields.put("time", Formats.instant(input.ingressEpochNanos()).toString());
        final byte kind = input.kind();
        fields.put("kind", EventKind.name(kind));
        if (input.connectionId() != 0)
        {
            fields.put("conn", input.connectionId());
        }
        if (kind == EventKind.REQUEST)
        {
            describeRequest(fields);
        }
        else if (kind == EventKind.ADMIN)
        {
            describeAdmin(input.payload(), input.payloadOffset(), input.payloadLength(), fields);
        }
        if (outcome == null)
        {
            fields.noOutcome();
            return;
        }
        fields.beginOutcome();
        if (kind == EventKind.REQUEST)
        {
            fields.put("mti", Formats.mti(outcome.responseMti()));
            fields.put("rc", Formats.responseCode(outcome.responseCode()));
            if (outcome.authorizationId() != 0)
            {
                fields.put("auth", AuthorizationIds.text(outcome.authorizationId()));
            }
            if (outcome.accountId() != 0)
            {
                putAccount(outcome, fields);
            }
            describeDecision(outcome, fields);
        }
        else if (kind == EventKind.ADMIN)
        {
            fields.put("result", Formats.adminResult(outcome.adminResult()));
            if (outcome.accountId() != 0)
            {
                // An account adjustment: the account as it stands after it, as a request's outcome shows it.
                putAccount(outcome, fields);
            }
        }
        else
        {
            fields.put("response", outcome.responseLength() > 0 ? "present" : "none");
        }
        describeMovements(outcome, fields);
    }

    private static void putAccount(final OutcomeRecord outcome, final EventFields fields)
    {
        fields.put("account", outcome.accountId());
        fields.put("amount", outcome.amountMinor());
        fields.put("balance", outcome.balanceAfterMinor());
        fields.put("holds", outcome.holdsAfterMinor());
        fields.put("available", outcome.availableAfterMinor());
    }

    /** What a request's outcome adds to its answer: the original, rules, risk, limit, conversion, flags. */
    private static void describeDecision(final OutcomeRecord outcome, final EventFields fields)
    {
        if (outcome.originalAuthorizationId() != 0)
        {
            fields.put("original", AuthorizationIds.text(outcome.originalAuthorizationId()));
        }
        if (outcome.riskScore() != 0 || outcome.riskReasons() != 0)
        {
            fields.put("score", outcome.riskScore());
            fields.put("reasons", Formats.riskReasons(outcome.riskReasons()));
        }
        if (outcome.rulesVersion() != 0)
        {
            fields.put("rules", outcome.rulesVersion());
        }
        if (outcome.isFlaggedForReview())
        {
            fields.flag("flagged");
        }
        if (outcome.limitRule() != 0)
        {
            fields.put("limit", Limits.name(outcome.limitRule()));
        }
        if (outcome.isConverted())
        {
            fields.put("billing", outcome.billingAmountMinor());
            fields.put("billing_currency", String.format("%03d", outcome.billingCurrencyCode()));
            fields.put("rate", Formats.conversionRate(outcome.conversionRate()));
        }
        if (outcome.isBalanceInquiry())
        {
            fields.flag("inquiry");
            fields.put("account_type", String.format("%02d", outcome.accountType()));
        }
        if (outcome.isDuplicate())
        {
            fields.flag("dup");
        }
    }

    /** What any event did to the ledger's totals, when it did anything: its own movements and expiries. */
    private static void describeMovements(final OutcomeRecord outcome, final EventFields fields)
    {
        if (outcome.balanceDeltaMinor() != 0)
        {
            fields.put("balance_delta", outcome.balanceDeltaMinor());
        }
        if (outcome.holdsDeltaMinor() != 0)
        {
            fields.put("holds_delta", outcome.holdsDeltaMinor());
        }
        if (outcome.expiredHoldsMinor() != 0)
        {
            fields.put("expired", outcome.expiredHoldsMinor());
        }
    }

    private void describeRequest(final EventFields fields)
    {
        if (!request.addressable())
        {
            fields.put("decode", request.decodeProblem());
            return;
        }
        fields.put("mti", Formats.mti(request.mti()));
        if (!request.decoded())
        {
            fields.put("decode", request.decodeProblem());
        }
        putText(fields, "proc", IsoFields.PROCESSING_CODE);
        putText(fields, "stan", IsoFields.STAN);
        putText(fields, "rrn", IsoFields.RRN);
        putText(fields, "terminal", IsoFields.TERMINAL_ID);
        putText(fields, "merchant", IsoFields.MERCHANT_ID);
        final String pan = request.maskedPan();
        if (pan != null)
        {
            fields.put("pan", pan);
        }
        final long amount = request.numeric(IsoFields.AMOUNT_TRANSACTION);
        if (amount >= 0)
        {
            fields.put("amount", amount);
        }
        putText(fields, "currency", IsoFields.CURRENCY_TRANSACTION);
        putText(fields, "netcode", IsoFields.NETWORK_MGMT_CODE);
    }

    private void putText(final EventFields fields, final String key, final int field)
    {
        final String value = request.text(field);
        if (value != null)
        {
            fields.put(key, value);
        }
    }

    private static void describeAdmin(final DirectBuffer payload, final int offset, final int length,
        final EventFields fields)
    {
        final byte type = AdminRecords.type(payload, offset, length);
        if (type == AdminRecords.TYPE_ACCOUNT && length == AdminRecords.ACCOUNT_LENGTH)
        {
            fields.put("type", "account");
            fields.put("account", AdminRecords.accountId(payload, offset));
            fields.put("currency", String.format("%03d", AdminRecords.accountCurrency(payload, offset)));
            fields.put("balance", AdminRecords.accountBalanceMinor(payload, offset));
            fields.put("credit_limit", AdminRecords.accountCreditLimitMinor(payload, offset));
        }
        else if (type == AdminRecords.TYPE_CARD && length == AdminRecords.CARD_LENGTH)
        {
            fields.put("type", "card");
            final long panKey = AdminRecords.cardPanKey(payload, offset);
            fields.put("pan", panKey == -1 ? "invalid" : Pans.mask(Long.toUnsignedString(panKey)));
            fields.put("account", AdminRecords.cardAccountId(payload, offset));
            fields.put("expiry", String.format("%04d", AdminRecords.cardExpiryYymm(payload, offset)));
            fields.put("status", CardStatus.name(AdminRecords.cardStatus(payload, offset)));
        }
        else if (type == AdminRecords.TYPE_CUTOVER && length == AdminRecords.CUTOVER_LENGTH)
        {
            fields.put("type", "cutover");
            final int date = AdminRecords.cutoverBusinessDate(payload, offset);
            if (date != AdminRecords.CUTOVER_NO_DATE)
            {
                fields.put("date", date);
            }
            fields.put("daily_time", dailyTime(AdminRecords.cutoverSecondOfDay(payload, offset)));
        }
        else if (type == AdminRecords.TYPE_CARD_STATUS && length == AdminRecords.CARD_STATUS_LENGTH)
        {
            fields.put("type", "card_status");
            final long panKey = AdminRecords.cardPanKey(payload, offset);
            fields.put("pan", panKey == -1 ? "invalid" : Pans.mask(Long.toUnsignedString(panKey)));
            fields.put("status", CardStatus.name(AdminRecords.cardStatusTarget(payload, offset)));
        }
        else if (type == AdminRecords.TYPE_ACCOUNT_ADJUSTMENT && length == AdminRecords.ACCOUNT_ADJUSTMENT_LENGTH)
        {
            fields.put("type", "adjustment");
            fields.put("account", AdminRecords.adjustmentAccountId(payload, offset));
            fields.put("amount", AdminRecords.adjustmentAmountMinor(payload, offset));
            fields.put("currency", String.format("%03d", AdminRecords.adjustmentCurrency(payload, offset)));
            fields.put("reference", AdminRecords.adjustmentReference(payload, offset));
        }
        else if (type == AdminRecords.TYPE_CUTOVER_NOW && length == AdminRecords.CUTOVER_NOW_LENGTH)
        {
            fields.put("type", "cutover_now");
        }
        else
        {
            fields.put("type", "unknown(" + type + ")");
            fields.put("bytes", length);
        }
    }

    /** @return a cutover record's daily time as HH:MM, or what it says instead ("none", "kept"). */
    private static String dailyTime(final int secondOfDay)
    {
        if (secondOfDay == AdminRecords.CUTOVER_ON_COMMAND_ONLY)
        {
            return "none";
        }
        if (secondOfDay == AdminRecords.CUTOVER_KEEP_TIME)
        {
            return "kept";
        }
        return secondOfDay >= 0 && secondOfDay < BusinessDay.SECONDS_PER_DAY ?
            String.format("%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60) : "invalid(" + secondOfDay + ")";
    }
}
