package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
import static dev.junction.core.auth.Lifecycle.SECOND_CARD;
import static dev.junction.core.auth.Lifecycle.authorization;
import static dev.junction.core.auth.Lifecycle.completion;
import static dev.junction.core.auth.Lifecycle.partialReversal;
import static dev.junction.core.auth.Lifecycle.purchase;
import static dev.junction.core.auth.Lifecycle.refundByRrn;
import static dev.junction.core.auth.Lifecycle.reversal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.TestRequest;
import org.junit.jupiter.api.Test;

/** 0400/0401 and 0420/0421 release a hold or reverse a posting exactly once. */
class ReversalsTest
{
    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void aReversalReleasesTheHoldOfTheAuthorizationItNamesInField90()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        final Decision decision = lifecycle.send(reversal(400, CARD, 2_500, 2, 100, 1));

        assertEquals(410, decision.responseMti());
        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(authorizationId, decision.originalAuthorizationId());
        assertEquals(0, lifecycle.holds(1));
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aReversalWithoutField90IsMatchedByTheStanTerminalAndTransmissionTimeItSharesWithItsOriginal()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        final Decision decision = lifecycle.send(TestRequest.purchase(400, CARD, 2_500, 1));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(0, lifecycle.holds(1));
    }

    @Test
    void aSecondReversalOfTheSameAuthorizationChangesNothing()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));
        lifecycle.send(authorization(CARD, 1_000, 2));
        lifecycle.send(reversal(400, CARD, 2_500, 3, 100, 1));

        final Decision decision = lifecycle.send(reversal(420, CARD, 2_500, 4, 100, 1));

        assertEquals(430, decision.responseMti());
        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(0, decision.holdsDeltaMinor());
        assertEquals(1_000, lifecycle.holds(1));
    }

    @Test
    void aRepeatedReversalIsAnsweredAsTheFirstAndChangesNothing()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));
        lifecycle.send(authorization(CARD, 1_000, 2));
        lifecycle.send(reversal(400, CARD, 2_500, 3, 100, 1));

        final Decision decision = lifecycle.send(reversal(401, CARD, 2_500, 3, 100, 1));

        assertEquals(410, decision.responseMti());
        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertTrue(decision.isDuplicate());
        assertEquals(1_000, lifecycle.holds(1));
    }

    @Test
    void aPartialReversalLeavesTheReplacementAmountOfField95Held()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        lifecycle.send(partialReversal(400, CARD, 2_500, 2, 100, 1, 1_500));

        assertEquals(1_500, lifecycle.holds(1));
    }

    @Test
    void aRepeatedPartialReversalReleasesNothingMore()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));
        lifecycle.send(partialReversal(400, CARD, 2_500, 2, 100, 1, 1_500));

        lifecycle.send(partialReversal(420, CARD, 2_500, 3, 100, 1, 1_500));

        assertEquals(1_500, lifecycle.holds(1));
    }

    @Test
    void aPartiallyReversedAuthorizationCanBeCompletedUpToWhatStands()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();
        lifecycle.send(partialReversal(400, CARD, 2_500, 2, 100, 1, 1_500));

        assertEquals(ResponseCodes.INVALID_AMOUNT, lifecycle.send(completion(CARD, 2_000, 3, authorizationId)).responseCode());
        assertEquals(ResponseCodes.APPROVED, lifecycle.send(completion(CARD, 1_500, 4, authorizationId)).responseCode());
        assertEquals(8_500, lifecycle.balance(1));
    }

    @Test
    void aReversalOfAPurchaseCreditsItBack()
    {
        lifecycle.send(purchase(CARD, 1_250, 1));

        final Decision decision = lifecycle.send(reversal(400, CARD, 1_250, 2, 200, 1));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(1_250, decision.balanceDeltaMinor());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aPartialReversalOfAPurchaseCreditsBackOnlyTheDifference()
    {
        lifecycle.send(purchase(CARD, 1_250, 1));

        lifecycle.send(partialReversal(400, CARD, 1_250, 2, 200, 1, 1_000));

        assertEquals(9_000, lifecycle.balance(1));
    }

    @Test
    void aSecondReversalOfAPurchaseCreditsNothingMore()
    {
        lifecycle.send(purchase(CARD, 1_250, 1));
        lifecycle.send(reversal(400, CARD, 1_250, 2, 200, 1));

        final Decision decision = lifecycle.send(reversal(420, CARD, 1_250, 3, 200, 1));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aReversalNeverCreditsBackWhatARefundAlreadyReturned()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));
        lifecycle.send(refundByRrn(CARD, 600, 2, 1));

        lifecycle.send(reversal(400, CARD, 1_000, 3, 200, 1));

        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aReversalOfARefundDebitsItBackAndTheOriginalCanBeRefundedAgain()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));
        lifecycle.send(refundByRrn(CARD, 1_000, 2, 1));

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(reversal(400, CARD, 1_000, 3, 200, 2)).responseCode());
        assertEquals(9_000, lifecycle.balance(1));
        assertEquals(ResponseCodes.APPROVED, lifecycle.send(refundByRrn(CARD, 1_000, 4, 1)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aReversalOfARefundThatWasSpentIsDeclinedWith51()
    {
        lifecycle.send(purchase(CARD, 1_000, 1));
        lifecycle.send(refundByRrn(CARD, 1_000, 2, 1));
        lifecycle.send(purchase(CARD, 10_000, 3));

        assertEquals(ResponseCodes.INSUFFICIENT_FUNDS, lifecycle.send(reversal(400, CARD, 1_000, 4, 200, 2)).responseCode());
        assertEquals(0, lifecycle.balance(1));
    }

    @Test
    void aReversalOfACompletedAuthorizationIsDeclinedWith12BecauseTheCompletionIsWhatMustBeReversed()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();
        lifecycle.send(completion(CARD, 2_000, 2, authorizationId));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, lifecycle.send(reversal(400, CARD, 2_500, 3, 100, 1)).responseCode());
        assertEquals(ResponseCodes.APPROVED, lifecycle.send(reversal(400, CARD, 2_000, 4, 220, 2)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aReversalOfADeclinedAuthorizationAnswers00AndChangesNothing()
    {
        lifecycle.send(authorization(CARD, 20_000, 1));

        final Decision decision = lifecycle.send(reversal(400, CARD, 20_000, 2, 100, 1));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(0, decision.balanceDeltaMinor());
        assertEquals(0, decision.holdsDeltaMinor());
    }

    @Test
    void aReversalOfAnUnknownOriginalIsAnsweredWith25()
    {
        final Decision decision = lifecycle.send(reversal(400, CARD, 2_500, 2, 100, 1));

        assertEquals(410, decision.responseMti());
        assertEquals(ResponseCodes.ORIGINAL_NOT_FOUND, decision.responseCode());
    }

    @Test
    void anAuthorizationArrivingAfterItsReversalIsDeclinedWith12AndHoldsNothing()
    {
        lifecycle.send(reversal(400, CARD, 2_500, 2, 100, 1));

        final Decision decision = lifecycle.send(authorization(CARD, 2_500, 1));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, decision.responseCode());
        assertEquals(0, lifecycle.holds(1));
    }

    @Test
    void aPurchaseArrivingAfterAReversalWithoutField90IsDeclinedWith12()
    {
        lifecycle.send(TestRequest.purchase(400, CARD, 1_000, 7));

        assertEquals(ResponseCodes.INVALID_TRANSACTION, lifecycle.send(purchase(CARD, 1_000, 7)).responseCode());
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aReversalOnAnotherCardThanItsOriginalsIsDeclinedWith12()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        assertEquals(ResponseCodes.INVALID_TRANSACTION,
            lifecycle.send(reversal(400, SECOND_CARD, 2_500, 2, 100, 1)).responseCode());
        assertEquals(2_500, lifecycle.holds(1));
    }

    @Test
    void aReplacementAmountThatIsNotDigitsIsAFormatError()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        assertEquals(ResponseCodes.FORMAT_ERROR, lifecycle.send(reversal(400, CARD, 2_500, 2, 100, 1)
            .with(IsoFields.REPLACEMENT_AMOUNTS, "X".repeat(42))).responseCode());
        assertEquals(2_500, lifecycle.holds(1));
    }
}
