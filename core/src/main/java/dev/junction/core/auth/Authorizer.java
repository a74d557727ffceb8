package dev.junction.core.auth;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AdminRecords;
import org.agrona.DirectBuffer;

/**
 * The business logic: a deterministic state machine that applies events in ring order to the
 * ledger of accounts, cards and transactions and writes each event's {@link Decision}.
 * <p>
 * It reads no clock, random source, file or socket and starts no thread: time is the event's ingress
 * time, which the journal keeps, so a replay of the journal reaches the same decisions and the same
 * {@link #digest()}. One thread calls {@link #apply}: the ring's authorizer stage in the live switch,
 * the replayer at start-up. It allocates nothing per request.
 * <p>
 * The path of a financial request: holds past their lifetime are released first (the request's
 * ingress time is as good a clock as a tick's, and a TICK event does nothing else); then the {@link DuplicateIndex} answers a
 * retransmission as before (or 94 when its content differs); then {@link Payments} (0100, 0200) or
 * {@link Adjustments} (0220, 04xx) decide; the answer is remembered for duplicates unless it was 30
 * (the request was not understood) or 91 (retry later); last, the {@link Ledger} checks that money was
 * conserved, and stops the authorizer with an {@link IllegalStateException} if it was not.
 * <p>
 * Before anything else, every event passes the {@link BusinessDay}: its ingress time and the journaled
 * cutover records decide which business day it belongs to, which settlement reads.
 */
public final class Authorizer
{
    private static final int NETWORK_SIGN_ON = 1;
    private static final int NETWORK_SIGN_OFF = 2;
    private static final int NETWORK_ECHO = 301;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int FAMILY_REQUEST = 0;
    private static final int FAMILY_REVERSAL = 1;
    private static final byte FLAG_BALANCE_INQUIRY = 1;

    private final Accounts accounts;
    private final Cards cards;
    private final Transactions transactions;
    private final DuplicateIndex duplicates;
    private final Ledger ledger;
    private final Payments payments;
    private final Adjustments adjustments;
    private final RiskControls risk;
    private final AdminCommands commands;
    private final MessageKeys keys = new MessageKeys();
    private final BusinessDay businessDay = new BusinessDay();
    private final AuthorizerConfig config;
    /** What {@link #financial}'s early loads read: kept, so that the JIT cannot drop the loads. */
    private long touched;
    /** The most events one {@link #warm} pass covers. */
    public static final int WARM_BATCH = 16;
    /** The keys of the events in the warming pass, read once: {@link #apply} takes them over. */
    private final MessageKeys[] warmKeys = new MessageKeys[WARM_BATCH];
    /** The events whose keys {@link #warmKeys} holds, and their sequences: a slot alone is reused. */
    private final TransactionEvent[] warmEvents = new TransactionEvent[WARM_BATCH];
    private final long[] warmSequences = new long[WARM_BATCH];
    private final int[] warmCards = new int[WARM_BATCH];
    private int warmCount;
    /** The next entry of the pass that {@link #apply} may take keys from. */
    private int warmNext;
    private long warmedEvents;

    public Authorizer(final AuthorizerConfig config)
    {
        this.config = config;
        accounts = new Accounts(config.accountCapacity());
        cards = new Cards(config.cardCapacity());
        transactions = new Transactions(config.transactionCapacity());
        duplicates = new DuplicateIndex(config.duplicateWindow());
        ledger = new Ledger(accounts, transactions);
        risk = new RiskControls(config.risk(), cards);
        payments = new Payments(accounts, cards, transactions, ledger, risk);
        adjustments = new Adjustments(accounts, transactions, ledger, config.holdExpiryMillis() * NANOS_PER_MILLI);
        commands = new AdminCommands(accounts, cards, ledger);
        for (int i = 0; i < WARM_BATCH; i++)
        {
            warmKeys[i] = new MessageKeys();
        }
    }

