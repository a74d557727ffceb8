package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.DAY_NANOS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.TestRequest;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.junit.jupiter.api.Test;

/** Per-card limits and merchant category block lists, one behaviour per test. Amounts in cents of USD. */
class LimitsTest
{
    static final String CARD = "4000000000000101";
    static final String OTHER_CARD = "4000000000000102";

    private final Lifecycle lifecycle = new Lifecycle();

    LimitsTest()
    {
        lifecycle.admin(new AccountRecord(10, 840, 10_000_000, 0));
        lifecycle.admin(new CardRecord(CARD, 10, 3012, CardStatus.ACTIVE));
        lifecycle.admin(new CardRecord(OTHER_CARD, 10, 3012, CardStatus.ACTIVE));
    }

    @Test
    void withoutAnyLimitsRecordNothingIsLimited()
    {
        for (int stan = 1; stan <= 20; stan++)
        {
            assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 400_000, stan)).responseCode());
        }
    }

    @Test
    void aPurchaseOverTheCardsMaximumSingleAmountIsDeclined61()
    {
        RiskRecords.cardLimits(lifecycle, CARD, 50_000, 0, 0);

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 50_000, 1)).responseCode());
        final Decision decision = lifecycle.send(Lifecycle.purchase(CARD, 50_001, 2));

        assertEquals(ResponseCodes.EXCEEDS_AMOUNT_LIMIT, decision.responseCode());
        assertEquals(Limits.SINGLE_AMOUNT, decision.limitRule());
        assertEquals(0, decision.balanceDeltaMinor());
    }

    @Test
    void aSecondPurchaseOverTheDailyCountIsDeclined65()
    {
        RiskRecords.cardLimits(lifecycle, CARD, 0, 0, 1);

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 100, 1)).responseCode());
        final Decision decision = lifecycle.send(Lifecycle.purchase(CARD, 100, 2));

        assertEquals(ResponseCodes.EXCEEDS_FREQUENCY_LIMIT, decision.responseCode());
        assertEquals(Limits.DAILY_COUNT, decision.limitRule());
    }

    @Test
    void aPurchaseThatWouldTakeTheDayPastItsDailyAmountIsDeclined61()
    {
        RiskRecords.cardLimits(lifecycle, CARD, 0, 1_000, 0);

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 600, 1)).responseCode());
        assertEquals(ResponseCodes.EXCEEDS_AMOUNT_LIMIT, lifecycle.send(Lifecycle.purchase(CARD, 401, 2)).responseCode());
        assertEquals(Limits.DAILY_AMOUNT, lifecycle.send(Lifecycle.purchase(CARD, 401, 3)).limitRule());
        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 400, 4)).responseCode());
    }

    @Test
    void anAuthorizationCountsAgainstTheDailyLimitsLikeAPurchase()
    {
        RiskRecords.cardLimits(lifecycle, CARD, 0, 0, 1);

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.authorization(CARD, 100, 1)).responseCode());
        assertEquals(ResponseCodes.EXCEEDS_FREQUENCY_LIMIT,
            lifecycle.send(Lifecycle.authorization(CARD, 100, 2)).responseCode());
    }

    @Test
    void theDailyCountersStartAgainOnTheNextUtcDay()
    {
        RiskRecords.cardLimits(lifecycle, CARD, 0, 0, 1);
        final long lateEvening = TestRequest.epochNanos("2026-11-21T23:59:59Z");
        final long justAfterMidnight = TestRequest.epochNanos("2026-11-22T00:00:00Z");

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 100, 1), lateEvening).responseCode());
        assertEquals(ResponseCodes.EXCEEDS_FREQUENCY_LIMIT,
            lifecycle.send(Lifecycle.purchase(CARD, 100, 2), lateEvening).responseCode());
        assertEquals(ResponseCodes.APPROVED,
            lifecycle.send(Lifecycle.purchase(CARD, 100, 3), justAfterMidnight).responseCode());
    }

    @Test
    void aDeclinedPurchaseDoesNotCountAgainstTheDailyLimits()
    {
        RiskRecords.cardLimits(lifecycle, CARD, 1_000, 0, 1);

        assertEquals(ResponseCodes.EXCEEDS_AMOUNT_LIMIT, lifecycle.send(Lifecycle.purchase(CARD, 5_000, 1)).responseCode());
        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 100, 2)).responseCode());
    }

    @Test
    void theProfileLimitsEveryCardAndACardsOwnLimitsOverrideIt()
    {
        RiskRecords.profile(lifecycle, 1, 1_000, 0, 0, 0, 0, 0, 0);
        RiskRecords.cardLimits(lifecycle, CARD, 5_000, 0, 0);

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 3_000, 1)).responseCode());
        assertEquals(ResponseCodes.EXCEEDS_AMOUNT_LIMIT,
            lifecycle.send(Lifecycle.purchase(OTHER_CARD, 3_000, 2)).responseCode());
    }

    @Test
    void aPurchaseInABlockedMerchantCategoryIsDeclined57()
    {
        RiskRecords.category(lifecycle, 1, 7995, 0, true);

        final Decision decision = lifecycle.send(Lifecycle.purchase(CARD, 100, 1).with(IsoFields.MERCHANT_TYPE, "7995"));

        assertEquals(ResponseCodes.NOT_PERMITTED_TO_CARDHOLDER, decision.responseCode());
        assertEquals(Limits.MERCHANT_CATEGORY, decision.limitRule());
        assertEquals(ResponseCodes.APPROVED,
            lifecycle.send(Lifecycle.purchase(CARD, 100, 2).with(IsoFields.MERCHANT_TYPE, "5411")).responseCode());
    }

    @Test
    void unblockingACategoryAllowsItAgain()
    {
        RiskRecords.category(lifecycle, 1, 7995, 0, true);
        RiskRecords.category(lifecycle, 2, 7995, 0, false);

        assertEquals(ResponseCodes.APPROVED,
            lifecycle.send(Lifecycle.purchase(CARD, 100, 1).with(IsoFields.MERCHANT_TYPE, "7995")).responseCode());
    }

    @Test
    void aZeroAmountCardVerificationIsNotLimited()
    {
        RiskRecords.cardLimits(lifecycle, CARD, 0, 0, 1);
        lifecycle.send(Lifecycle.purchase(CARD, 100, 1));

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.authorization(CARD, 0, 2)).responseCode());
    }

    @Test
    void limitsForAnUnknownCardOrNegativeLimitsAreRejected()
    {
        assertEquals(Decision.ADMIN_REJECTED, RiskRecords.cardLimits(lifecycle, "4000000000009999", 1, 1, 1));
        assertEquals(Decision.ADMIN_REJECTED, RiskRecords.cardLimits(lifecycle, CARD, -1, 0, 0));
        assertEquals(Decision.ADMIN_CREATED, RiskRecords.cardLimits(lifecycle, CARD, 1, 0, 0));
    }

    @Test
    void theDailyLimitsReadTheDayOfTheJournaledIngressTimeNotField13()
    {
        RiskRecords.cardLimits(lifecycle, CARD, 0, 0, 1);
        final long now = TestRequest.NOW_EPOCH_NANOS;

        lifecycle.send(Lifecycle.purchase(CARD, 100, 1), now);
        assertEquals(ResponseCodes.EXCEEDS_FREQUENCY_LIMIT,
            lifecycle.send(Lifecycle.purchase(CARD, 100, 2).with(IsoFields.LOCAL_DATE, "1122"), now).responseCode());
        assertEquals(ResponseCodes.APPROVED,
            lifecycle.send(Lifecycle.purchase(CARD, 100, 3), now + DAY_NANOS).responseCode());
    }
}
