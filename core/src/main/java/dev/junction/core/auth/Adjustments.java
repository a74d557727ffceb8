package dev.junction.core.auth;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;

/**
 * The messages that change a transaction already recorded in {@link Transactions}:
 * <ul>
 *   <li><b>0220/0221 completion advice</b> (answered 0230, declined or not): names its authorization
 *       by field 90, or by the authorization id (38) and PAN; captures the amount of field 4 and
 *       releases the rest of the hold. Unknown original: 25. An original that is not an authorization,
 *       or no longer holds (completed, expired, reversed, declined): 12. An amount above the hold: 13,
 *       and the hold stays, so that a corrected advice can still capture it; Junction never posts more
 *       than it held, which would let a merchant take funds the cardholder no longer has.</li>
 *   <li><b>0400/0401 reversal, 0420/0421 reversal advice</b>: names its original by field 90, or by
 *       the STAN, terminal and transmission time that it shares with it. Field 95's first 12 digits are
 *       the amount that still stands (absent: nothing stands). A reversal releases that part of a hold,
 *       or credits back that part of a posting (never what refunds already credited), or debits back
 *       that part of a refund (51 when the account no longer has it); it changes a transaction only
 *       down to what stands, so a repeated reversal answers 00 and changes nothing. A reversal of a
 *       declined, expired or already reversed original answers 00 and changes nothing; of a completed
 *       authorization 12 (the completion is what must be reversed). A reversal whose original is
 *       unknown answers 25 and is recorded, so that the original, arriving late, is declined (12); if
 *       it cannot be recorded (the table holds nothing but open holds) it answers 91 so that the
 *       acquirer repeats it.</li>
 *   <li><b>Currencies</b>: an original converted from another currency is completed, and partly
 *       reversed (field 95), in that currency, at the rate it was converted at.</li>
 *   <li><b>Hold expiry</b>: holds older than the configured lifetime are released in creation order.</li>
 * </ul>
 * Authorizer-thread only; allocation-free.
 */
final class Adjustments
{
    private static final int OWN_KEYS = Transactions.KEY_ORIGINAL | Transactions.KEY_TERMINAL;
    private static final int REPLACEMENT_DIGITS = 12;

    private final Accounts accounts;
    private final Transactions transactions;
    private final Ledger ledger;
    private final long holdExpiryNanos;
    private final MessageKeys original = new MessageKeys();

    Adjustments(final Accounts accounts, final Transactions transactions, final Ledger ledger,
        final long holdExpiryNanos)
    {
        this.accounts = accounts;
        this.transactions = transactions;
        this.ledger = ledger;
        this.holdExpiryNanos = holdExpiryNanos;
    }

    /**
     * Releases every hold whose lifetime has run out at {@code nowEpochNanos}, oldest first.
     *
     * @return the sum of the holds released.
     */
    long expireHolds(final long nowEpochNanos)
    {
        long expiredMinor = 0;
        int slot = transactions.oldestHolding();
        while (slot != Transactions.NIL && nowEpochNanos - transactions.createdAtNanos(slot) >= holdExpiryNanos)
        {
            expiredMinor += transactions.holdMinor(slot);
            ledger.release(slot, transactions.holdMinor(slot));
            transactions.state(slot, Transactions.EXPIRED);
            slot = transactions.oldestHolding();
        }
        return expiredMinor;
    }

