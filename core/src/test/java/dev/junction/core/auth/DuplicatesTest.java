package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
import static dev.junction.core.auth.Lifecycle.SECOND_CARD;
import static dev.junction.core.auth.Lifecycle.authorization;
import static dev.junction.core.auth.Lifecycle.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.iso.IsoFields;
import org.junit.jupiter.api.Test;

/**
 * A request with the acquirer, terminal, STAN and transmission time of one already answered gets that
 * answer again and changes nothing; the same keys with other content are answered 94.
 */
class DuplicatesTest
{
    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void aRetransmittedAuthorizationGetsTheSameCodeAndAuthorizationIdAndHoldsNothingMore()
    {
        final long first = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        final Decision decision = lifecycle.send(authorization(CARD, 2_500, 1));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(first, decision.authorizationId());
        assertTrue(decision.isDuplicate());
        assertEquals(2_500, lifecycle.holds(1));
    }

    @Test
    void aRetransmittedDeclineIsDeclinedAgainEvenIfItWouldNowBeApproved()
    {
        lifecycle.send(purchase(CARD, 9_000, 1));
        assertEquals(ResponseCodes.INSUFFICIENT_FUNDS, lifecycle.send(purchase(CARD, 2_000, 2)).responseCode());
        lifecycle.send(Lifecycle.reversal(400, CARD, 9_000, 3, 200, 1));

        assertEquals(ResponseCodes.INSUFFICIENT_FUNDS, lifecycle.send(purchase(CARD, 2_000, 2)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void theSameKeysWithAnotherAmountAreAnswered94()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        final Decision decision = lifecycle.send(authorization(CARD, 2_600, 1));

        assertEquals(ResponseCodes.DUPLICATE_TRANSMISSION, decision.responseCode());
        assertEquals(2_500, lifecycle.holds(1));
    }

    @Test
    void theSameKeysWithAnotherPanAreAnswered94()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        assertEquals(ResponseCodes.DUPLICATE_TRANSMISSION,
            lifecycle.send(authorization(SECOND_CARD, 2_500, 1)).responseCode());
        assertEquals(2_500, lifecycle.holds(1));
    }

    @Test
    void theSameKeysInAnotherMessageClassAreAnswered94()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        assertEquals(ResponseCodes.DUPLICATE_TRANSMISSION, lifecycle.send(purchase(CARD, 2_500, 1)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aConflictingDuplicateLeavesTheFirstAnswerToBeRepeated()
    {
        final long first = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();
        lifecycle.send(authorization(CARD, 2_600, 1));

        assertEquals(first, lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId());
    }

    @Test
    void aSameStanFromAnotherAcquirerIsANewRequest()
    {
        final long first = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        final Decision decision = lifecycle.send(authorization(CARD, 2_500, 1).with(IsoFields.ACQUIRER_ID, "999"));

        assertFalse(decision.isDuplicate());
        assertNotEquals(first, decision.authorizationId());
        assertEquals(5_000, lifecycle.holds(1));
    }

    @Test
    void theWindowForgetsTheOldestRequestFirst()
    {
        final Lifecycle small = new Lifecycle(new AuthorizerConfig(16, 16, 64, 2, 60_000));
        final long first = small.send(authorization(CARD, 100, 1)).authorizationId();
        small.send(authorization(CARD, 100, 2));
        final long second = small.send(authorization(CARD, 100, 2)).authorizationId();
        small.send(authorization(CARD, 100, 3));

        assertNotEquals(first, small.send(authorization(CARD, 100, 1)).authorizationId());
        assertEquals(ResponseCodes.APPROVED, small.send(authorization(CARD, 100, 3)).responseCode());
        assertTrue(second != 0);
        assertEquals(400, small.holds(1));
    }

    @Test
    void aFormatErrorIsNotRememberedSoTheCorrectedRequestIsAuthorized()
    {
        assertEquals(ResponseCodes.FORMAT_ERROR,
            lifecycle.send(authorization(CARD, 2_500, 1).without(IsoFields.PROCESSING_CODE)).responseCode());

        final Decision decision = lifecycle.send(authorization(CARD, 2_500, 1));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertFalse(decision.isDuplicate());
    }

    @Test
    void aRetransmittedBalanceInquiryAnswersWithTheBalancesAsTheyAreNow()
    {
        lifecycle.send(Lifecycle.inquiry(100, CARD, 1));
        lifecycle.send(purchase(CARD, 1_000, 2));

        final Decision decision = lifecycle.send(Lifecycle.inquiry(100, CARD, 1));

        assertTrue(decision.isDuplicate());
        assertTrue(decision.isBalanceInquiry());
        assertEquals(9_000, decision.balanceAfterMinor());
    }
}
