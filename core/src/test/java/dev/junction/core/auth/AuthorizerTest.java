package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TestRequest;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorizer's rules for 0100, 0200 and 0800, one behaviour per test. */
class AuthorizerTest
{
    static final String ACTIVE = "4000000000000001";
    static final String LOST = "4000000000000002";
    static final String STOLEN = "4000000000000003";
    static final String BLOCKED = "4000000000000004";
    static final String EXPIRED = "4000000000000005";
    static final String CREDIT = "4000000000000006";
    static final String NINETEEN_DIGITS = "6011000000000000007";

    private final Authorizer authorizer = new Authorizer(new AuthorizerConfig(16, 16));
    private final TransactionEvent event = new TransactionEvent(4096);
    private long sequence;

    @BeforeEach
    void provision()
    {
        admin(new AccountRecord(1, 840, 10_000, 0));
        admin(new AccountRecord(2, 840, 0, 5_000));
        admin(new AccountRecord(3, 978, 10_000, 0));
        admin(new CardRecord(ACTIVE, 1, 3012, CardStatus.ACTIVE));
        admin(new CardRecord(LOST, 1, 3012, CardStatus.LOST));
        admin(new CardRecord(STOLEN, 1, 3012, CardStatus.STOLEN));
        admin(new CardRecord(BLOCKED, 1, 3012, CardStatus.BLOCKED));
        admin(new CardRecord(EXPIRED, 1, 2610, CardStatus.ACTIVE));
        admin(new CardRecord(CREDIT, 2, 3012, CardStatus.ACTIVE));
        admin(new CardRecord(NINETEEN_DIGITS, 3, 3012, CardStatus.ACTIVE));
    }

    @Test
    void anApprovedAuthorizationHoldsTheAmountAndReturnsASixCharacterAuthorizationId()
    {
        final Decision decision = apply(TestRequest.purchase(100, ACTIVE, 2_500, 1));

        assertEquals(110, decision.responseMti());
        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(6, AuthorizationIds.text(decision.authorizationId()).length());
        assertEquals(2_500, holds(1));
        assertEquals(10_000, balance(1));
        assertEquals(2_500, decision.holdsAfterMinor());
    }

    @Test
    void successiveApprovalsGetDistinctAuthorizationIds()
    {
        final long first = apply(TestRequest.purchase(100, ACTIVE, 1, 1)).authorizationId();
        final long second = apply(TestRequest.purchase(100, ACTIVE, 1, 2)).authorizationId();

        assertNotEquals(first, second);
    }

    @Test
    void anAuthorizationBeyondAvailableFundsIsDeclinedWith51AndHoldsNothing()
    {
        apply(TestRequest.purchase(100, ACTIVE, 8_000, 1));

        final Decision decision = apply(TestRequest.purchase(100, ACTIVE, 2_001, 2));

        assertEquals(ResponseCodes.INSUFFICIENT_FUNDS, decision.responseCode());
        assertEquals(0, decision.authorizationId());
        assertEquals(8_000, holds(1));
    }

    @Test
    void availableFundsIncludeTheCreditLimit()
    {
        assertEquals(ResponseCodes.APPROVED, apply(TestRequest.purchase(100, CREDIT, 5_000, 1)).responseCode());
        assertEquals(ResponseCodes.INSUFFICIENT_FUNDS, apply(TestRequest.purchase(100, CREDIT, 1, 2)).responseCode());
    }

    @Test
    void anUnknownCardIsDeclinedWith14()
    {
        assertEquals(ResponseCodes.INVALID_CARD_NUMBER,
            apply(TestRequest.purchase(100, "4000000000009999", 100, 1)).responseCode());
    }

    @Test
    void aPanThatDiffersOnlyByALeadingZeroIsAnUnknownCard()
    {
        assertEquals(ResponseCodes.INVALID_CARD_NUMBER,
            apply(TestRequest.purchase(100, "0" + ACTIVE, 100, 1)).responseCode());
    }

    @Test
    void aLostCardIsDeclinedWith41()
    {
        assertEquals(ResponseCodes.LOST_CARD, apply(TestRequest.purchase(100, LOST, 100, 1)).responseCode());
    }

    @Test
    void aStolenCardIsDeclinedWith43()
    {
        assertEquals(ResponseCodes.STOLEN_CARD, apply(TestRequest.purchase(100, STOLEN, 100, 1)).responseCode());
    }