    /** Applies one event and writes its decision into the event. */
    public void apply(final TransactionEvent event)
    {
        final Decision decision = event.decision();
        decision.reset();
        final byte kind = event.kind();
        // The day an event belongs to is settled first: a cutover it carries or reaches comes before it.
        final int cutoverResult = businessDay.apply(kind, event.ingressEpochNanos(), event.payload(), 0,
            event.payloadLength());
        if (kind == EventKind.REQUEST || kind == EventKind.TICK)
        {
            // Time has passed: what expired by now is released before the event is looked at, so a
            // completion or reversal never finds a hold that should no longer stand.
            decision.expiredHoldsMinor(adjustments.expireHolds(event.ingressEpochNanos()));
        }
        ledger.beginEvent();
        switch (kind)
        {
            case EventKind.REQUEST:
                onRequest(event.request(), event.decodeStatus(), event.ingressEpochNanos(), warmedKeys(event),
                    decision);
                break;
            case EventKind.ADMIN:
                if (cutoverResult != 0)
                {
                    decision.adminResult(cutoverResult);
                    decision.adminValue(businessDay.date());
                }
                else
                {
                    onAdmin(event.payload(), event.payloadLength(), decision);
                }
                break;
            default:
                break;
        }
        decision.movements(ledger.balanceDeltaMinor(), ledger.holdsDeltaMinor());
        ledger.checkConserved();
    }

    /**
     * Starts a warming pass over the next events to be applied ({@link #warm}): forgets the last one.
     */
    public void warmBegin()
    {
        warmCount = 0;
        warmNext = 0;
    }

    /**
     * Adds an event that will be applied soon, after the ones added before it, to the warming pass (at
     * most {@value #WARM_BATCH}; more are ignored): when it is a financial request, reads its keys, which
     * {@link #apply} then takes over instead of reading them again.
     */
    public void warmAdd(final TransactionEvent event)
    {
        if (warmCount == WARM_BATCH || event.kind() != EventKind.REQUEST ||
            event.decodeStatus() != IsoDecodeStatus.OK)
        {
            return;
        }
        final IsoMessage request = event.request();
        if (!request.isAddressable() || !isFinancial(request.mti()) ||
            !request.has(IsoFields.TRANSMISSION_DATE_TIME) || !request.has(IsoFields.STAN))
        {
            return;
        }
        warmKeys[warmCount].readOwn(request);
        warmEvents[warmCount] = event;
        warmSequences[warmCount] = event.sequence();
        warmCount++;
        warmedEvents++;
    }

    /**
     * Finishes the warming pass: starts loading, for every event added, the lines its request will
     * need, stage by stage across the events, so that the cache misses of different events overlap: each
     * stage's loads are independent of one another, and the loop between them is short enough for the
     * processor to have them all in flight at once. First the index lines of each request's own keys
     * (PAN, duplicate window, transaction table) and those of the entries and records the pass will
     * forget and evict; then each card (its index line is arriving); then each card's account and
     * activity. With a million cards that is the chain of three dependent misses paid once per pass
     * instead of once per request. A hint only: it changes no state, and an event applied without it is
     * decided the same way.
     */
    public void warm()
    {
        final int count = warmCount;
        long loaded = 0;
        for (int i = 0; i < count; i++)
        {
            final MessageKeys own = warmKeys[i];
            loaded ^= cards.touch(own.panKey) ^ duplicates.touchKey(own, family(own.mti)) ^
                transactions.touchKeys(own);
        }
        loaded ^= duplicates.touchForgotten(count) ^ transactions.touchEvicted(count);
        for (int i = 0; i < count; i++)
        {
            final MessageKeys own = warmKeys[i];
            warmCards[i] = own.hasPan ? cards.warm(own.panKey) : -1;
        }
        for (int i = 0; i < count; i++)
        {
            final int card = warmCards[i];
            if (card >= 0)
            {
                loaded ^= accounts.touch(cards.accountIndex(card)) ^ risk.touchActivity(card);
            }
        }
        touched ^= loaded;
    }

    /**
     * @return the keys the warming pass read for this event, when it is the pass's next financial request,
     * else null (the request's keys are read as it is applied).
     */
    private MessageKeys warmedKeys(final TransactionEvent event)
    {
        for (int i = warmNext; i < warmCount; i++)
        {
            if (warmEvents[i] == event && warmSequences[i] == event.sequence())
            {
                warmNext = i + 1;
                return warmKeys[i];
            }
        }
        return null;
    }

    private static boolean isFinancial(final int mti)
    {
        switch (mti)
        {
            case 100:
            case 200:
            case 220:
            case 221:
            case 400:
            case 401:
            case 420:
            case 421:
                return true;
            default:
                return false;
        }
    }

    private static int family(final int mti)
    {
        return mti / 100 == 4 ? FAMILY_REVERSAL : FAMILY_REQUEST;
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

    /** @param warmedKeys the request's keys as the warming pass read them, or null. */
    private void onRequest(final IsoMessage request, final int decodeStatus, final long ingressEpochNanos,
        final MessageKeys warmedKeys, final Decision decision)
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
        if (isFinancial(mti))
        {
            financial(request, mti, responseMti, ingressEpochNanos, warmedKeys, decision);
        }
        else if (mti == 800)
        {
            networkManagement(request, decision);
        }
        else
        {
            decision.respond(responseMti, ResponseCodes.INVALID_TRANSACTION);
        }
    }

