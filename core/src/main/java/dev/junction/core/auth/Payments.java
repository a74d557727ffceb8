package dev.junction.core.auth;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.refdata.CardStatus;

/**
 * The requests that start a transaction, 0100 and 0200, by transaction type (processing code digits
 * 1-2):
 * <ul>
 *   <li>00 goods and services, 01 cash: an 0100 places a hold, an 0200 posts at once;</li>
 *   <li>20 refund, in an 0200 only: credits the account and must name a posted original (a purchase
 *       or a completion) by field 90 or, failing that, by its retrieval reference (37) on the same
 *       PAN; an 0100 refund is answered 12, because Junction moves a refund's money only when it
 *       posts it, and an authorization would promise a credit it has no hold to back;</li>
 *   <li>31 balance inquiry: approved with the ledger and available balances in field 54; moves
 *       nothing and is not recorded.</li>
 * </ul>
 * A request in another currency (field 49) than the account's converts at the rate table's rate for
 * the pair (12 without one; 13 when the converted amount does not fit field 6 or rounds to nothing);
 * from then on, limits, funds, holds and postings are in the account's currency, and the answer carries
 * the billing amount, rate and currency (fields 6, 10, 51). A purchase or authorization of an amount
 * then passes the {@link RiskControls}: limits and tiers, then the risk score (59); funds come last.
 * Every approval that moves money is recorded in {@link Transactions} so that a completion, reversal
 * or refund can name it; when the table has no room (all of it holds open authorizations) the request
 * is answered 91, retry later, rather than approved unrecorded. Declines are recorded when there is
 * room, so that a refund of one answers 12. Authorizer-thread only; allocation-free.
 */
final class Payments
{
    private static final int TYPE_GOODS_AND_SERVICES = 0;
    private static final int TYPE_CASH = 1;
    private static final int TYPE_REFUND = 20;
    private static final int TYPE_BALANCE_INQUIRY = 31;
    private static final int OWN_KEYS = Transactions.KEY_ORIGINAL | Transactions.KEY_TERMINAL;

    private final Accounts accounts;
    private final Cards cards;
    private final Transactions transactions;
    private final Ledger ledger;
    private final RiskControls risk;
    private final MessageKeys original = new MessageKeys();
    private long approvals;
    /** What {@link #pay}'s early loads read: kept, so that the JIT cannot drop the loads. */
    private long touched;

    Payments(final Accounts accounts, final Cards cards, final Transactions transactions, final Ledger ledger,
        final RiskControls risk)
    {
        this.accounts = accounts;
        this.cards = cards;
        this.transactions = transactions;
        this.ledger = ledger;
        this.risk = risk;
    }

