package dev.junction.core.refdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin records' binary layout: what is written reads back the same, at any offset. */
class AdminRecordsTest
{
    private static final int OFFSET = 13;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + AdminRecords.MAX_LENGTH + 8]);

    @Test
    void anAccountRoundTripsWithEveryField()
    {
        final AccountRecord account = new AccountRecord(ReferenceDataCsv.MAX_ACCOUNT_ID, 999,
            -ReferenceDataCsv.MAX_AMOUNT_MINOR, ReferenceDataCsv.MAX_AMOUNT_MINOR);

        assertEquals(AdminRecords.ACCOUNT_LENGTH, AdminRecords.writeAccount(buffer, OFFSET, account));

        assertEquals(AdminRecords.TYPE_ACCOUNT, AdminRecords.type(buffer, OFFSET, AdminRecords.ACCOUNT_LENGTH));
        assertEquals(account, readAccount());
    }

    @Test
    void anAccountWithAPositiveBalanceAndNoCreditRoundTrips()
    {
        final AccountRecord account = new AccountRecord(1, 840, 1_000_000, 0);
        AdminRecords.writeAccount(buffer, OFFSET, account);

        assertEquals(account, readAccount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"400000000002", "4000000000000069", "6011000000000000007", "9999999999999999999"})
    void aCardRoundTripsWithEveryField(final String pan)
    {
        final CardRecord card = new CardRecord(pan, 123_456_789_012L, 3012, CardStatus.STOLEN);

        assertEquals(AdminRecords.CARD_LENGTH, AdminRecords.writeCard(buffer, OFFSET, card));

        assertEquals(AdminRecords.TYPE_CARD, AdminRecords.type(buffer, OFFSET, AdminRecords.CARD_LENGTH));
        assertEquals(pan.length(), AdminRecords.cardPanLength(buffer, OFFSET));
        assertEquals(card.accountId(), AdminRecords.cardAccountId(buffer, OFFSET));
        assertEquals(card.expiryYymm(), AdminRecords.cardExpiryYymm(buffer, OFFSET));
        assertEquals(card.status(), AdminRecords.cardStatus(buffer, OFFSET));
        assertEquals(Long.toUnsignedString(AdminRecords.cardPanKey(buffer, OFFSET)), pan);
    }

    @ParameterizedTest
    @ValueSource(strings = {"400000000002", "4000000000000069", "6011000000000000007", "9999999999999999999"})
    void aCardsPanKeyIsTheKeyThatPansGivesItsPan(final String pan)
    {
        AdminRecords.writeCard(buffer, OFFSET, new CardRecord(pan, 1, 3012, CardStatus.ACTIVE));

        assertEquals(Pans.key(pan), AdminRecords.cardPanKey(buffer, OFFSET));
    }

    @Test
    void aShorterCardAfterALongerOneInTheSameBufferKeepsItsOwnKey()
    {
        AdminRecords.writeCard(buffer, OFFSET, new CardRecord("9999999999999999999", 1, 3012, CardStatus.ACTIVE));
        AdminRecords.writeCard(buffer, OFFSET, new CardRecord("400000000002", 1, 3012, CardStatus.ACTIVE));

        assertEquals(Pans.key("400000000002"), AdminRecords.cardPanKey(buffer, OFFSET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"40000000002", "04000000000000069", "40000000000000x69"})
    void aCardWhosePanIsNotAValidPanHasNoKey(final String pan)
    {
        AdminRecords.writeCard(buffer, OFFSET, new CardRecord(pan, 1, 3012, CardStatus.ACTIVE));

        assertEquals(-1, AdminRecords.cardPanKey(buffer, OFFSET));
    }

    @Test
    void everyStatusRoundTrips()
    {
        for (final byte status : new byte[] {CardStatus.ACTIVE, CardStatus.BLOCKED, CardStatus.LOST, CardStatus.STOLEN})
        {
            AdminRecords.writeCard(buffer, OFFSET, new CardRecord("4000000000000069", 1, 2701, status));
            assertEquals(status, AdminRecords.cardStatus(buffer, OFFSET));
        }
    }

    @Test
    void anEmptyPayloadHasNoType()
    {
        assertEquals(0, AdminRecords.type(buffer, OFFSET, 0));
    }

    @Test
    void everyRecordFitsTheSmallestRingPayload()
    {
        assertEquals(27, AdminRecords.ACCOUNT_LENGTH);
        assertEquals(32, AdminRecords.CARD_LENGTH);
        assertEquals(34, AdminRecords.CARD_WITH_HOME_COUNTRY_LENGTH);
        assertEquals(22, AdminRecords.CARD_STATUS_LENGTH);
        assertEquals(35, AdminRecords.ACCOUNT_ADJUSTMENT_LENGTH);
        assertEquals(1, AdminRecords.CUTOVER_NOW_LENGTH);
        assertEquals(RiskAdminRecords.LIMITS_PROFILE_LENGTH, AdminRecords.MAX_LENGTH);
        assertTrue(AdminRecords.MAX_LENGTH <= 64, "the ring's payload capacity may be as small as 64 bytes");
    }

    @Test
    void aCardWithAHomeCountryRoundTripsItAndOneWithoutKeepsTheOldLayout()
    {
        assertEquals(AdminRecords.CARD_WITH_HOME_COUNTRY_LENGTH,
            AdminRecords.writeCard(buffer, OFFSET, new CardRecord("4000000000000069", 1, 3012, CardStatus.ACTIVE, 826)));
        assertEquals(826, AdminRecords.cardHomeCountry(buffer, OFFSET, AdminRecords.CARD_WITH_HOME_COUNTRY_LENGTH));
        assertEquals(3012, AdminRecords.cardExpiryYymm(buffer, OFFSET));

        assertEquals(AdminRecords.CARD_LENGTH,
            AdminRecords.writeCard(buffer, OFFSET, new CardRecord("4000000000000069", 1, 3012, CardStatus.ACTIVE)));
        assertEquals(0, AdminRecords.cardHomeCountry(buffer, OFFSET, AdminRecords.CARD_LENGTH));
    }

    @Test
    void theRiskRecordsRoundTripEveryField()
    {
        RiskAdminRecords.writeCardLimits(buffer, OFFSET, "6011000000000000007", 1_000, 5_000, 7);
        assertEquals(Pans.key("6011000000000000007"), AdminRecords.cardPanKey(buffer, OFFSET));
        assertEquals(1_000, RiskAdminRecords.cardMaxSingleMinor(buffer, OFFSET));
        assertEquals(5_000, RiskAdminRecords.cardDailyAmountMinor(buffer, OFFSET));
        assertEquals(7, RiskAdminRecords.cardDailyCount(buffer, OFFSET));

        RiskAdminRecords.writeLimitsProfile(buffer, OFFSET, 3, 1, 2, 3, 4, 5, 6, 7);
        assertEquals(3, RiskAdminRecords.version(buffer, OFFSET));
        assertEquals(1, RiskAdminRecords.profileMaxSingleMinor(buffer, OFFSET));
        assertEquals(2, RiskAdminRecords.profileDailyAmountMinor(buffer, OFFSET));
        assertEquals(3, RiskAdminRecords.profileDailyCount(buffer, OFFSET));
        assertEquals(4, RiskAdminRecords.profileSmallAmountLimitMinor(buffer, OFFSET));
        assertEquals(5, RiskAdminRecords.profileSmallDailyCount(buffer, OFFSET));
        assertEquals(6, RiskAdminRecords.profileSmallDailyAmountMinor(buffer, OFFSET));
        assertEquals(7, RiskAdminRecords.profileLargeAmountMinor(buffer, OFFSET));

        final short[] weights = {-1, 2, -3, 4, -5, 6, -7, 8, -9, 10};
        RiskAdminRecords.writeRiskModel(buffer, OFFSET, 4, -3_000, weights, 500, 900, 11, 12_345_678_901L, 300, 40);
        assertEquals(4, RiskAdminRecords.version(buffer, OFFSET));
        assertEquals(-3_000, RiskAdminRecords.modelBiasMilli(buffer, OFFSET));
        for (int i = 0; i < weights.length; i++)
        {
            assertEquals(weights[i], RiskAdminRecords.modelWeightMilli(buffer, OFFSET, i));
        }
        assertEquals(500, RiskAdminRecords.modelReviewScore(buffer, OFFSET));
        assertEquals(900, RiskAdminRecords.modelDeclineScore(buffer, OFFSET));
        assertEquals(11, RiskAdminRecords.modelVelocityCountMax(buffer, OFFSET));
        assertEquals(12_345_678_901L, RiskAdminRecords.modelVelocityAmountMaxMinor(buffer, OFFSET));
        assertEquals(300, RiskAdminRecords.modelAveragePercent(buffer, OFFSET));
        assertEquals(40, RiskAdminRecords.modelMerchantCountMax(buffer, OFFSET));

        RiskAdminRecords.writeMerchantCategory(buffer, OFFSET, 5, 7995, -250, true);
        assertEquals(7995, RiskAdminRecords.categoryCode(buffer, OFFSET));
        assertEquals(-250, RiskAdminRecords.categoryWeightMilli(buffer, OFFSET));
        assertEquals(1, RiskAdminRecords.categoryBlocked(buffer, OFFSET));

        RiskAdminRecords.writeTerminal(buffer, OFFSET, 6, "TERM0001", true);
        assertEquals(6, RiskAdminRecords.version(buffer, OFFSET));
        assertEquals(0x5445524D30303031L, RiskAdminRecords.terminalId(buffer, OFFSET));
        assertEquals(1, RiskAdminRecords.terminalBlocked(buffer, OFFSET));

        RiskAdminRecords.writeCurrencyRate(buffer, OFFSET, 7, 978, 840, 61_085_000);
        assertEquals(978, RiskAdminRecords.rateFromCurrency(buffer, OFFSET));
        assertEquals(840, RiskAdminRecords.rateToCurrency(buffer, OFFSET));
        assertEquals(61_085_000, RiskAdminRecords.rate(buffer, OFFSET));
    }

    private AccountRecord readAccount()
    {
        return new AccountRecord(AdminRecords.accountId(buffer, OFFSET), AdminRecords.accountCurrency(buffer, OFFSET),
            AdminRecords.accountBalanceMinor(buffer, OFFSET), AdminRecords.accountCreditLimitMinor(buffer, OFFSET));
    }

    @Test
    void aCutoverRoundTripsWithItsDateAndDailyTime()
    {
        assertEquals(AdminRecords.CUTOVER_LENGTH, AdminRecords.writeCutover(buffer, OFFSET, 20261122, 22 * 3600));

        assertEquals(AdminRecords.TYPE_CUTOVER, AdminRecords.type(buffer, OFFSET, AdminRecords.CUTOVER_LENGTH));
        assertEquals(20261122, AdminRecords.cutoverBusinessDate(buffer, OFFSET));
        assertEquals(22 * 3600, AdminRecords.cutoverSecondOfDay(buffer, OFFSET));
        AdminRecords.writeCutover(buffer, OFFSET, AdminRecords.CUTOVER_NO_DATE, AdminRecords.CUTOVER_KEEP_TIME);
        assertEquals(AdminRecords.CUTOVER_KEEP_TIME, AdminRecords.cutoverSecondOfDay(buffer, OFFSET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"400000000002", "6011000000000000007"})
    void aCardStatusChangeRoundTripsItsPanAndStatus(final String pan)
    {
        assertEquals(AdminRecords.CARD_STATUS_LENGTH, AdminRecords.writeCardStatus(buffer, OFFSET, pan, CardStatus.BLOCKED));

        assertEquals(AdminRecords.TYPE_CARD_STATUS, AdminRecords.type(buffer, OFFSET, AdminRecords.CARD_STATUS_LENGTH));
        assertEquals(pan.length(), AdminRecords.cardPanLength(buffer, OFFSET));
        assertEquals(Pans.key(pan), AdminRecords.cardPanKey(buffer, OFFSET));
        assertEquals(CardStatus.BLOCKED, AdminRecords.cardStatusTarget(buffer, OFFSET));
    }

    @Test
    void anAccountAdjustmentRoundTripsItsSignedAmountAndPaddedReference()
    {
        assertEquals(AdminRecords.ACCOUNT_ADJUSTMENT_LENGTH, AdminRecords.writeAccountAdjustment(buffer, OFFSET,
            ReferenceDataCsv.MAX_ACCOUNT_ID, -ReferenceDataCsv.MAX_AMOUNT_MINOR, 978, "TICKET 7"));

        assertEquals(AdminRecords.TYPE_ACCOUNT_ADJUSTMENT,
            AdminRecords.type(buffer, OFFSET, AdminRecords.ACCOUNT_ADJUSTMENT_LENGTH));
        assertEquals(ReferenceDataCsv.MAX_ACCOUNT_ID, AdminRecords.adjustmentAccountId(buffer, OFFSET));
        assertEquals(-ReferenceDataCsv.MAX_AMOUNT_MINOR, AdminRecords.adjustmentAmountMinor(buffer, OFFSET));
        assertEquals(978, AdminRecords.adjustmentCurrency(buffer, OFFSET));
        assertEquals("TICKET 7", AdminRecords.adjustmentReference(buffer, OFFSET));
        assertTrue(AdminRecords.adjustmentReferenceIsPrintable(buffer, OFFSET));
        AdminRecords.writeAccountAdjustment(buffer, OFFSET, 1, 1, 840, "0123456789ABCDEF");
        assertEquals("0123456789ABCDEF", AdminRecords.adjustmentReference(buffer, OFFSET));
    }

    @Test
    void aReferenceIsOneToSixteenPrintableAsciiCharacters()
    {
        assertTrue(AdminRecords.isReference("x"));
        assertTrue(AdminRecords.isReference("0123456789ABCDEF"));
        assertFalse(AdminRecords.isReference(""));
        assertFalse(AdminRecords.isReference(null));
        assertFalse(AdminRecords.isReference("0123456789ABCDEFG"));
        assertFalse(AdminRecords.isReference("tab\there"));
        assertFalse(AdminRecords.isReference("caf\u00e9"));
        assertThrows(IllegalArgumentException.class,
            () -> AdminRecords.writeAccountAdjustment(buffer, OFFSET, 1, 1, 840, ""));
    }

    @Test
    void aCutoverNowIsItsTypeAlone()
    {
        assertEquals(1, AdminRecords.writeCutoverNow(buffer, OFFSET));
        assertEquals(AdminRecords.TYPE_CUTOVER_NOW, AdminRecords.type(buffer, OFFSET, 1));
    }
}
