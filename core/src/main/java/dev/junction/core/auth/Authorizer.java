package dev.junction.core.auth;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardStatus;
import org.agrona.DirectBuffer;

/**
 * The business logic: a deterministic state machine that applies events in ring order to the
 * ledger of accounts and cards and writes each event's {@link Decision}.
 * <p>
 * It reads no clock, random source, file or socket and starts no thread: time is the event's ingress
 * time, which the journal keeps, so a replay of the journal reaches the same decisions and the same
 * {@link #digest()}. One thread calls {@link #apply}: the ring's authorizer stage in the live switch,
 * the replayer at start-up. It allocates nothing per request.
 */
public final class Authorizer
{
    private static final int TYPE_GOODS_AND_SERVICES = 0;
    private static final int TYPE_CASH = 1;
    private static final int NETWORK_SIGN_ON = 1;
    private static final int NETWORK_SIGN_OFF = 2;
    private static final int NETWORK_ECHO = 301;

    private final Accounts accounts;
    private final Cards cards;
    private long approvals;

    public Authorizer(final AuthorizerConfig config)
    {
        accounts = new Accounts(config.accountCapacity());
        cards = new Cards(config.cardCapacity());
    }

    /** Applies one event and writes its decision into the event. */
    public void apply(final TransactionEvent event)
    {
        final Decision decision = event.decision();
        decision.reset();
        switch (event.kind())
        {
            case EventKind.REQUEST:
                onRequest(event.request(), event.decodeStatus(), event.ingressEpochNanos(), decision);
                break;
            case EventKind.ADMIN:
                onAdmin(event.payload(), event.payloadLength(), decision);
                break;
            default:
                break;
        }
    }

    /**
     * @return the MTI that answers {@code mti} (0100 → 0110, 0401 → 0410), or -1 when {@code mti} is
     * itself a response or a notification, which get no answer.
     */
    public static int responseMti(final int mti)
    {
        final int function = (mti / 10) % 10;
        if (function != 0 && function != 2)
        {
            return -1;
        }
        return (mti / 10 + 1) * 10;
    }

