package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The amount tiers of the limits profile: below 5.00 a purchase needs no PIN, within an allowance of 3
 * such purchases and 10.00 a day; above 500.00 it needs a PIN or the chip.
 */
class AmountTiersTest
{
    static final String CARD = "4000000000000101";
    static final String PIN_BLOCK = "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008";

    private final Lifecycle lifecycle = new Lifecycle();

    @BeforeEach
    void tiers()
    {
        lifecycle.admin(new AccountRecord(10, 840, 10_000_000, 0));
        lifecycle.admin(new CardRecord(CARD, 10, 3012, CardStatus.ACTIVE));
        RiskRecords.profile(lifecycle, 1, 0, 0, 0, 500, 3, 1_000, 50_000);
    }

    @Test
    void smallAmountsWithoutPinAreApprovedWithinTheAllowance()
    {
        for (int stan = 1; stan <= 3; stan++)
        {
            assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 300, stan)).responseCode());
        }
    }

    @Test
    void aSmallAmountWithoutPinBeyondTheAllowancesCountIsDeclined65()
    {
        for (int stan = 1; stan <= 3; stan++)
        {
            lifecycle.send(Lifecycle.purchase(CARD, 100, stan));
        }

        final Decision decision = lifecycle.send(Lifecycle.purchase(CARD, 100, 4));

        assertEquals(ResponseCodes.EXCEEDS_FREQUENCY_LIMIT, decision.responseCode());
        assertEquals(Limits.SMALL_COUNT, decision.limitRule());
    }

    @Test
    void aSmallAmountWithoutPinBeyondTheAllowancesAmountIsDeclined61()
    {
        lifecycle.send(Lifecycle.purchase(CARD, 499, 1));
        lifecycle.send(Lifecycle.purchase(CARD, 499, 2));

        final Decision decision = lifecycle.send(Lifecycle.purchase(CARD, 3, 3));

        assertEquals(ResponseCodes.EXCEEDS_AMOUNT_LIMIT, decision.responseCode());
        assertEquals(Limits.SMALL_AMOUNT, decision.limitRule());
    }

    @Test
    void aSmallAmountWithAPinDoesNotUseTheAllowance()
    {
        for (int stan = 1; stan <= 3; stan++)
        {
            lifecycle.send(Lifecycle.purchase(CARD, 100, stan));
        }

        assertEquals(ResponseCodes.APPROVED,
            lifecycle.send(Lifecycle.purchase(CARD, 100, 4).with(IsoFields.PIN_DATA, PIN_BLOCK)).responseCode());
    }

    @Test
    void amountsBetweenTheTiersNeedNoPinAndUseNoAllowance()
    {
        for (int stan = 1; stan <= 5; stan++)
        {
            assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 500, stan)).responseCode());
        }
        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(CARD, 50_000, 6)).responseCode());
    }

    @Test
    void aLargeAmountWithoutPinIsDeclined57()
    {
        final Decision decision = lifecycle.send(Lifecycle.purchase(CARD, 50_001, 1));

        assertEquals(ResponseCodes.NOT_PERMITTED_TO_CARDHOLDER, decision.responseCode());
        assertEquals(Limits.LARGE_UNVERIFIED, decision.limitRule());
    }

    @Test
    void aLargeAmountWithAPinIsApproved()
    {
        assertEquals(ResponseCodes.APPROVED,
            lifecycle.send(Lifecycle.purchase(CARD, 50_001, 1).with(IsoFields.PIN_DATA, PIN_BLOCK)).responseCode());
    }

    @Test
    void aLargeAmountReadFromTheChipIsApprovedAndFromTheStripeIsNot()
    {
        assertEquals(ResponseCodes.APPROVED,
            lifecycle.send(Lifecycle.purchase(CARD, 50_001, 1).with(IsoFields.POS_ENTRY_MODE, "051")).responseCode());
        assertEquals(ResponseCodes.APPROVED,
            lifecycle.send(Lifecycle.purchase(CARD, 50_001, 2).with(IsoFields.POS_ENTRY_MODE, "071")).responseCode());
        assertEquals(ResponseCodes.NOT_PERMITTED_TO_CARDHOLDER,
            lifecycle.send(Lifecycle.purchase(CARD, 50_001, 3).with(IsoFields.POS_ENTRY_MODE, "901")).responseCode());
    }
}
