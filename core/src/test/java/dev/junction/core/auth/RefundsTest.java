package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
import static dev.junction.core.auth.Lifecycle.LOST_CARD;
import static dev.junction.core.auth.Lifecycle.SECOND_CARD;
import static dev.junction.core.auth.Lifecycle.authorization;
import static dev.junction.core.auth.Lifecycle.completion;
import static dev.junction.core.auth.Lifecycle.purchase;
import static dev.junction.core.auth.Lifecycle.refundByOriginalData;
import static dev.junction.core.auth.Lifecycle.refundByRrn;
import static dev.junction.core.auth.Lifecycle.reversal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.junction.core.iso.IsoFields;
import org.junit.jupiter.api.Test;

/** A refund (processing code 20) credits the account, names its original and never exceeds it. */
class RefundsTest
{
    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void aRefundNamingItsPurchaseByRetrievalReferenceCreditsTheAccount()
    {
        final long purchaseId = lifecycle.send(purchase(CARD, 1_000, 1)).authorizationId();

        final Decision decision = lifecycle.send(refundByRrn(CARD, 400, 2, 1));

        assertEquals(210, decision.responseMti());
        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(400, decision.balanceDeltaMinor());
        assertEquals(purchaseId, decision.originalAuthorizationId());
        assertNotEquals(0, decision.authorizationId());
        assertEquals(9_400, lifecycle.balance(1));
    }

    @Test
    void aRefundNamingItsPurchaseByField90CreditsTheAccount()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(refundByOriginalData(CARD, 1_000, 2, 200, 1)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void refundsAgainstOneOriginalNeverAddUpToMoreThanItAndTheExcessIsDeclinedWith13()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));
        lifecycle.send(refundByRrn(CARD, 600, 2, 1));

        assertEquals(ResponseCodes.INVALID_AMOUNT, lifecycle.send(refundByRrn(CARD, 401, 3, 1)).responseCode());
        assertEquals(ResponseCodes.APPROVED, lifecycle.send(refundByRrn(CARD, 400, 4, 1)).responseCode());
        assertEquals(ResponseCodes.INVALID_AMOUNT, lifecycle.send(refundByRrn(CARD, 1, 5, 1)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aRefundOfACompletedAuthorizationCreditsUpToTheCapturedAmount()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();
        lifecycle.send(completion(CARD, 2_000, 2, authorizationId));

        assertEquals(ResponseCodes.INVALID_AMOUNT, lifecycle.send(refundByRrn(CARD, 2_001, 3, 2)).responseCode());
        assertEquals(ResponseCodes.APPROVED, lifecycle.send(refundByRrn(CARD, 2_000, 4, 2)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aRefundOfAnUnknownOriginalIsAnsweredWith25()
    {
        assertEquals(ResponseCodes.ORIGINAL_NOT_FOUND, lifecycle.send(refundByRrn(CARD, 100, 2, 99)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aRefundOfADeclinedOriginalIsDeclinedWith12()
    {
        lifecycle.send(purchase(CARD, 20_000, 1));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, lifecycle.send(refundByRrn(CARD, 100, 2, 1)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aRefundOfAReversedOriginalIsDeclinedWith12()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));
        lifecycle.send(reversal(400, CARD, 1_000, 2, 200, 1));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, lifecycle.send(refundByRrn(CARD, 100, 3, 1)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aRefundOfAnAuthorizationThatWasNeverCompletedIsDeclinedWith12()
    {
        lifecycle.send(authorization(CARD, 1_000, 1));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, lifecycle.send(refundByRrn(CARD, 100, 2, 1)).responseCode());
    }

    @Test
    void aRefundThatNamesNoOriginalIsDeclinedWith12()
    {
        assertEquals(ResponseCodes.INVALID_TRANSACTION,
            lifecycle.send(refundByRrn(CARD, 100, 2, 1).without(IsoFields.RRN)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aRefundToAnotherCardThanTheOriginalsIsDeclinedWith12()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, lifecycle.send(refundByRrn(SECOND_CARD, 100, 2, 1)).responseCode());
        assertEquals(9_000, lifecycle.balance(1));
    }

    @Test
    void aRefundToALostCardIsDeclinedWith41()
    {
        assertEquals(ResponseCodes.LOST_CARD, lifecycle.send(refundByRrn(LOST_CARD, 100, 2, 1)).responseCode());
    }

    @Test
    void aRefundInAnAuthorizationRequestIsDeclinedWith12()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));

        final Decision decision = lifecycle.send(authorization(CARD, 100, 2).with(IsoFields.PROCESSING_CODE, "200000")
            .with(IsoFields.RRN, Lifecycle.rrn(1)));

        assertEquals(110, decision.responseMti());
        assertEquals(ResponseCodes.INVALID_TRANSACTION, decision.responseCode());
        assertEquals(9_000, lifecycle.balance(1));
    }

    @Test
    void aRefundOfZeroIsDeclinedWith13()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));

        assertEquals(ResponseCodes.INVALID_AMOUNT, lifecycle.send(refundByRrn(CARD, 0, 2, 1)).responseCode());
    }
}