    /** Answers an 0220 or 0221 whose 7 and 11 are present; @return the account it names, -1 when none. */
    int complete(final IsoMessage request, final MessageKeys keys, final long ingressEpochNanos, final Decision decision)
    {
        final int responseMti = 230;
        final int currencyCode = Payments.currencyCode(request);
        if (!request.has(IsoFields.PAN) || !request.has(IsoFields.AMOUNT_TRANSACTION) || currencyCode < 0)
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return -1;
        }
        final int slot;
        if (request.has(IsoFields.ORIGINAL_DATA))
        {
            if (!original.readOriginal(request))
            {
                decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
                return -1;
            }
            slot = findOriginal(original);
        }
        else if (request.has(IsoFields.AUTH_ID))
        {
            final long authorizationId = AuthorizationIds.parse(request, IsoFields.AUTH_ID);
            if (authorizationId < 0)
            {
                decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
                return -1;
            }
            slot = transactions.findByAuthorization(authorizationId, keys.panKey, keys.panLength);
        }
        else
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return -1;
        }
        if (slot == Transactions.NIL || transactions.type(slot) == Transactions.UNMATCHED_REVERSAL)
        {
            decision.respond(responseMti, ResponseCodes.ORIGINAL_NOT_FOUND);
            return -1;
        }
        final int account = transactions.accountIndex(slot);
        final long authorizationId = transactions.authorizationId(slot);
        decision.originalAuthorizationId(authorizationId);
        final int rate = transactions.conversionRate(slot);
        final int accountCurrency = accounts.currencyCode(account);
        // A converted authorization is completed in its own currency, at the rate it was converted at.
        final int expectedCurrency = rate == 0 ? accountCurrency : transactions.transactionCurrency(slot);
        final long amountMinor = rate == 0 ? request.numeric(IsoFields.AMOUNT_TRANSACTION) : CurrencyRates.convert(
            request.numeric(IsoFields.AMOUNT_TRANSACTION), expectedCurrency, accountCurrency, rate);
        if (rate != 0 && amountMinor != CurrencyRates.TOO_LARGE)
        {
            decision.conversion(amountMinor, accountCurrency, rate);
        }
        final int code;
        if (transactions.type(slot) != Transactions.AUTHORIZATION || transactions.state(slot) != Transactions.HOLDING ||
            !transactions.samePan(slot, keys.panKey, keys.panLength) ||
            currencyCode > 0 && currencyCode != expectedCurrency)
        {
            code = ResponseCodes.INVALID_TRANSACTION;
        }
        else if (amountMinor == CurrencyRates.TOO_LARGE)
        {
            code = ResponseCodes.INVALID_AMOUNT;
        }
        else if (amountMinor > transactions.holdMinor(slot))
        {
            code = ResponseCodes.INVALID_AMOUNT;
        }
        else
        {
            capture(slot, account, amountMinor, keys, authorizationId, ingressEpochNanos);
            decision.authorizationId(authorizationId);
            code = ResponseCodes.APPROVED;
        }
        Answers.answer(decision, accounts, responseMti, code, account, code == ResponseCodes.APPROVED ? amountMinor : 0);
        return account;
    }

    private void capture(final int slot, final int account, final long amountMinor, final MessageKeys keys,
        final long authorizationId, final long ingressEpochNanos)
    {
        ledger.release(slot, transactions.holdMinor(slot));
        if (amountMinor > 0)
        {
            ledger.debit(account, amountMinor);
        }
        transactions.posted(slot, amountMinor);
        transactions.state(slot, Transactions.COMPLETED);
        // The authorization just settled, so the table has room for the completion's own record.
        final long authorizationNumber = transactions.number(slot);
        final int completion = transactions.create(Transactions.COMPLETION, Transactions.POSTED, keys,
            OWN_KEYS | Transactions.KEY_RRN, account, amountMinor, authorizationId, ingressEpochNanos);
        transactions.posted(completion, amountMinor);
        if (transactions.number(slot) == authorizationNumber)
        {
            transactions.link(completion, slot, authorizationNumber);
        }
    }

    /** Answers an 0400, 0401, 0420 or 0421 whose 7 and 11 are present; @return the account it names, -1 when none. */
    int reverse(final IsoMessage request, final MessageKeys keys, final int responseMti, final long ingressEpochNanos,
        final Decision decision)
    {
        final long standingMinor = replacementAmount(request);
        final boolean hasOriginalData = request.has(IsoFields.ORIGINAL_DATA);
        if (standingMinor < 0 || hasOriginalData && !original.readOriginal(request))
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return -1;
        }
        // Without field 90 a reversal carries its original's STAN, terminal and transmission time.
        final MessageKeys originalKeys = hasOriginalData ? original : keys;
        final int slot = hasOriginalData ? findOriginal(original) : transactions.findByTerminal(keys);
        if (slot == Transactions.NIL)
        {
            return rememberUnmatched(originalKeys, hasOriginalData, responseMti, ingressEpochNanos, decision);
        }
        if (transactions.type(slot) == Transactions.UNMATCHED_REVERSAL)
        {
            decision.respond(responseMti, ResponseCodes.ORIGINAL_NOT_FOUND);
            return -1;
        }
        final int account = transactions.accountIndex(slot);
        decision.originalAuthorizationId(transactions.authorizationId(slot));
        final int code;
        if (keys.panLength > 0 && !transactions.samePan(slot, keys.panKey, keys.panLength))
        {
            code = ResponseCodes.INVALID_TRANSACTION;
        }
        else
        {
            code = reverse(slot, account, standingInAccountCurrency(slot, account, standingMinor));
        }
        Answers.answer(decision, accounts, responseMti, code, account, 0);
        return account;
    }

    /** Brings the original down to {@code standingMinor}, never up. @return the response code. */
    private int reverse(final int slot, final int account, final long standingMinor)
    {
        final byte state = transactions.state(slot);
        switch (transactions.type(slot))
        {
            case Transactions.AUTHORIZATION:
                if (state == Transactions.COMPLETED)
                {
                    return ResponseCodes.INVALID_TRANSACTION;
                }
                if (state == Transactions.HOLDING && standingMinor < transactions.holdMinor(slot))
                {
                    ledger.release(slot, transactions.holdMinor(slot) - standingMinor);
                    if (standingMinor == 0)
                    {
                        transactions.state(slot, Transactions.REVERSED);
                    }
                }
                return ResponseCodes.APPROVED;
            case Transactions.REFUND:
                if (state == Transactions.POSTED && standingMinor < transactions.postedMinor(slot))
                {
                    final long debitMinor = transactions.postedMinor(slot) - standingMinor;
                    if (debitMinor > accounts.availableMinor(account))
                    {
                        return ResponseCodes.INSUFFICIENT_FUNDS;
                    }
                    ledger.debit(account, debitMinor);
                    transactions.posted(slot, standingMinor);
                    final int refunded = transactions.linked(slot);
                    if (refunded != Transactions.NIL)
                    {
                        transactions.refunded(refunded, transactions.refundedMinor(refunded) - debitMinor);
                    }
                    if (standingMinor == 0)
                    {
                        transactions.state(slot, Transactions.REVERSED);
                    }
                }
                return ResponseCodes.APPROVED;
            default:
                if (state == Transactions.POSTED)
                {
                    // What refunds already credited back cannot be credited a second time.
                    final long floorMinor = Math.max(standingMinor, transactions.refundedMinor(slot));
                    final long postedMinor = transactions.postedMinor(slot);
                    if (floorMinor < postedMinor)
                    {
                        ledger.credit(account, postedMinor - floorMinor);
                        transactions.posted(slot, floorMinor);
                        if (floorMinor == 0)
                        {
                            transactions.state(slot, Transactions.REVERSED);
                        }
                    }
                }
                return ResponseCodes.APPROVED;
        }
    }

    /**
     * Field 95 is in the currency of the original request: a converted original's standing amount
     * converts at the original's rate. One too large to convert stands in full.
     */
    private long standingInAccountCurrency(final int slot, final int account, final long standingMinor)
    {
        final int rate = transactions.conversionRate(slot);
        if (rate == 0 || standingMinor == 0)
        {
            return standingMinor;
        }
        final long converted = CurrencyRates.convert(standingMinor, transactions.transactionCurrency(slot),
            accounts.currencyCode(account), rate);
        return converted == CurrencyRates.TOO_LARGE ? Long.MAX_VALUE : converted;
    }

    private int rememberUnmatched(final MessageKeys originalKeys, final boolean hasOriginalData, final int responseMti,
        final long ingressEpochNanos, final Decision decision)
    {
        if (!transactions.hasRoom())
        {
            decision.respond(responseMti, ResponseCodes.SYSTEM_UNAVAILABLE);
            return -1;
        }
        transactions.create(Transactions.UNMATCHED_REVERSAL, Transactions.UNMATCHED, originalKeys,
            hasOriginalData ? OWN_KEYS : Transactions.KEY_TERMINAL, -1, 0, 0, ingressEpochNanos);
        decision.respond(responseMti, ResponseCodes.ORIGINAL_NOT_FOUND);
        return -1;
    }

    /** Finds what field 90 names: by its own elements, then by its STAN and time with the message's terminal. */
    private int findOriginal(final MessageKeys keys)
    {
        final int byOriginalData = transactions.findByOriginal(keys);
        return byOriginalData != Transactions.NIL ? byOriginalData : transactions.findByTerminal(keys);
    }

    /** @return field 95's first 12 digits (the amount that stands), 0 when absent, -1 when not digits. */
    private static long replacementAmount(final IsoMessage request)
    {
        if (!request.has(IsoFields.REPLACEMENT_AMOUNTS))
        {
            return 0;
        }
        long amount = 0;
        for (int i = 0; i < REPLACEMENT_DIGITS; i++)
        {
            final int c = request.charAt(IsoFields.REPLACEMENT_AMOUNTS, i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            amount = amount * 10 + (c - '0');
        }
        return amount;
    }
}
