package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.HOUR_NANOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.TestRequest;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.junit.jupiter.api.Test;

/**
 * The risk score under the built-in rules (bias -3.0; review at 500, decline at 900), one behaviour per
 * test. {@link #HOME_CARD} is issued in the United States (840); field 19 names the acquirer's country.
 */
class RiskScoringTest
{
    static final String HOME_CARD = "4000000000000101";
    static final String CARD_WITHOUT_COUNTRY = "4000000000000102";
    static final long NOW = TestRequest.NOW_EPOCH_NANOS;

    private final Lifecycle lifecycle = new Lifecycle();
    private int stan;

    RiskScoringTest()
    {
        lifecycle.admin(new AccountRecord(10, 840, 100_000_000, 0));
        lifecycle.admin(new CardRecord(HOME_CARD, 10, 3012, CardStatus.ACTIVE, 840));
        lifecycle.admin(new CardRecord(CARD_WITHOUT_COUNTRY, 10, 3012, CardStatus.ACTIVE));
    }

    @Test
    void aPlainPurchaseOnAKnownCardScoresLowWithNoReasonAndIsNotFlagged()
    {
        purchase(HOME_CARD, 1_000);

        final Decision decision = purchase(HOME_CARD, 1_000);

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(RiskScore.score(-3_000), decision.riskScore());
        assertEquals(0, decision.riskReasons());
        assertFalse(decision.isFlaggedForReview());
    }

    @Test
    void aCardsFirstUseIsAReason()
    {
        final Decision decision = purchase(HOME_CARD, 1_000);

        assertEquals(bit(RiskRules.FIRST_USE), decision.riskReasons());
        assertEquals(RiskScore.score(-2_500), decision.riskScore());
    }

