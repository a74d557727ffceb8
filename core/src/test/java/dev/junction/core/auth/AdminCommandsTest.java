package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TestRequest;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import dev.junction.core.refdata.ReferenceDataCsv;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's commands on a running switch, as the authorizer applies them: card status changes,
 * account adjustments and the cutover now. Each is applied, refused with its own result, replays to
 * the same digest and survives a snapshot.
 */
class AdminCommandsTest
{
    private static final String ACTIVE = "4000000000000001";
    private static final String LOST = "4000000000000002";
    private static final String STOLEN = "4000000000000003";
    private static final String BLOCKED = "4000000000000004";
    private static final String ON_CREDIT = "4000000000000006";
    private static final String UNKNOWN = "4000000000009999";
    private static final long EUR_ACCOUNT = 3;

    /** Every input applied so far, so that a second authorizer can replay them. */
    private final List<Input> inputs = new ArrayList<>();
    private final Authorizer authorizer = new Authorizer(new AuthorizerConfig(16, 16));
    private final TransactionEvent event = new TransactionEvent(4096);
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
    private int stan;

    @BeforeEach
    void provision()
    {
        admin(AdminRecords.writeAccount(record, 0, new AccountRecord(1, 840, 10_000, 0)));
        admin(AdminRecords.writeAccount(record, 0, new AccountRecord(2, 840, 0, 5_000)));
        admin(AdminRecords.writeAccount(record, 0, new AccountRecord(EUR_ACCOUNT, 978, 10_000, 0)));
        admin(AdminRecords.writeCard(record, 0, new CardRecord(ACTIVE, 1, 3012, CardStatus.ACTIVE)));
        admin(AdminRecords.writeCard(record, 0, new CardRecord(LOST, 1, 3012, CardStatus.LOST)));
        admin(AdminRecords.writeCard(record, 0, new CardRecord(STOLEN, 1, 3012, CardStatus.STOLEN)));
        admin(AdminRecords.writeCard(record, 0, new CardRecord(BLOCKED, 1, 3012, CardStatus.BLOCKED)));
        admin(AdminRecords.writeCard(record, 0, new CardRecord(ON_CREDIT, 2, 3012, CardStatus.ACTIVE)));
    }

    @Test
    void aBlockedCardIsDeclined62AndAnUnblockedOneApprovedAgain()
    {
        assertEquals(Decision.ADMIN_CHANGED, status(ACTIVE, CardStatus.BLOCKED).adminResult());
        assertEquals(CardStatus.BLOCKED, event.decision().adminValue());
        assertEquals(ResponseCodes.RESTRICTED_CARD, purchase(ACTIVE, 100));

        assertEquals(Decision.ADMIN_CHANGED, status(ACTIVE, CardStatus.ACTIVE).adminResult());
        assertEquals(CardStatus.ACTIVE, event.decision().adminValue());
        assertEquals(ResponseCodes.APPROVED, purchase(ACTIVE, 100));
    }

    @Test
    void aStatusTheCardAlreadyHasChangesNothing()
    {
        final long before = authorizer.digest();
        assertEquals(Decision.ADMIN_UNCHANGED, status(BLOCKED, CardStatus.BLOCKED).adminResult());
        assertEquals(Decision.ADMIN_UNCHANGED, status(ACTIVE, CardStatus.ACTIVE).adminResult());
        assertEquals(before, authorizer.digest());
    }

    @Test
    void aLostOrStolenCardIsNeverReopenedNorRelabelled()
    {
        assertEquals(Decision.ADMIN_NOT_PERMITTED, status(LOST, CardStatus.ACTIVE).adminResult());
        assertEquals(CardStatus.LOST, event.decision().adminValue(), "the result names the status that stands");
        assertEquals(Decision.ADMIN_NOT_PERMITTED, status(STOLEN, CardStatus.ACTIVE).adminResult());
        assertEquals(Decision.ADMIN_NOT_PERMITTED, status(LOST, CardStatus.BLOCKED).adminResult());
        assertEquals(Decision.ADMIN_NOT_PERMITTED, status(STOLEN, CardStatus.LOST).adminResult());
        assertEquals(ResponseCodes.LOST_CARD, purchase(LOST, 100));
        assertEquals(ResponseCodes.STOLEN_CARD, purchase(STOLEN, 100));
    }

