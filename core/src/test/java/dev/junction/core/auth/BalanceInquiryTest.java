package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
import static dev.junction.core.auth.Lifecycle.CREDIT_CARD;
import static dev.junction.core.auth.Lifecycle.LOST_CARD;
import static dev.junction.core.auth.Lifecycle.authorization;
import static dev.junction.core.auth.Lifecycle.inquiry;
import static dev.junction.core.auth.Lifecycle.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A balance inquiry (processing code 31) returns the ledger and available balances and moves nothing. */
class BalanceInquiryTest
{
    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void aBalanceInquiryIsApprovedWithTheLedgerAndAvailableBalances()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        final Decision decision = lifecycle.send(inquiry(100, CARD, 2));

        assertEquals(110, decision.responseMti());
        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertTrue(decision.isBalanceInquiry());
        assertEquals(10_000, decision.balanceAfterMinor());
        assertEquals(7_500, decision.availableAfterMinor());
        assertEquals(840, decision.currencyCode());
    }

    @Test
    void aBalanceInquiryIn0200IsAnsweredIn0210()
    {
        final Decision decision = lifecycle.send(inquiry(200, CARD, 2));

        assertEquals(210, decision.responseMti());
        assertTrue(decision.isBalanceInquiry());
    }

    @Test
    void aBalanceInquiryMovesNothingAndIssuesNoAuthorizationId()
    {
        final long before = lifecycle.authorizer.ledger().debitsMinor();

        final Decision decision = lifecycle.send(inquiry(100, CARD, 2));

        assertEquals(0, decision.authorizationId());
        assertEquals(before, lifecycle.authorizer.ledger().debitsMinor());
        assertEquals(0, lifecycle.authorizer.transactions().used());
    }

    @Test
    void anInquiryOnACardInCreditShowsItsNegativeBalance()
    {
        lifecycle.send(purchase(CREDIT_CARD, 1_500, 1));

        final Decision decision = lifecycle.send(inquiry(100, CREDIT_CARD, 2));

        assertEquals(-1_500, decision.balanceAfterMinor());
        assertEquals(3_500, decision.availableAfterMinor());
    }

    @Test
    void anInquiryOnALostCardIsDeclinedWith41WithoutBalances()
    {
        final Decision decision = lifecycle.send(inquiry(100, LOST_CARD, 2));

        assertEquals(ResponseCodes.LOST_CARD, decision.responseCode());
        assertFalse(decision.isBalanceInquiry());
    }
}
