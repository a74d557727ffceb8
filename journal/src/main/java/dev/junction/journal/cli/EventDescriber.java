package dev.junction.journal.cli;

import dev.junction.core.auth.AuthorizationIds;
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
 * masked (first six, last four digits); payload bytes never appear raw.
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
                fields.put("account", outcome.accountId());
                fields.put("amount", outcome.amountMinor());
                fields.put("balance", outcome.balanceAfterMinor());
                fields.put("holds", outcome.holdsAfterMinor());
                fields.put("available", outcome.availableAfterMinor());
            }
            describeDecision(outcome, fields);
        }
        else if (kind == EventKind.ADMIN)
        {
            fields.put("result", Formats.adminResult(outcome.adminResult()));
        }
        else
        {
            fields.put("response", outcome.responseLength() > 0 ? "present" : "none");
        }
        describeMovements(outcome, fields);
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
        else
        {
            fields.put("type", "unknown(" + type + ")");
            fields.put("bytes", length);
        }
    }
}