    /**
     * Answers an 0100 ({@code hold}) or an 0200 whose 7 and 11 are present.
     *
     * @return the index of the account the answer names, -1 when none.
     */
    int apply(final IsoMessage request, final MessageKeys keys, final long ingressEpochNanos, final boolean hold,
        final Decision decision)
    {
        final int responseMti = hold ? 110 : 210;
        if (!request.has(IsoFields.PAN) || !request.has(IsoFields.PROCESSING_CODE))
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return -1;
        }
        final int currencyCode = currencyCode(request);
        final int localMonth = request.has(IsoFields.LOCAL_DATE) ? (int)(request.numeric(IsoFields.LOCAL_DATE) / 100) : 0;
        if (currencyCode < 0 || (request.has(IsoFields.LOCAL_DATE) && (localMonth < 1 || localMonth > 12)))
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return -1;
        }
        final long processingCode = keys.processingCode;
        final int transactionType = (int)(processingCode / 10_000);
        if (transactionType == TYPE_BALANCE_INQUIRY)
        {
            return inquire(request, keys, ingressEpochNanos, localMonth, currencyCode,
                (int)(processingCode / 100 % 100), responseMti, decision);
        }
        if (!request.has(IsoFields.AMOUNT_TRANSACTION))
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return -1;
        }
        final long amountMinor = keys.amountMinor;
        switch (transactionType)
        {
            case TYPE_GOODS_AND_SERVICES:
            case TYPE_CASH:
                return pay(request, keys, ingressEpochNanos, localMonth, currencyCode, amountMinor, hold, responseMti,
                    decision);
            case TYPE_REFUND:
                if (hold)
                {
                    decision.respond(responseMti, ResponseCodes.INVALID_TRANSACTION);
                    return -1;
                }
                return refund(request, keys, ingressEpochNanos, currencyCode, amountMinor, responseMti, decision);
            default:
                decision.respond(responseMti, ResponseCodes.INVALID_TRANSACTION);
                return -1;
        }
    }

    private int pay(final IsoMessage request, final MessageKeys keys, final long ingressEpochNanos, final int localMonth,
        final int currencyCode, final long amountMinor, final boolean hold, final int responseMti, final Decision decision)
    {
        if (amountMinor == 0 && !hold)
        {
            decision.respond(responseMti, ResponseCodes.INVALID_AMOUNT);
            return -1;
        }
        final int card = cards.indexOf(keys.panKey, keys.panLength);
        if (card < 0)
        {
            decision.respond(responseMti, ResponseCodes.INVALID_CARD_NUMBER);
            return -1;
        }
        final int account = cards.accountIndex(card);
        // The account and the card's activity depend only on the card, which is loaded now: starting both
        // loads before either is read lets their cache misses overlap instead of coming one after the other.
        touched ^= accounts.touch(account) ^ risk.touchActivity(card);
        final byte type = hold ? Transactions.AUTHORIZATION : Transactions.PURCHASE;
        final int declineCode = cardDecline(request, card, ingressEpochNanos, localMonth, true, keys);
        if (declineCode != ResponseCodes.APPROVED)
        {
            return decline(type, declineCode, keys, account, amountMinor, ingressEpochNanos, responseMti, decision);
        }
        final long billingMinor = billingAmount(currencyCode, account, amountMinor, decision);
        if (billingMinor < 0)
        {
            return decline(type, (int)-billingMinor, keys, account, amountMinor, ingressEpochNanos, responseMti,
                decision);
        }
        if (billingMinor > 0)
        {
            int riskCode = risk.limits(request, card, billingMinor, ingressEpochNanos, decision);
            if (riskCode == ResponseCodes.APPROVED)
            {
                riskCode = risk.score(request, keys, card, billingMinor, ingressEpochNanos, decision);
            }
            if (riskCode != ResponseCodes.APPROVED)
            {
                return decline(type, riskCode, keys, account, billingMinor, ingressEpochNanos, responseMti, decision);
            }
        }
        if (billingMinor > accounts.availableMinor(account))
        {
            return decline(type, ResponseCodes.INSUFFICIENT_FUNDS, keys, account, billingMinor, ingressEpochNanos,
                responseMti, decision);
        }
        if (billingMinor == 0)
        {
            // A card verification: nothing to hold, complete or reverse, so nothing is recorded.
            Answers.answer(decision, accounts, responseMti, ResponseCodes.APPROVED, account, 0);
            decision.authorizationId(nextAuthorizationId());
            return account;
        }
        if (!transactions.hasRoom())
        {
            Answers.answer(decision, accounts, responseMti, ResponseCodes.SYSTEM_UNAVAILABLE, account, 0);
            return account;
        }
        final long authorizationId = nextAuthorizationId();
        final int slot;
        if (hold)
        {
            slot = transactions.create(Transactions.AUTHORIZATION, Transactions.HOLDING, keys,
                OWN_KEYS | Transactions.KEY_AUTHORIZATION | Transactions.KEY_RRN, account, billingMinor,
                authorizationId, ingressEpochNanos);
            ledger.hold(slot, billingMinor);
        }
        else
        {
            slot = transactions.create(Transactions.PURCHASE, Transactions.POSTED, keys,
                OWN_KEYS | Transactions.KEY_RRN, account, billingMinor, authorizationId, ingressEpochNanos);
            transactions.posted(slot, billingMinor);
            ledger.debit(account, billingMinor);
        }
        if (decision.isConverted())
        {
            transactions.conversion(slot, currencyCode, decision.conversionRate());
        }
        risk.approved(card, billingMinor, ingressEpochNanos);
        Answers.answer(decision, accounts, responseMti, ResponseCodes.APPROVED, account, billingMinor);
        decision.authorizationId(authorizationId);
        return account;
    }

    /**
     * The amount in the account's currency: {@code amountMinor} itself when the request names no other
     * currency, else converted at the rate table's rate for the pair, recorded in the decision.
     *
     * @return the amount, or minus the response code that declines the request: 12 when there is no rate,
     * 13 when the converted amount exceeds field 6 or rounds to zero.
     */
    private long billingAmount(final int currencyCode, final int account, final long amountMinor,
        final Decision decision)
    {
        final int accountCurrency = accounts.currencyCode(account);
        if (currencyCode == 0 || currencyCode == accountCurrency)
        {
            return amountMinor;
        }
        final int rate = risk.rates().rate(currencyCode, accountCurrency);
        if (rate == CurrencyRates.NONE)
        {
            return -ResponseCodes.INVALID_TRANSACTION;
        }
        final long billingMinor = CurrencyRates.convert(amountMinor, currencyCode, accountCurrency, rate);
        if (billingMinor == CurrencyRates.TOO_LARGE || billingMinor == 0 && amountMinor > 0)
        {
            return -ResponseCodes.INVALID_AMOUNT;
        }
        decision.conversion(billingMinor, accountCurrency, rate);
        return billingMinor;
    }

    private int refund(final IsoMessage request, final MessageKeys keys, final long ingressEpochNanos,
        final int currencyCode, final long amountMinor, final int responseMti, final Decision decision)
    {
        if (amountMinor == 0)
        {
            decision.respond(responseMti, ResponseCodes.INVALID_AMOUNT);
            return -1;
        }
        final boolean hasOriginalData = request.has(IsoFields.ORIGINAL_DATA);
        if (hasOriginalData && !original.readOriginal(request))
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return -1;
        }
        final int card = cards.indexOf(keys.panKey, keys.panLength);
        if (card < 0)
        {
            decision.respond(responseMti, ResponseCodes.INVALID_CARD_NUMBER);
            return -1;
        }
        final int account = cards.accountIndex(card);
        // A refund credits a card that may have been renewed since the purchase: its expiry is not checked.
        final int declineCode = cardDecline(request, card, ingressEpochNanos, 0, false, keys);
        if (declineCode != ResponseCodes.APPROVED)
        {
            return decline(Transactions.REFUND, declineCode, keys, account, amountMinor, ingressEpochNanos, responseMti,
                decision);
        }
        // Converted at today's rate, as the refund is a new movement; limits and risk do not apply to a credit.
        final long billingMinor = billingAmount(currencyCode, account, amountMinor, decision);
        if (billingMinor < 0)
        {
            return decline(Transactions.REFUND, (int)-billingMinor, keys, account, amountMinor, ingressEpochNanos,
                responseMti, decision);
        }
        final int originalSlot;
        if (hasOriginalData)
        {
            final int byOriginalData = transactions.findByOriginal(original);
            originalSlot = byOriginalData != Transactions.NIL ? byOriginalData : transactions.findByTerminal(original);
        }
        else if (keys.hasRrn)
        {
            originalSlot = transactions.findByRrn(keys.rrnHigh, keys.rrnLow);
        }
        else
        {
            // A refund that names no original could credit anything: Junction refuses it.
            return decline(Transactions.REFUND, ResponseCodes.INVALID_TRANSACTION, keys, account, billingMinor,
                ingressEpochNanos, responseMti, decision);
        }
        final int code = refundDecline(originalSlot, keys, billingMinor);
        if (code != ResponseCodes.APPROVED)
        {
            return decline(Transactions.REFUND, code, keys, account, billingMinor, ingressEpochNanos, responseMti,
                decision);
        }
        if (!transactions.hasRoom())
        {
            Answers.answer(decision, accounts, responseMti, ResponseCodes.SYSTEM_UNAVAILABLE, account, 0);
            return account;
        }
        final long originalNumber = transactions.number(originalSlot);
        final long originalAuthorizationId = transactions.authorizationId(originalSlot);
        final long authorizationId = nextAuthorizationId();
        final int slot = transactions.create(Transactions.REFUND, Transactions.POSTED, keys, OWN_KEYS, account,
            billingMinor, authorizationId, ingressEpochNanos);
        transactions.posted(slot, billingMinor);
        if (decision.isConverted())
        {
            transactions.conversion(slot, currencyCode, decision.conversionRate());
        }
        if (transactions.number(originalSlot) == originalNumber)
        {
            // Unless the new record took the original's slot: then the original was forgotten anyway.
            transactions.link(slot, originalSlot, originalNumber);
            transactions.refunded(originalSlot, transactions.refundedMinor(originalSlot) + billingMinor);
        }
        ledger.credit(account, billingMinor);
        Answers.answer(decision, accounts, responseMti, ResponseCodes.APPROVED, account, billingMinor);
        decision.authorizationId(authorizationId);
        decision.originalAuthorizationId(originalAuthorizationId);
        return account;
    }

    /**
     * 25 when the original is unknown; 12 when it is no posting (an authorization, a refund), was
     * declined or fully reversed, or was on another card; 13 when this refund would take the refunds
     * against it past what stands of it.
     */
    private int refundDecline(final int originalSlot, final MessageKeys keys, final long amountMinor)
    {
        if (originalSlot == Transactions.NIL || transactions.type(originalSlot) == Transactions.UNMATCHED_REVERSAL)
        {
            return ResponseCodes.ORIGINAL_NOT_FOUND;
        }
        final byte type = transactions.type(originalSlot);
        if (type != Transactions.PURCHASE && type != Transactions.COMPLETION ||
            transactions.state(originalSlot) != Transactions.POSTED ||
            !transactions.samePan(originalSlot, keys.panKey, keys.panLength))
        {
            return ResponseCodes.INVALID_TRANSACTION;
        }
        final long refundable = transactions.postedMinor(originalSlot) - transactions.refundedMinor(originalSlot);
        return amountMinor > refundable ? ResponseCodes.INVALID_AMOUNT : ResponseCodes.APPROVED;
    }

    private int inquire(final IsoMessage request, final MessageKeys keys, final long ingressEpochNanos,
        final int localMonth, final int currencyCode, final int accountType, final int responseMti,
        final Decision decision)
    {
        final int card = cards.indexOf(keys.panKey, keys.panLength);
        if (card < 0)
        {
            decision.respond(responseMti, ResponseCodes.INVALID_CARD_NUMBER);
            return -1;
        }
        final int account = cards.accountIndex(card);
        int code = cardDecline(request, card, ingressEpochNanos, localMonth, true, null);
        if (code == ResponseCodes.APPROVED && currencyCode > 0 && currencyCode != accounts.currencyCode(account))
        {
            // Balances are told in the account's currency only.
            code = ResponseCodes.INVALID_TRANSACTION;
        }
        Answers.answer(decision, accounts, responseMti, code, account, 0);
        if (code == ResponseCodes.APPROVED)
        {
            decision.balanceInquiry(accountType);
        }
        return account;
    }

    /**
     * The card's own reasons to decline, in order: its status (41, 43, 62), its expiry on the
     * transaction date or a field 14 that differs (54), and for a request that moves money ({@code keys} given) a reversal that came before it (12: the
     * acquirer has already cancelled it, so approving it now would take money twice).
     *
     * @return {@link ResponseCodes#APPROVED} when none applies.
     */
    private int cardDecline(final IsoMessage request, final int card, final long ingressEpochNanos,
        final int localMonth, final boolean checkExpiry, final MessageKeys keys)
    {
        final int statusCode = statusResponse(cards.status(card));
        if (statusCode != ResponseCodes.APPROVED)
        {
            return statusCode;
        }
        if (checkExpiry)
        {
            final int expiry = cards.expiryYymm(card);
            final int transactionYearMonth = localMonth > 0 ?
                CivilTime.transactionYearMonth(ingressEpochNanos, localMonth) : CivilTime.yearMonth(ingressEpochNanos);
            final int expiryYearMonth = (2000 + expiry / 100) * 100 + expiry % 100;
            if (transactionYearMonth > expiryYearMonth ||
                request.has(IsoFields.EXPIRATION_DATE) && request.numeric(IsoFields.EXPIRATION_DATE) != expiry)
            {
                return ResponseCodes.EXPIRED_CARD;
            }
        }
        if (keys != null && reversedBeforeArrival(keys))
        {
            return ResponseCodes.INVALID_TRANSACTION;
        }
        return ResponseCodes.APPROVED;
    }

    /** @return whether a reversal naming this request came before it (and was answered 25). */
    private boolean reversedBeforeArrival(final MessageKeys keys)
    {
        if (!transactions.hasUnmatchedReversals())
        {
            return false;
        }
        final int byOriginalData = transactions.findByOriginal(keys);
        if (byOriginalData != Transactions.NIL && transactions.type(byOriginalData) == Transactions.UNMATCHED_REVERSAL)
        {
            return true;
        }
        final int byTerminal = transactions.findByTerminal(keys);
        return byTerminal != Transactions.NIL && transactions.type(byTerminal) == Transactions.UNMATCHED_REVERSAL;
    }

    /** Declines, recording the decline when there is room so that a later refund or reversal recognises it. */
    private int decline(final byte type, final int responseCode, final MessageKeys keys, final int account,
        final long amountMinor, final long ingressEpochNanos, final int responseMti, final Decision decision)
    {
        if (transactions.hasRoom())
        {
            transactions.create(type, Transactions.DECLINED, keys,
                type == Transactions.REFUND ? OWN_KEYS : OWN_KEYS | Transactions.KEY_RRN, account, amountMinor, 0,
                ingressEpochNanos);
        }
        Answers.answer(decision, accounts, responseMti, responseCode, account, 0);
        return account;
    }

    private long nextAuthorizationId()
    {
        return AuthorizationIds.forApproval(++approvals);
    }

    /** @return how many authorization ids were issued. */
    long approvals()
    {
        return approvals;
    }

    private static int statusResponse(final byte status)
    {
        switch (status)
        {
            case CardStatus.ACTIVE: return ResponseCodes.APPROVED;
            case CardStatus.LOST: return ResponseCodes.LOST_CARD;
            case CardStatus.STOLEN: return ResponseCodes.STOLEN_CARD;
            default: return ResponseCodes.RESTRICTED_CARD;
        }
    }

    /** @return field 49's three digits as a number, 0 when absent, -1 when not three digits. */
    static int currencyCode(final IsoMessage request)
    {
        if (!request.has(IsoFields.CURRENCY_TRANSACTION))
        {
            return 0;
        }
        int code = 0;
        for (int i = 0; i < 3; i++)
        {
            final int c = request.charAt(IsoFields.CURRENCY_TRANSACTION, i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code;
    }

    /** Restores the count of authorization ids issued, from a snapshot. */
    void approvals(final long approvals)
    {
        this.approvals = approvals;
    }
}