    @Test
    void aBlockedCardIsDeclinedWith62()
    {
        assertEquals(ResponseCodes.RESTRICTED_CARD, apply(TestRequest.purchase(100, BLOCKED, 100, 1)).responseCode());
    }

    @Test
    void aCardPastItsExpiryMonthOnTheTransactionDateIsDeclinedWith54()
    {
        final Decision decision = apply(TestRequest.purchase(100, EXPIRED, 100, 1));

        assertEquals(ResponseCodes.EXPIRED_CARD, decision.responseCode());
        assertEquals(0, holds(1));
    }

    @Test
    void aCardIsValidThroughTheLastDayOfItsExpiryMonth()
    {
        final TestRequest october31 = TestRequest.purchase(100, EXPIRED, 100, 1).with(IsoFields.LOCAL_DATE, "1031");

        assertEquals(ResponseCodes.APPROVED,
            apply(october31, TestRequest.epochNanos("2026-10-31T23:00:00Z")).responseCode());
    }

    @Test
    void theTransactionYearIsInferredAcrossNewYearFromTheLocalDate()
    {
        // A December 2026 purchase that reaches the switch on 1 January 2027: the card expired 10/26.
        final TestRequest december = TestRequest.purchase(100, EXPIRED, 100, 1).with(IsoFields.LOCAL_DATE, "1231");
        assertEquals(ResponseCodes.EXPIRED_CARD,
            apply(december, TestRequest.epochNanos("2027-01-01T00:10:00Z")).responseCode());

        // A 2030 card used on 31 December 2030, arriving in January 2031: still valid.
        final TestRequest lastDay = TestRequest.purchase(100, ACTIVE, 100, 2).with(IsoFields.LOCAL_DATE, "1231");
        assertEquals(ResponseCodes.APPROVED,
            apply(lastDay, TestRequest.epochNanos("2031-01-01T00:10:00Z")).responseCode());
    }

    @Test
    void anExpiryDateInTheRequestThatDiffersFromTheCardsIsDeclinedWith54()
    {
        assertEquals(ResponseCodes.EXPIRED_CARD,
            apply(TestRequest.purchase(100, ACTIVE, 100, 1).with(IsoFields.EXPIRATION_DATE, "2912")).responseCode());
        assertEquals(ResponseCodes.APPROVED,
            apply(TestRequest.purchase(100, ACTIVE, 100, 2).with(IsoFields.EXPIRATION_DATE, "3012")).responseCode());
    }

    @Test
    void aNineteenDigitPanIsAuthorized()
    {
        final Decision decision = apply(TestRequest.purchase(100, NINETEEN_DIGITS, 100, 1).with(IsoFields.CURRENCY_TRANSACTION, "978"));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(100, holds(3));
    }

    @Test
    void aPurchasePostsToTheBalanceAtOnce()
    {
        final Decision decision = apply(TestRequest.purchase(200, ACTIVE, 1_250, 1));

        assertEquals(210, decision.responseMti());
        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(8_750, balance(1));
        assertEquals(0, holds(1));
    }

    @Test
    void aPurchaseOfZeroIsDeclinedWith13()
    {
        assertEquals(ResponseCodes.INVALID_AMOUNT, apply(TestRequest.purchase(200, ACTIVE, 0, 1)).responseCode());
    }

    @Test
    void aZeroAmountAuthorizationVerifiesTheCardWithoutAHold()
    {
        assertEquals(ResponseCodes.APPROVED, apply(TestRequest.purchase(100, ACTIVE, 0, 1)).responseCode());
        assertEquals(0, holds(1));
    }