    @Test
    void anActiveCardCanBeReportedLostAndIsThenFinal()
    {
        assertEquals(Decision.ADMIN_CHANGED, status(ACTIVE, CardStatus.LOST).adminResult());
        assertEquals(ResponseCodes.LOST_CARD, purchase(ACTIVE, 100));
        assertEquals(Decision.ADMIN_NOT_PERMITTED, status(ACTIVE, CardStatus.ACTIVE).adminResult());
        assertEquals(ResponseCodes.LOST_CARD, purchase(ACTIVE, 100));
    }

    @Test
    void aStatusChangeOfAnUnknownCardIsNotFoundAndAMalformedOneRejected()
    {
        assertEquals(Decision.ADMIN_NOT_FOUND, status(UNKNOWN, CardStatus.BLOCKED).adminResult());
        assertEquals(Decision.ADMIN_REJECTED, status(ACTIVE, (byte)0).adminResult());
        assertEquals(Decision.ADMIN_REJECTED, status(ACTIVE, (byte)5).adminResult());
        final int length = AdminRecords.writeCardStatus(record, 0, ACTIVE, CardStatus.BLOCKED);
        assertEquals(Decision.ADMIN_REJECTED, admin(length - 1).adminResult(), "a record cut short");
        AdminRecords.writeCardStatus(record, 0, "40000000000X0001", CardStatus.BLOCKED);
        assertEquals(Decision.ADMIN_REJECTED, admin(length).adminResult(), "a PAN that is not digits");
        assertEquals(ResponseCodes.APPROVED, purchase(ACTIVE, 100), "nothing refused changed the card");
    }

    @Test
    void aCreditRaisesTheBalanceThroughTheLedger()
    {
        final long creditsBefore = authorizer.ledger().creditsMinor();
        final Decision decision = adjust(1, 2_500, 840, "TICKET-1");

        assertEquals(Decision.ADMIN_CHANGED, decision.adminResult());
        assertEquals(12_500, balance(1));
        assertEquals(creditsBefore + 2_500, authorizer.ledger().creditsMinor(), "counted as an external credit");
        assertEquals(1, decision.accountId());
        assertEquals(2_500, decision.amountMinor());
        assertEquals(840, decision.currencyCode());
        assertEquals(12_500, decision.balanceAfterMinor());
        assertEquals(12_500, decision.availableAfterMinor());
        assertEquals(2_500, decision.balanceDeltaMinor());
    }

    @Test
    void aDebitLowersTheBalanceAndMayUseTheCreditLimit()
    {
        final long debitsBefore = authorizer.ledger().debitsMinor();
        assertEquals(Decision.ADMIN_CHANGED, adjust(1, -4_000, 840, "FIX").adminResult());
        assertEquals(6_000, balance(1));
        assertEquals(-4_000, event.decision().balanceDeltaMinor());
        assertEquals(-4_000, event.decision().amountMinor());
        assertEquals(debitsBefore + 4_000, authorizer.ledger().debitsMinor());

        assertEquals(Decision.ADMIN_CHANGED, adjust(2, -5_000, 840, "FIX").adminResult(), "down to -credit limit");
        assertEquals(-5_000, balance(2));
        assertEquals(0, event.decision().availableAfterMinor());
    }