    private void financial(final IsoMessage request, final int mti, final int responseMti, final long ingressEpochNanos,
        final MessageKeys warmedKeys, final Decision decision)
    {
        if (!request.has(IsoFields.TRANSMISSION_DATE_TIME) || !request.has(IsoFields.STAN))
        {
            decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
            return;
        }
        final MessageKeys keys;
        if (warmedKeys != null)
        {
            keys = warmedKeys;
        }
        else
        {
            keys = this.keys;
            keys.readOwn(request);
        }
        final int messageClass = mti / 100;
        final int family = family(mti);
        final long contentHash = contentHash(keys, messageClass);
        if (warmedKeys == null)
        {
            // The duplicate, PAN and transaction index lines this request will need do not depend on each
            // other: loading them all now lets their cache misses overlap instead of coming one by one. A
            // warmed request had them started by the pass already.
            touched ^= duplicates.touch(keys, family) ^ cards.touch(keys.panKey) ^ transactions.touch(keys);
        }
        final int entry = duplicates.find(keys, family, contentHash);
        if (entry == DuplicateIndex.CONFLICT)
        {
            decision.respond(responseMti, ResponseCodes.DUPLICATE_TRANSMISSION);
            return;
        }
        if (entry >= 0)
        {
            answerAgain(request, entry, responseMti, decision);
            return;
        }
        decision.rulesVersion(risk.rules().version());
        final int account;
        switch (messageClass)
        {
            case 1:
            case 2:
                account = mti >= 220 ?
                    adjustments.complete(request, keys, ingressEpochNanos, decision) :
                    payments.apply(request, keys, ingressEpochNanos, mti == 100, decision);
                break;
            default:
                account = adjustments.reverse(request, keys, responseMti, ingressEpochNanos, decision);
                break;
        }
        final int code = decision.responseCode();
        if (code != ResponseCodes.FORMAT_ERROR && code != ResponseCodes.SYSTEM_UNAVAILABLE)
        {
            duplicates.record(keys, family, contentHash, code, decision.authorizationId(), account,
                decision.isBalanceInquiry() ? FLAG_BALANCE_INQUIRY : 0);
        }
    }

    /** A retransmission: the first answer's code and authorization id, the account as it is now. */
    private void answerAgain(final IsoMessage request, final int entry, final int responseMti, final Decision decision)
    {
        final int account = duplicates.accountIndex(entry);
        if (account >= 0)
        {
            Answers.answer(decision, accounts, responseMti, duplicates.responseCode(entry), account, 0);
        }
        else
        {
            decision.respond(responseMti, duplicates.responseCode(entry));
        }
        decision.authorizationId(duplicates.authorizationId(entry));
        decision.duplicate(true);
        if (duplicates.flag(entry) == FLAG_BALANCE_INQUIRY)
        {
            decision.balanceInquiry((int)(request.numeric(IsoFields.PROCESSING_CODE) / 100 % 100));
        }
    }

