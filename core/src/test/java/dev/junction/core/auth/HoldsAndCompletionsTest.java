package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
import static dev.junction.core.auth.Lifecycle.SECOND_CARD;
import static dev.junction.core.auth.Lifecycle.authorization;
import static dev.junction.core.auth.Lifecycle.completion;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.junction.core.iso.IsoFields;
import org.junit.jupiter.api.Test;

/** An 0100 places a hold; an 0220 completion captures it in full or in part and releases the rest. */
class HoldsAndCompletionsTest
{
    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void anApprovedAuthorizationIsRecordedAsAnOpenHoldUnderItsAuthorizationId()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        final Transactions transactions = lifecycle.authorizer.transactions();
        final int slot = transactions.findByAuthorization(authorizationId, Long.parseUnsignedLong(CARD), CARD.length());
        assertEquals(Transactions.HOLDING, transactions.state(slot));
        assertEquals(2_500, transactions.holdMinor(slot));
        assertEquals(2_500, transactions.heldMinor());
    }

    @Test
    void aCompletionForTheFullAmountPostsItAndReleasesTheHold()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        final Decision decision = lifecycle.send(completion(CARD, 2_500, 2, authorizationId));

        assertEquals(230, decision.responseMti());
        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(7_500, lifecycle.balance(1));
        assertEquals(0, lifecycle.holds(1));
    }

    @Test
    void aPartialCompletionPostsItsAmountAndReleasesTheRestOfTheHold()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        lifecycle.send(completion(CARD, 1_000, 2, authorizationId));

        assertEquals(9_000, lifecycle.balance(1));
        assertEquals(0, lifecycle.holds(1));
        assertEquals(9_000, lifecycle.available(1));
    }

    @Test
    void aCompletionAnswersWithItsAuthorizationsId()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        final Decision decision = lifecycle.send(completion(CARD, 2_500, 2, authorizationId));

        assertEquals(authorizationId, decision.authorizationId());
        assertEquals(authorizationId, decision.originalAuthorizationId());
    }

    @Test
    void aCompletionIsMatchedByTheOriginalDataElementsOfField90()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        final Decision decision = lifecycle.send(completion(CARD, 2_000, 2, 1).without(IsoFields.AUTH_ID)
            .with(IsoFields.ORIGINAL_DATA, Lifecycle.originalData(100, 1)));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(8_000, lifecycle.balance(1));
    }

    @Test
    void aCompletionAboveTheHoldIsDeclinedWith13AndTheHoldStays()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        final Decision decision = lifecycle.send(completion(CARD, 2_501, 2, authorizationId));

        assertEquals(230, decision.responseMti());
        assertEquals(ResponseCodes.INVALID_AMOUNT, decision.responseCode());
        assertEquals(2_500, lifecycle.holds(1));
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aCompletionOfAnUnknownAuthorizationIsAnsweredWith25In0230()
    {
        final Decision decision = lifecycle.send(completion(CARD, 100, 2, 424_242));

        assertEquals(230, decision.responseMti());
        assertEquals(ResponseCodes.ORIGINAL_NOT_FOUND, decision.responseCode());
    }

    @Test
    void aCompletionWithTheRightAuthorizationIdOnAnotherCardIsNotFound()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        assertEquals(ResponseCodes.ORIGINAL_NOT_FOUND,
            lifecycle.send(completion(SECOND_CARD, 2_500, 2, authorizationId)).responseCode());
        assertEquals(2_500, lifecycle.holds(1));
    }

    @Test
    void aSecondCompletionOfTheSameAuthorizationIsDeclinedWith12()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();
        lifecycle.send(completion(CARD, 1_000, 2, authorizationId));

        assertEquals(ResponseCodes.INVALID_TRANSACTION,
            lifecycle.send(completion(CARD, 1_000, 3, authorizationId)).responseCode());
        assertEquals(9_000, lifecycle.balance(1));
    }

    @Test
    void aCompletionThatNamesNoOriginalIsAFormatError()
    {
        assertEquals(ResponseCodes.FORMAT_ERROR,
            lifecycle.send(completion(CARD, 1_000, 2, 1).without(IsoFields.AUTH_ID)).responseCode());
    }

    @Test
    void whenEveryTransactionRecordHoldsFundsANewAuthorizationIsAnswered91AndHoldsNothing()
    {
        final Lifecycle small = new Lifecycle(new AuthorizerConfig(16, 16, 2, 64, 60_000));
        small.send(authorization(CARD, 100, 1));
        small.send(authorization(CARD, 100, 2));

        final Decision decision = small.send(authorization(CARD, 100, 3));

        assertEquals(ResponseCodes.SYSTEM_UNAVAILABLE, decision.responseCode());
        assertEquals(200, small.holds(1));
    }

    @Test
    void aSettledTransactionMakesRoomForANewOneWhenTheTableIsFull()
    {
        final Lifecycle small = new Lifecycle(new AuthorizerConfig(16, 16, 2, 64, 60_000));
        final long first = small.send(authorization(CARD, 100, 1)).authorizationId();
        small.send(authorization(CARD, 100, 2));
        small.send(Lifecycle.reversal(400, CARD, 100, 3, 100, 1));

        assertEquals(ResponseCodes.APPROVED, small.send(authorization(CARD, 100, 4)).responseCode());
        assertEquals(ResponseCodes.ORIGINAL_NOT_FOUND, small.send(completion(CARD, 100, 5, first)).responseCode());
        assertEquals(200, small.holds(1));
    }
}