    @Test
    void aDebitBeyondAvailableFundsIsRefusedAndHoldsCount()
    {
        assertEquals(ResponseCodes.APPROVED, authorize(ACTIVE, 3_000));
        final Decision decision = adjust(1, -7_001, 840, "FIX");

        assertEquals(Decision.ADMIN_INSUFFICIENT_FUNDS, decision.adminResult());
        assertEquals(10_000, balance(1));
        assertEquals(0, decision.amountMinor(), "nothing moved");
        assertEquals(7_000, decision.availableAfterMinor(), "the refusal shows what is available");
        assertEquals(0, decision.balanceDeltaMinor());
        assertEquals(Decision.ADMIN_CHANGED, adjust(1, -7_000, 840, "FIX").adminResult());
        assertEquals(Decision.ADMIN_INSUFFICIENT_FUNDS, adjust(2, -5_001, 840, "FIX").adminResult());
    }

    @Test
    void anAdjustmentInAnotherCurrencyIsRefused()
    {
        assertEquals(Decision.ADMIN_CURRENCY_MISMATCH, adjust(EUR_ACCOUNT, 100, 840, "FX").adminResult());
        assertEquals(978, event.decision().currencyCode(), "the result names the account's currency");
        assertEquals(10_000, balance(EUR_ACCOUNT));
        assertEquals(Decision.ADMIN_CHANGED, adjust(EUR_ACCOUNT, 100, 978, "FX").adminResult());
    }

    @Test
    void anAdjustmentOfAnUnknownAccountIsNotFound()
    {
        assertEquals(Decision.ADMIN_NOT_FOUND, adjust(42, 100, 840, "X").adminResult());
        assertEquals(0, event.decision().accountId());
    }

    @Test
    void anAmountOfZeroOrBeyondFifteenDigitsAndABalanceLeavingThemAreRejected()
    {
        final long max = ReferenceDataCsv.MAX_AMOUNT_MINOR;
        assertEquals(Decision.ADMIN_REJECTED, adjust(1, 0, 840, "X").adminResult());
        assertEquals(Decision.ADMIN_REJECTED, adjust(1, max + 1, 840, "X").adminResult());
        assertEquals(Decision.ADMIN_REJECTED, adjust(1, -max - 1, 840, "X").adminResult());
        assertEquals(Decision.ADMIN_REJECTED, adjust(1, Long.MIN_VALUE, 840, "X").adminResult());
        assertEquals(Decision.ADMIN_REJECTED, adjust(1, max - 9_999, 840, "X").adminResult(),
            "10,000 + this is past 15 digits");
        assertEquals(Decision.ADMIN_CHANGED, adjust(1, max - 10_000, 840, "X").adminResult());
        assertEquals(max, balance(1));
    }

    @Test
    void aMalformedAdjustmentIsRejected()
    {
        final int length = AdminRecords.writeAccountAdjustment(record, 0, 1, 100, 840, "OK");
        assertEquals(Decision.ADMIN_REJECTED, admin(length - 1).adminResult(), "a record cut short");
        AdminRecords.writeAccountAdjustment(record, 0, 1, 100, 840, "OK");
        record.putByte(length - 1, (byte)0x07);
        assertEquals(Decision.ADMIN_REJECTED, admin(length).adminResult(), "a reference that is not printable");
        assertEquals(10_000, balance(1));
    }

    @Test
    void cutoverNowOpensTheNextDateOrTheIngressDateWhenLater()
    {
        assertEquals(Decision.ADMIN_CHANGED, cutoverNow("2026-11-21T12:00:00Z").adminResult());
        assertEquals(20261122, authorizer.businessDate(), "closed at noon: the next date opens");
        assertEquals(20261122, event.decision().adminValue());
        assertEquals(Decision.ADMIN_CHANGED, cutoverNow("2026-11-21T12:01:00Z").adminResult());
        assertEquals(20261123, authorizer.businessDate(), "each command closes one day");
        assertEquals(Decision.ADMIN_CHANGED, cutoverNow("2026-11-30T08:00:00Z").adminResult());
        assertEquals(20261130, authorizer.businessDate(), "a day left open for a week catches up with the calendar");
    }