    /**
     * What must be equal for a retransmission to be the same request: the message class (so an 0200
     * reusing an 0100's keys conflicts, while 0400, 0401, 0420 and 0421 are one reversal), PAN, amount
     * and processing code.
     */
    private static long contentHash(final MessageKeys keys, final int messageClass)
    {
        long hash = StateDigest.mix(StateDigest.SEED, messageClass);
        hash = StateDigest.mix(hash, keys.hasPan ? keys.panKey : -1);
        hash = StateDigest.mix(hash, keys.hasPan ? keys.panLength : -1);
        hash = StateDigest.mix(hash, keys.amountMinor);
        return StateDigest.mix(hash, keys.processingCode);
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

    /**
     * Reference data is created once: a known account keeps its balance and a known card its state,
     * so importing the same files again changes nothing. Only an operator's commands ({@link AdminCommands})
     * change a card or an account that exists.
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
        else if (type == AdminRecords.TYPE_CARD && AdminRecords.isCardLength(length))
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
                AdminRecords.cardStatus(payload, 0), AdminRecords.cardHomeCountry(payload, 0, length));
            if (index >= 0)
            {
                risk.cardCreated();
            }
            decision.adminResult(index >= 0 ? Decision.ADMIN_CREATED : Decision.ADMIN_REJECTED);
        }
        else if (type == AdminRecords.TYPE_CARD_STATUS)
        {
            commands.cardStatus(payload, length, decision);
        }
        else if (type == AdminRecords.TYPE_ACCOUNT_ADJUSTMENT)
        {
            commands.adjustAccount(payload, length, decision);
        }
        else
        {
            // Limits, rules and rates (RiskAdminRecords); any other record is refused.
            final int result = risk.admin(type, payload, length);
            decision.adminResult(result != 0 ? result : Decision.ADMIN_REJECTED);
        }
    }

    /** @return a digest of the whole state: equal digests mean a replay reached the live run's state. */
    public long digest()
    {
        long hash = StateDigest.mix(StateDigest.SEED, payments.approvals());
        hash = accounts.digest(hash);
        hash = cards.digest(hash);
        hash = transactions.digest(hash);
        hash = duplicates.digest(hash);
        hash = ledger.digest(hash);
        hash = businessDay.digest(hash);
        return risk.digest(hash);
    }

    /**
     * Writes the whole state as a snapshot ({@link Snapshots} describes the format). Call it on the
     * thread that applies events, between two events.
     *
     * @param sequence the journal sequence of the last input applied, which the snapshot covers.
     */
    public void writeSnapshot(final SnapshotOutput out, final long sequence)
    {
        Snapshots.writeHeader(out, config, sequence, digest());
        out.writeInt(Snapshots.ACCOUNTS);
        accounts.writeTo(out);
        out.writeInt(Snapshots.CARDS);
        cards.writeTo(out);
        out.writeInt(Snapshots.TRANSACTIONS);
        transactions.writeTo(out);
        out.writeInt(Snapshots.DUPLICATES);
        duplicates.writeTo(out);
        out.writeInt(Snapshots.LEDGER);
        ledger.writeTo(out);
        out.writeInt(Snapshots.PAYMENTS);
        out.writeLong(payments.approvals());
        out.writeInt(Snapshots.BUSINESS_DAY);
        businessDay.writeTo(out);
        out.writeInt(Snapshots.RISK);
        risk.writeTo(out);
        out.writeInt(Snapshots.END);
    }

    /**
     * Replaces the whole state with a snapshot's. Meant for a new authorizer, before any event: on a
     * {@link SnapshotException} its state is undefined and it must be discarded.
     *
     * @return the journal sequence the snapshot covers: replay continues after it.
     * @throws SnapshotException when the snapshot is damaged, of another format, taken with another
     *                           configuration, or does not reach the digest it names.
     */
    public long readSnapshot(final SnapshotInput in)
    {
        final Snapshots.Header header = Snapshots.readHeader(in);
        if (!header.config().equals(config))
        {
            throw new SnapshotException("snapshot taken with another configuration: " +
                Snapshots.difference(header.config(), config));
        }
        in.expectSection(Snapshots.ACCOUNTS);
        accounts.readFrom(in);
        in.expectSection(Snapshots.CARDS);
        cards.readFrom(in);
        in.expectSection(Snapshots.TRANSACTIONS);
        transactions.readFrom(in);
        in.expectSection(Snapshots.DUPLICATES);
        duplicates.readFrom(in);
        in.expectSection(Snapshots.LEDGER);
        ledger.readFrom(in);
        in.expectSection(Snapshots.PAYMENTS);
        payments.approvals(in.readLong());
        in.expectSection(Snapshots.BUSINESS_DAY);
        businessDay.readFrom(in);
        in.expectSection(Snapshots.RISK);
        risk.readFrom(in);
        in.expectSection(Snapshots.END);
        final long digest = digest();
        if (digest != header.digest())
        {
            throw new SnapshotException("snapshot restores to digest " + StateDigest.hex(digest) + ", not the " +
                StateDigest.hex(header.digest()) + " it names");
        }
        return header.sequence();
    }

    /** @return how many events {@link #warmAdd} has taken into warming passes, ever (tests, diagnostics). */
    public long warmedEvents()
    {
        return warmedEvents;
    }

    /** @return the configuration this authorizer was built with. */
    public AuthorizerConfig config()
    {
        return config;
    }

    /** @return the business date in force as yyyymmdd ({@link BusinessDay}), 0 before the first event. */
    public int businessDate()
    {
        return businessDay.date();
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

    /** Read-only view for tests and operator tools; not for the hot path of other threads. */
    public Transactions transactions()
    {
        return transactions;
    }

    /** Read-only view for tests and operator tools; not for the hot path of other threads. */
    public Ledger ledger()
    {
        return ledger;
    }
}