    @Test
    void aCardNotPresentPurchaseFromAForeignCountryScoresAboveTheReviewThresholdAndIsFlagged()
    {
        purchase(HOME_CARD, 1_000);

        final Decision decision = send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan)
            .with(IsoFields.POS_ENTRY_MODE, "812").with(IsoFields.ACQUIRER_COUNTRY, "826"), NOW);

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(bit(RiskRules.CARD_NOT_PRESENT) | bit(RiskRules.COUNTRY_MISMATCH), decision.riskReasons());
        assertTrue(decision.riskScore() >= 500 && decision.riskScore() < 900, "score " + decision.riskScore());
        assertTrue(decision.isFlaggedForReview());
    }

    @Test
    void aPurchaseInTheCardsHomeCountryIsNoMismatch()
    {
        purchase(HOME_CARD, 1_000);

        assertEquals(0, send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan).with(IsoFields.ACQUIRER_COUNTRY, "840"), NOW)
            .riskReasons());
    }

    @Test
    void withoutField19TheLastThreeDigitsOfField43NameTheCountry()
    {
        purchase(HOME_CARD, 1_000);
        final String nameAndLocation = String.format("%-25s%-12s%3s", "CORNER SHOP", "LONDON", "826");

        final Decision decision = send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan)
            .with(IsoFields.CARD_ACCEPTOR_NAME, nameAndLocation), NOW);

        assertEquals(bit(RiskRules.COUNTRY_MISMATCH), decision.riskReasons());
    }

    @Test
    void aCardWithoutAHomeCountryNeverMismatches()
    {
        purchase(CARD_WITHOUT_COUNTRY, 1_000);

        assertEquals(0, send(Lifecycle.purchase(CARD_WITHOUT_COUNTRY, 1_000, ++stan)
            .with(IsoFields.ACQUIRER_COUNTRY, "826"), NOW).riskReasons());
    }

    @Test
    void aQrCodePurchaseIsAReason()
    {
        purchase(HOME_CARD, 1_000);

        assertEquals(bit(RiskRules.QR_CODE), send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan)
            .with(IsoFields.POS_ENTRY_MODE, "031"), NOW).riskReasons());
    }

    @Test
    void aRiskyMerchantCategoryAddsItsWeight()
    {
        purchase(HOME_CARD, 1_000);

        final Decision decision = send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan)
            .with(IsoFields.MERCHANT_TYPE, "7995"), NOW);

        assertEquals(bit(RiskRules.MERCHANT_CATEGORY), decision.riskReasons());
        assertEquals(RiskScore.score(-3_000 + 2_000), decision.riskScore());
    }

    @Test
    void aPurchaseOnABlockedTerminalIsDeclined59()
    {
        purchase(HOME_CARD, 1_000);
        RiskRecords.terminal(lifecycle, 1, "TERM0666", true);

        final Decision decision = send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan)
            .with(IsoFields.TERMINAL_ID, "TERM0666"), NOW);

        assertEquals(ResponseCodes.SUSPECTED_FRAUD, decision.responseCode());
        assertEquals(bit(RiskRules.BLOCKED_TERMINAL), decision.riskReasons());
        assertEquals(0, decision.balanceDeltaMinor());
    }

    @Test
    void aScoreAtTheDeclineThresholdIsDeclined59()
    {
        purchase(HOME_CARD, 1_000);
        final int score = cardNotPresentFromAbroad().riskScore();
        RiskRecords.thresholds(lifecycle, 1, 500, score);

        final Decision decision = cardNotPresentFromAbroad();

        assertEquals(score, decision.riskScore());
        assertEquals(ResponseCodes.SUSPECTED_FRAUD, decision.responseCode());
        assertFalse(decision.isFlaggedForReview());
    }

    @Test
    void aScoreOneBelowTheDeclineThresholdIsApprovedAndFlagged()
    {
        purchase(HOME_CARD, 1_000);
        final int score = cardNotPresentFromAbroad().riskScore();
        RiskRecords.thresholds(lifecycle, 1, 500, score + 1);

        final Decision decision = cardNotPresentFromAbroad();

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertTrue(decision.isFlaggedForReview());
    }

    @Test
    void moreApprovalsThanTheVelocityCountWithinTheWindowIsAReason()
    {
        for (int i = 0; i < 10; i++)
        {
            assertEquals(0, purchase(HOME_CARD, 1_000).riskReasons() & bit(RiskRules.VELOCITY_COUNT));
        }

        assertEquals(bit(RiskRules.VELOCITY_COUNT), purchase(HOME_CARD, 1_000).riskReasons());
    }

    @Test
    void approvalsThatLeftTheWindowNoLongerCount()
    {
        for (int i = 0; i < 10; i++)
        {
            purchase(HOME_CARD, 1_000);
        }

        assertEquals(0, send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan), NOW + HOUR_NANOS).riskReasons());
    }

    @Test
    void anAmountThatTakesTheWindowPastTheVelocityAmountIsAReason()
    {
        purchase(HOME_CARD, 400_000);

        assertEquals(bit(RiskRules.VELOCITY_AMOUNT), purchase(HOME_CARD, 100_001).riskReasons());
    }

    @Test
    void anAmountFarAboveTheCardsRunningAverageIsAReason()
    {
        for (int i = 0; i < 3; i++)
        {
            purchase(HOME_CARD, 1_000);
        }

        assertEquals(0, purchase(HOME_CARD, 5_000).riskReasons());
        assertEquals(bit(RiskRules.ABOVE_AVERAGE), purchase(HOME_CARD, 30_000).riskReasons());
    }

    @Test
    void aBurstOfApprovalsAtOneMerchantIsAReason()
    {
        RiskRecords.model(lifecycle, 1, -3_000, RiskRecords.DEFAULT_WEIGHTS, 500, 900, 10, 500_000, 500, 2);
        purchase(HOME_CARD, 1_000);
        purchase(CARD_WITHOUT_COUNTRY, 1_000);

        assertEquals(bit(RiskRules.MERCHANT_VELOCITY), purchase(HOME_CARD, 1_000).riskReasons());
        assertEquals(0, send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan)
            .with(IsoFields.MERCHANT_ID, "ANOTHERSHOP0001"), NOW).riskReasons());
    }

    @Test
    void changingTheRulesThroughAnAdminEventChangesLaterDecisionsOnly()
    {
        final Decision before = send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan).with(IsoFields.TERMINAL_ID, "TERM0666"),
            NOW);
        assertEquals(ResponseCodes.APPROVED, before.responseCode());
        assertEquals(0, before.rulesVersion());
        final long balance = lifecycle.balance(10);

        assertEquals(Decision.ADMIN_CREATED, RiskRecords.terminal(lifecycle, 7, "TERM0666", true));
        final Decision after = send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan).with(IsoFields.TERMINAL_ID, "TERM0666"),
            NOW);

        assertEquals(ResponseCodes.SUSPECTED_FRAUD, after.responseCode());
        assertEquals(7, after.rulesVersion());
        assertEquals(balance, lifecycle.balance(10), "the earlier approval stands; the later one moved nothing");
    }

    @Test
    void aRuleRecordOfAnOlderVersionIsRejectedAndChangesNothing()
    {
        assertEquals(Decision.ADMIN_CREATED, RiskRecords.thresholds(lifecycle, 2, 500, 900));
        final long digest = lifecycle.authorizer.digest();

        assertEquals(Decision.ADMIN_REJECTED, RiskRecords.terminal(lifecycle, 1, "TERM0001", true));

        assertEquals(digest, lifecycle.authorizer.digest());
        assertEquals(ResponseCodes.APPROVED, purchase(HOME_CARD, 1_000).responseCode());
    }

    @Test
    void recordsOfTheSameVersionBuildOneRuleSet()
    {
        assertEquals(Decision.ADMIN_CREATED, RiskRecords.category(lifecycle, 3, 5411, 0, true));
        assertEquals(Decision.ADMIN_CREATED, RiskRecords.category(lifecycle, 3, 5812, 0, true));

        assertEquals(3, purchase(HOME_CARD, 1_000).rulesVersion());
    }

    @Test
    void theScoreIsBoundedAndNeverFallsAsTheSumRises()
    {
        int previous = 0;
        for (long logit = -20_000; logit <= 20_000; logit += 7)
        {
            final int score = RiskScore.score(logit);
            assertTrue(score >= previous && score <= RiskRules.MAX_SCORE, "score " + score + " at " + logit);
            previous = score;
        }
        assertEquals(0, RiskScore.score(-20_000));
        assertEquals(500, RiskScore.score(0));
        assertEquals(999, RiskScore.score(20_000));
    }

    private Decision cardNotPresentFromAbroad()
    {
        return send(Lifecycle.purchase(HOME_CARD, 1_000, ++stan).with(IsoFields.POS_ENTRY_MODE, "812")
            .with(IsoFields.ACQUIRER_COUNTRY, "826"), NOW);
    }

    private Decision purchase(final String pan, final long amountMinor)
    {
        return send(Lifecycle.purchase(pan, amountMinor, ++stan), NOW);
    }

    private Decision send(final TestRequest request, final long ingressEpochNanos)
    {
        return lifecycle.send(request, ingressEpochNanos);
    }

    private static int bit(final int feature)
    {
        return 1 << feature;
    }
}