    @Test
    void cutoverNowKeepsTheDailyTimeAndAMalformedOneIsRejected()
    {
        record.putByte(0, AdminRecords.TYPE_CUTOVER_NOW);
        assertEquals(Decision.ADMIN_REJECTED, admin(2).adminResult());
        assertEquals(20261121, authorizer.businessDate());

        final int length = AdminRecords.writeCutover(record, 0, AdminRecords.CUTOVER_NO_DATE, 22 * 3600);
        admin(length);
        cutoverNow("2026-11-21T13:00:00Z");
        assertEquals(20261122, authorizer.businessDate());
        apply(EventKind.TICK, TestRequest.epochNanos("2026-11-21T22:00:00Z"), 0);
        assertEquals(20261122, authorizer.businessDate(), "22:00 would open the 22nd: already open");
        apply(EventKind.TICK, TestRequest.epochNanos("2026-11-22T22:00:00Z"), 0);
        assertEquals(20261123, authorizer.businessDate(), "the daily time still stands");
    }

    @Test
    void cutoverNowOnTheLastDateThereIsIsRefused()
    {
        admin(AdminRecords.writeCutover(record, 0, 99991231, AdminRecords.CUTOVER_KEEP_TIME));
        assertEquals(99991231, authorizer.businessDate());
        assertEquals(Decision.ADMIN_REJECTED, cutoverNow("2026-11-21T13:00:00Z").adminResult());
        assertEquals(99991231, authorizer.businessDate());
    }

    @Test
    void theSameCommandsReplayedReachTheSameDigestAndDecisions()
    {
        final long untouched = replay().digest();
        final List<String> decisions = commandsAndPayments();
        assertNotEquals(untouched, authorizer.digest(), "the commands changed the state the digest covers");

        final Authorizer replayed = new Authorizer(new AuthorizerConfig(16, 16));
        final TransactionEvent slot = new TransactionEvent(4096);
        final List<String> replayedDecisions = new ArrayList<>();
        for (final Input input : inputs)
        {
            input.into(slot);
            replayed.apply(slot);
            replayedDecisions.add(describe(slot.decision()));
        }
        assertEquals(authorizer.digest(), replayed.digest());
        assertEquals(decisions, replayedDecisions.subList(replayedDecisions.size() - decisions.size(),
            replayedDecisions.size()));
    }

    @Test
    void aSnapshotKeepsWhatTheCommandsChanged()
    {
        commandsAndPayments();
        final SnapshotOutput out = new SnapshotOutput(1 << 16);
        authorizer.writeSnapshot(out, inputs.size() - 1);
        final byte[] bytes = out.toByteArray();

        final Authorizer restored = new Authorizer(new AuthorizerConfig(16, 16));
        restored.readSnapshot(new SnapshotInput(new UnsafeBuffer(bytes), 0, bytes.length));

        assertEquals(authorizer.digest(), restored.digest());
        assertEquals(authorizer.businessDate(), restored.businessDate());
        assertEquals(balance(1), restored.accounts().balanceMinor(restored.accounts().indexOf(1)));
        assertEquals(authorizer.ledger().creditsMinor(), restored.ledger().creditsMinor());
        assertEquals(authorizer.ledger().debitsMinor(), restored.ledger().debitsMinor());
        final TransactionEvent slot = new TransactionEvent(4096);
        TestRequest.purchase(100, BLOCKED, 100, 999).into(slot, inputs.size(), TestRequest.NOW_EPOCH_NANOS);
        restored.apply(slot);
        assertEquals(ResponseCodes.RESTRICTED_CARD, slot.decision().responseCode(), "still blocked after restore");
        TestRequest.purchase(100, ACTIVE, 100, 998).into(slot, inputs.size() + 1, TestRequest.NOW_EPOCH_NANOS);
        restored.apply(slot);
        assertEquals(ResponseCodes.APPROVED, slot.decision().responseCode(), "still unblocked after restore");
    }