    private void onRequest(final IsoMessage request, final int decodeStatus, final long ingressEpochNanos,
        final Decision decision)
    {
        if (!request.isAddressable())
        {
            return;
        }
        final int mti = request.mti();
        final int responseMti = responseMti(mti);
        if (responseMti < 0)
        {
            return;
        }
        if (decodeStatus != IsoDecodeStatus.OK || mti >= 1000)
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return;
        }
        switch (mti)
        {
            case 100:
                authorize(request, ingressEpochNanos, true, decision);
                break;
            case 200:
                authorize(request, ingressEpochNanos, false, decision);
                break;
            case 800:
                networkManagement(request, decision);
                break;
            default:
                decision.respond(responseMti, ResponseCodes.INVALID_TRANSACTION);
                break;
        }
    }

    private void networkManagement(final IsoMessage request, final Decision decision)
    {
        if (!request.has(IsoFields.NETWORK_MGMT_CODE) || !request.has(IsoFields.STAN))
        {
            decision.respond(810, ResponseCodes.FORMAT_ERROR);
            return;
        }
        final long code = request.numeric(IsoFields.NETWORK_MGMT_CODE);
        final boolean known = code == NETWORK_SIGN_ON || code == NETWORK_SIGN_OFF || code == NETWORK_ECHO;
        decision.respond(810, known ? ResponseCodes.APPROVED : ResponseCodes.INVALID_TRANSACTION);
    }

    /** An 0100 (hold the funds) or an 0200 (post at once). */
    private void authorize(final IsoMessage request, final long ingressEpochNanos, final boolean hold,
        final Decision decision)
    {
        final int responseMti = hold ? 110 : 210;
        if (!request.has(IsoFields.PAN) || !request.has(IsoFields.PROCESSING_CODE) ||
            !request.has(IsoFields.AMOUNT_TRANSACTION) || !request.has(IsoFields.TRANSMISSION_DATE_TIME) ||
            !request.has(IsoFields.STAN))
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return;
        }
        final int currencyCode = currencyCode(request);
        final int localMonth = request.has(IsoFields.LOCAL_DATE) ? (int)(request.numeric(IsoFields.LOCAL_DATE) / 100) : 0;
        if (currencyCode < 0 || (request.has(IsoFields.LOCAL_DATE) && (localMonth < 1 || localMonth > 12)))
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return;
        }
        final int transactionType = (int)(request.numeric(IsoFields.PROCESSING_CODE) / 10_000);
        if (transactionType != TYPE_GOODS_AND_SERVICES && transactionType != TYPE_CASH)
        {
            decision.respond(responseMti, ResponseCodes.INVALID_TRANSACTION);
            return;
        }
        final long amountMinor = request.numeric(IsoFields.AMOUNT_TRANSACTION);
        if (amountMinor == 0 && !hold)
        {
            decision.respond(responseMti, ResponseCodes.INVALID_AMOUNT);
            return;
        }
        final int card = cards.indexOf(request.panKey(IsoFields.PAN), request.digitCount(IsoFields.PAN));
        if (card < 0)
        {
            decision.respond(responseMti, ResponseCodes.INVALID_CARD_NUMBER);
            return;
        }
        final int account = cards.accountIndex(card);
        final int statusCode = statusResponse(cards.status(card));
        if (statusCode != ResponseCodes.APPROVED)
        {
            decline(responseMti, statusCode, account, decision);
            return;
        }
        final int expiry = cards.expiryYymm(card);
        final int transactionYearMonth = localMonth > 0 ?
            CivilTime.transactionYearMonth(ingressEpochNanos, localMonth) : CivilTime.yearMonth(ingressEpochNanos);
        final int expiryYearMonth = (2000 + expiry / 100) * 100 + expiry % 100;
        if (transactionYearMonth > expiryYearMonth ||
            request.has(IsoFields.EXPIRATION_DATE) && request.numeric(IsoFields.EXPIRATION_DATE) != expiry)
        {
            decline(responseMti, ResponseCodes.EXPIRED_CARD, account, decision);
            return;
        }
        if (currencyCode > 0 && currencyCode != accounts.currencyCode(account))
        {
            decline(responseMti, ResponseCodes.INVALID_TRANSACTION, account, decision);
            return;
        }
        if (amountMinor > accounts.availableMinor(account))
        {
            decline(responseMti, ResponseCodes.INSUFFICIENT_FUNDS, account, decision);
            return;
        }
        if (hold)
        {
            accounts.hold(account, amountMinor);
        }
        else
        {
            accounts.debit(account, amountMinor);
        }
        decision.respond(responseMti, ResponseCodes.APPROVED);
        decision.authorizationId(AuthorizationIds.forApproval(++approvals));
        decision.account(accounts.id(account), amountMinor, accounts.currencyCode(account),
            accounts.balanceMinor(account), accounts.holdsMinor(account));
    }

    private void decline(final int responseMti, final int responseCode, final int account, final Decision decision)
    {
        decision.respond(responseMti, responseCode);
        decision.account(accounts.id(account), 0, accounts.currencyCode(account),
            accounts.balanceMinor(account), accounts.holdsMinor(account));
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
    private static int currencyCode(final IsoMessage request)
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

    /**
     * Reference data is created once: a known account keeps its balance and a known card its state,
     * so importing the same files again changes nothing.
     */
    private void onAdmin(final DirectBuffer payload, final int length, final Decision decision)
    {
        final byte type = AdminRecords.type(payload, 0, length);
        if (type == AdminRecords.TYPE_ACCOUNT && length == AdminRecords.ACCOUNT_LENGTH)
        {
            final long accountId = AdminRecords.accountId(payload, 0);
            if (accounts.indexOf(accountId) >= 0)
            {
                decision.adminResult(Decision.ADMIN_UNCHANGED);
                return;
            }
            final long balance = AdminRecords.accountBalanceMinor(payload, 0);
            final long creditLimit = AdminRecords.accountCreditLimitMinor(payload, 0);
            final boolean valid = accountId > 0 && creditLimit >= 0 && balance + creditLimit >= 0;
            final int index = valid ? accounts.create(
                accountId, AdminRecords.accountCurrency(payload, 0), balance, creditLimit) : -1;
            decision.adminResult(index >= 0 ? Decision.ADMIN_CREATED : Decision.ADMIN_REJECTED);
        }
        else if (type == AdminRecords.TYPE_CARD && length == AdminRecords.CARD_LENGTH)
        {
            final long panKey = AdminRecords.cardPanKey(payload, 0);
            if (panKey != -1 && cards.containsKey(panKey))
            {
                decision.adminResult(Decision.ADMIN_UNCHANGED);
                return;
            }
            final int account = accounts.indexOf(AdminRecords.cardAccountId(payload, 0));
            final int index = panKey == -1 || account < 0 ? -1 : cards.create(panKey,
                AdminRecords.cardPanLength(payload, 0), account, AdminRecords.cardExpiryYymm(payload, 0),
                AdminRecords.cardStatus(payload, 0));
            decision.adminResult(index >= 0 ? Decision.ADMIN_CREATED : Decision.ADMIN_REJECTED);
        }
        else
        {
            decision.adminResult(Decision.ADMIN_REJECTED);
        }
    }

    /** @return a digest of the whole state: equal digests mean a replay reached the live run's state. */
    public long digest()
    {
        long hash = StateDigest.mix(StateDigest.SEED, approvals);
        hash = accounts.digest(hash);
        return cards.digest(hash);
    }

    /** Read-only view for start-up checks and tests; not for the hot path of other threads. */
    public Accounts accounts()
    {
        return accounts;
    }

    /** Read-only view for start-up checks and tests; not for the hot path of other threads. */
    public Cards cards()
    {
        return cards;
    }
}