    @Test
    void aCurrencyWithoutARateToTheAccountsIsDeclinedWith12()
    {
        // The built-in rates convert nothing from Canadian dollars.
        final Decision decision = apply(TestRequest.purchase(100, ACTIVE, 100, 1).with(IsoFields.CURRENCY_TRANSACTION, "124"));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, decision.responseCode());
        assertEquals(0, holds(1));
    }

    @Test
    void anUnsupportedProcessingCodeIsDeclinedWith12()
    {
        assertEquals(ResponseCodes.INVALID_TRANSACTION,
            apply(TestRequest.purchase(100, ACTIVE, 100, 1).with(IsoFields.PROCESSING_CODE, "300000")).responseCode());
    }

    @Test
    void aRequestMissingARequiredFieldIsAFormatError()
    {
        for (final int field : new int[] {IsoFields.PAN, IsoFields.PROCESSING_CODE, IsoFields.AMOUNT_TRANSACTION,
            IsoFields.TRANSMISSION_DATE_TIME, IsoFields.STAN})
        {
            final Decision decision = apply(TestRequest.purchase(100, ACTIVE, 100, 1).without(field));
            assertEquals(ResponseCodes.FORMAT_ERROR, decision.responseCode(), "without field " + field);
            assertEquals(110, decision.responseMti());
        }
        assertEquals(0, holds(1));
    }

    @Test
    void aNonNumericCurrencyOrAnImpossibleLocalMonthIsAFormatError()
    {
        assertEquals(ResponseCodes.FORMAT_ERROR,
            apply(TestRequest.purchase(100, ACTIVE, 100, 1).with(IsoFields.CURRENCY_TRANSACTION, "US$")).responseCode());
        assertEquals(ResponseCodes.FORMAT_ERROR,
            apply(TestRequest.purchase(100, ACTIVE, 100, 2).with(IsoFields.LOCAL_DATE, "1321")).responseCode());
    }

    @Test
    void aMessageThatFailsToDecodeIsAnsweredWith30()
    {
        final byte[] bytes = TestRequest.purchase(100, ACTIVE, 100, 1).bytes();
        final TransactionEvent truncated = new TransactionEvent(4096);
        System.arraycopy(bytes, 0, truncated.payloadArray(), 0, bytes.length);
        truncated.input(sequence++, EventKind.REQUEST, TestRequest.NOW_EPOCH_NANOS, 7, bytes.length - 3);

        authorizer.apply(truncated);

        assertEquals(110, truncated.decision().responseMti());
        assertEquals(ResponseCodes.FORMAT_ERROR, truncated.decision().responseCode());
        assertEquals(0, holds(1));
    }

    @Test
    void networkManagementSignOnSignOffAndEchoAreAnsweredWith0810Approved()
    {
        for (final String code : new String[] {"001", "002", "301"})
        {
            final Decision decision = apply(TestRequest.of(800).with(IsoFields.TRANSMISSION_DATE_TIME, "1121120000")
                .with(IsoFields.STAN, "000001").with(IsoFields.NETWORK_MGMT_CODE, code));
            assertEquals(810, decision.responseMti());
            assertEquals(ResponseCodes.APPROVED, decision.responseCode(), "code " + code);
        }
    }

    @Test
    void anUnknownNetworkManagementCodeIsDeclinedWith12()
    {
        final Decision decision = apply(TestRequest.of(800).with(IsoFields.STAN, "000001")
            .with(IsoFields.NETWORK_MGMT_CODE, "999"));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, decision.responseCode());
    }

    @Test
    void aResponseSentToTheSwitchGetsNoAnswer()
    {
        final Decision decision = apply(TestRequest.purchase(110, ACTIVE, 100, 1).with(IsoFields.RESPONSE_CODE, "00"));

        assertFalse(decision.hasResponse());
        assertEquals(0, holds(1));
    }

    @Test
    void aMessageClassTheSwitchDoesNotHandleIsDeclinedWith12()
    {
        final Decision decision = apply(TestRequest.purchase(300, ACTIVE, 100, 1));

        assertEquals(310, decision.responseMti());
        assertEquals(ResponseCodes.INVALID_TRANSACTION, decision.responseCode());
    }

    @Test
    void importingAKnownAccountAgainKeepsItsBalance()
    {
        apply(TestRequest.purchase(200, ACTIVE, 1_000, 1));

        final Decision decision = admin(new AccountRecord(1, 840, 10_000, 0));

        assertEquals(Decision.ADMIN_UNCHANGED, decision.adminResult());
        assertEquals(9_000, balance(1));
    }

    @Test
    void importingAKnownCardAgainKeepsItsState()
    {
        final Decision decision = admin(new CardRecord(LOST, 1, 3012, CardStatus.ACTIVE));

        assertEquals(Decision.ADMIN_UNCHANGED, decision.adminResult());
        assertEquals(ResponseCodes.LOST_CARD, apply(TestRequest.purchase(100, LOST, 100, 1)).responseCode());
    }

    @Test
    void aCardForAnUnknownAccountIsRejected()
    {
        assertEquals(Decision.ADMIN_REJECTED, admin(new CardRecord("4000000000000099", 42, 3012, CardStatus.ACTIVE)).adminResult());
    }

    @Test
    void accountsAndCardsBeyondTheirCapacityAreRejected()
    {
        final Authorizer small = new Authorizer(new AuthorizerConfig(1, 1));
        final TransactionEvent slot = new TransactionEvent(256);

        assertEquals(Decision.ADMIN_CREATED, adminOn(small, slot, new AccountRecord(1, 840, 0, 0)));
        assertEquals(Decision.ADMIN_REJECTED, adminOn(small, slot, new AccountRecord(2, 840, 0, 0)));
        assertEquals(Decision.ADMIN_CREATED, adminOn(small, slot, new CardRecord(ACTIVE, 1, 3012, CardStatus.ACTIVE)));
        assertEquals(Decision.ADMIN_REJECTED, adminOn(small, slot, new CardRecord(LOST, 1, 3012, CardStatus.ACTIVE)));
        assertEquals(1, small.accounts().count());
        assertEquals(1, small.cards().count());
    }

    @Test
    void theSameEventsGiveTheSameDigestAndDifferentOnesDoNot()
    {
        final Authorizer twin = new Authorizer(new AuthorizerConfig(16, 16));
        final TransactionEvent slot = new TransactionEvent(4096);
        final long before = authorizer.digest();
        // Replays provisioning on the twin through the same events.
        adminOn(twin, slot, new AccountRecord(1, 840, 10_000, 0));
        adminOn(twin, slot, new AccountRecord(2, 840, 0, 5_000));
        adminOn(twin, slot, new AccountRecord(3, 978, 10_000, 0));
        for (final String pan : new String[] {ACTIVE, LOST, STOLEN, BLOCKED})
        {
            adminOn(twin, slot, new CardRecord(pan, 1, 3012, statusOf(pan)));
        }
        adminOn(twin, slot, new CardRecord(EXPIRED, 1, 2610, CardStatus.ACTIVE));
        adminOn(twin, slot, new CardRecord(CREDIT, 2, 3012, CardStatus.ACTIVE));
        adminOn(twin, slot, new CardRecord(NINETEEN_DIGITS, 3, 3012, CardStatus.ACTIVE));
        assertEquals(before, twin.digest());

        apply(TestRequest.purchase(100, ACTIVE, 100, 1));
        assertNotEquals(before, authorizer.digest());
    }

    /** The same request each time, so all but the first are retransmissions: LifecycleAllocationTest covers fresh ones. */
    @Test
    void aRetransmittedAuthorizationAllocatesNothingInSteadyState()
    {
        final Authorizer large = new Authorizer(new AuthorizerConfig(16, 16));
        final TransactionEvent slot = new TransactionEvent(4096);
        adminOn(large, slot, new AccountRecord(1, 840, Long.MAX_VALUE / 4, 0));
        adminOn(large, slot, new CardRecord(ACTIVE, 1, 3012, CardStatus.ACTIVE));
        TestRequest.purchase(100, ACTIVE, 1, 1).into(slot, 0);
        final long allocated = SteadyState.allocation(round -> large.apply(slot), 50_000, 100_000, 1024).bytes();

        assertEquals(ResponseCodes.APPROVED, slot.decision().responseCode());
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes over 100,000 authorizations");
    }

    private static byte statusOf(final String pan)
    {
        switch (pan)
        {
            case LOST: return CardStatus.LOST;
            case STOLEN: return CardStatus.STOLEN;
            case BLOCKED: return CardStatus.BLOCKED;
            default: return CardStatus.ACTIVE;
        }
    }

    private Decision apply(final TestRequest request)
    {
        return apply(request, TestRequest.NOW_EPOCH_NANOS);
    }

    private Decision apply(final TestRequest request, final long ingressEpochNanos)
    {
        authorizer.apply(request.into(event, sequence++, ingressEpochNanos));
        return event.decision();
    }

    private Decision admin(final Object record)
    {
        adminOn(authorizer, event, record);
        return event.decision();
    }

    private static int adminOn(final Authorizer target, final TransactionEvent slot, final Object record)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        final int length = record instanceof AccountRecord ?
            AdminRecords.writeAccount(buffer, 0, (AccountRecord)record) :
            AdminRecords.writeCard(buffer, 0, (CardRecord)record);
        slot.copyInput(0, EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, 0, buffer, 0, length);
        target.apply(slot);
        return slot.decision().adminResult();
    }

    private long holds(final long accountId)
    {
        return authorizer.accounts().holdsMinor(authorizer.accounts().indexOf(accountId));
    }

    private long balance(final long accountId)
    {
        return authorizer.accounts().balanceMinor(authorizer.accounts().indexOf(accountId));
    }
}