    /** Commands of every kind with payments between them; @return the decisions as text. */
    private List<String> commandsAndPayments()
    {
        final List<String> decisions = new ArrayList<>();
        decisions.add(describe(status(ACTIVE, CardStatus.BLOCKED)));
        purchase(ACTIVE, 100);
        decisions.add(describe(event.decision()));
        decisions.add(describe(status(ACTIVE, CardStatus.ACTIVE)));
        decisions.add(describe(adjust(1, 1_234, 840, "GOODWILL 42")));
        purchase(ACTIVE, 200);
        decisions.add(describe(event.decision()));
        decisions.add(describe(adjust(2, -700, 840, "CORRECTION")));
        decisions.add(describe(adjust(EUR_ACCOUNT, 5, 840, "WRONG")));
        decisions.add(describe(cutoverNow("2026-11-21T18:00:00Z")));
        decisions.add(describe(status(LOST, CardStatus.ACTIVE)));
        return decisions;
    }

    private Authorizer replay()
    {
        final Authorizer replayed = new Authorizer(new AuthorizerConfig(16, 16));
        final TransactionEvent slot = new TransactionEvent(4096);
        for (final Input input : inputs)
        {
            input.into(slot);
            replayed.apply(slot);
        }
        return replayed;
    }

    private Decision status(final String pan, final byte status)
    {
        return admin(AdminRecords.writeCardStatus(record, 0, pan, status));
    }

    private Decision adjust(final long accountId, final long amountMinor, final int currency, final String reference)
    {
        return admin(AdminRecords.writeAccountAdjustment(record, 0, accountId, amountMinor, currency, reference));
    }

    private Decision cutoverNow(final String instant)
    {
        final int length = AdminRecords.writeCutoverNow(record, 0);
        return apply(EventKind.ADMIN, TestRequest.epochNanos(instant), length);
    }

    private Decision admin(final int length)
    {
        return apply(EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, length);
    }

    private Decision apply(final byte kind, final long ingressEpochNanos, final int length)
    {
        final Input input = new Input(inputs.size(), kind, ingressEpochNanos, Arrays.copyOf(record.byteArray(), length));
        inputs.add(input);
        input.into(event);
        authorizer.apply(event);
        return event.decision();
    }

    /** An 0200 purchase; @return its response code. */
    private int purchase(final String pan, final long amountMinor)
    {
        return request(TestRequest.purchase(200, pan, amountMinor, ++stan));
    }

    /** An 0100 authorization (a hold); @return its response code. */
    private int authorize(final String pan, final long amountMinor)
    {
        return request(TestRequest.purchase(100, pan, amountMinor, ++stan));
    }

    private int request(final TestRequest request)
    {
        final byte[] bytes = request.bytes();
        final Input input = new Input(inputs.size(), EventKind.REQUEST, TestRequest.NOW_EPOCH_NANOS, bytes);
        inputs.add(input);
        input.into(event);
        authorizer.apply(event);
        return event.decision().responseCode();
    }

    private long balance(final long accountId)
    {
        return authorizer.accounts().balanceMinor(authorizer.accounts().indexOf(accountId));
    }

    private static String describe(final Decision decision)
    {
        return "result=" + decision.adminResult() + " value=" + decision.adminValue() + " rc=" + decision.responseCode() +
            " account=" + decision.accountId() + " amount=" + decision.amountMinor() + " balance=" +
            decision.balanceAfterMinor() + " available=" + decision.availableAfterMinor() + " delta=" +
            decision.balanceDeltaMinor();
    }

    /** One journaled input, kept to be applied again. */
    private record Input(long sequence, byte kind, long ingressEpochNanos, byte[] payload)
    {
        void into(final TransactionEvent slot)
        {
            slot.copyInput(sequence, kind, ingressEpochNanos, 0, new UnsafeBuffer(payload), 0, payload.length);
        }
    }
}
