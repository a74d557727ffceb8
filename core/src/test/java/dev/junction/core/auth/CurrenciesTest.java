package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TestRequest;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * Currency conversion under the built-in rates (EUR→USD 1.085, JPY→USD 0.0067, USD→JPY 150, BHD→USD
 * 2.659), one behaviour per test. {@link #DOLLAR_CARD} bills in USD, {@link #YEN_CARD} in JPY.
 */
class CurrenciesTest
{
    static final String DOLLAR_CARD = "4000000000000101";
    static final String YEN_CARD = "4000000000000102";
    static final long DOLLAR_BALANCE = 10_000_000;

    private final Lifecycle lifecycle = new Lifecycle();

    CurrenciesTest()
    {
        lifecycle.admin(new AccountRecord(20, 840, DOLLAR_BALANCE, 0));
        lifecycle.admin(new AccountRecord(30, 392, 1_000_000, 0));
        lifecycle.admin(new CardRecord(DOLLAR_CARD, 20, 3012, CardStatus.ACTIVE));
        lifecycle.admin(new CardRecord(YEN_CARD, 30, 3012, CardStatus.ACTIVE));
    }

    @Test
    void aEuroPurchaseOnADollarAccountPostsTheConvertedAmountAndAnswersFields6_10_51()
    {
        final Decision decision = lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 1), "978"));

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(10_850, decision.billingAmountMinor());
        assertEquals(840, decision.billingCurrencyCode());
        assertEquals(61_085_000, decision.conversionRate());
        assertEquals(10_850, decision.amountMinor());
        assertEquals(DOLLAR_BALANCE - 10_850, lifecycle.balance(20));

        final IsoMessage answer = answer();
        assertEquals(10_000, answer.numeric(IsoFields.AMOUNT_TRANSACTION));
        assertEquals(10_850, answer.numeric(ResponseEncoder.AMOUNT_BILLING));
        assertEquals(61_085_000, answer.numeric(ResponseEncoder.CONVERSION_RATE_BILLING));
        assertEquals("840", text(answer, ResponseEncoder.CURRENCY_BILLING));
        assertEquals("978", text(answer, IsoFields.CURRENCY_TRANSACTION));
    }

    @Test
    void aPurchaseInTheAccountsCurrencyAnswersNoBillingFields()
    {
        lifecycle.send(Lifecycle.purchase(DOLLAR_CARD, 10_000, 1));

        final IsoMessage answer = answer();
        assertFalse(answer.has(ResponseEncoder.AMOUNT_BILLING));
        assertFalse(answer.has(ResponseEncoder.CONVERSION_RATE_BILLING));
        assertFalse(answer.has(ResponseEncoder.CURRENCY_BILLING));
    }

    @Test
    void jpyHasNoMinorUnits()
    {
        assertEquals(0, Currencies.exponent(392));
        // 10,000 yen at 0.0067 is 67.00 dollars; 10.00 dollars at 150 is 1,500 yen.
        assertEquals(6_700, lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 1), "392"))
            .billingAmountMinor());
        assertEquals(1_500, lifecycle.send(inCurrency(Lifecycle.purchase(YEN_CARD, 1_000, 2), "840"))
            .billingAmountMinor());
        assertEquals(1_000_000 - 1_500, lifecycle.balance(30));
    }

    @Test
    void bhdHasThreeMinorUnits()
    {
        assertEquals(3, Currencies.exponent(48));
        // 1.000 dinar at 2.659 is 2.659 dollars: 265.9 cents, 266.
        assertEquals(266, CurrencyRates.convert(1_000, 48, 840, 62_659_000));
    }

    @Test
    void anExactHalfMinorUnitRoundsDownInTheCardholdersFavourAndOtherFractionsToTheNearest()
    {
        final int oneAndAHalf = 61_500_000;
        assertEquals(1, CurrencyRates.convert(1, 978, 840, oneAndAHalf));
        assertEquals(4, CurrencyRates.convert(3, 978, 840, oneAndAHalf));
        assertEquals(2, CurrencyRates.convert(1, 978, 840, 61_600_000));
        assertEquals(1, CurrencyRates.convert(1, 978, 840, 61_400_000));
    }

    @Test
    void theLargestAmountsConvertWithoutOverflowOrAreRefusedWhenBeyondField6()
    {
        assertEquals(976_500_000_000L, CurrencyRates.convert(900_000_000_000L, 978, 840, 61_085_000));
        assertEquals(669_999_999_999L, CurrencyRates.convert(999_999_999_999L, 392, 840, 70_067_000));
        assertEquals(CurrencyRates.TOO_LARGE, CurrencyRates.convert(999_999_999_999L, 978, 840, 61_085_000));
        assertEquals(CurrencyRates.TOO_LARGE, CurrencyRates.convert(999_999_999_999L, 840, 392, 41_500_000));
        assertEquals(ResponseCodes.INVALID_AMOUNT, lifecycle.send(inCurrency(
            Lifecycle.purchase(YEN_CARD, 999_999_999_999L, 1), "840")).responseCode());
    }

    @Test
    void anAmountThatConvertsToNothingIsDeclined13()
    {
        RiskRecords.rate(lifecycle, 1, 392, 840, 70_000_010);

        final Decision decision = lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 1, 1), "392"));

        assertEquals(ResponseCodes.INVALID_AMOUNT, decision.responseCode());
        assertEquals(DOLLAR_BALANCE, lifecycle.balance(20));
    }

    @Test
    void aRateSetByAnAdminEventReplacesTheDefaultForLaterRequests()
    {
        lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 1), "978"));

        assertEquals(Decision.ADMIN_CREATED, RiskRecords.rate(lifecycle, 1, 978, 840, 61_200_000));
        final Decision decision = lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 2), "978"));

        assertEquals(12_000, decision.billingAmountMinor());
        assertEquals(1, decision.rulesVersion());
        assertEquals(DOLLAR_BALANCE - 10_850 - 12_000, lifecycle.balance(20));
    }

    @Test
    void removingARateDeclinesThatCurrencyWith12()
    {
        assertEquals(Decision.ADMIN_CREATED, RiskRecords.rate(lifecycle, 1, 978, 840, CurrencyRates.NONE));

        assertEquals(ResponseCodes.INVALID_TRANSACTION,
            lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 1), "978")).responseCode());
    }

    @Test
    void aRateForAnUnknownCurrencyOrWithMoreThanSevenDecimalsIsRejected()
    {
        assertEquals(Decision.ADMIN_REJECTED, RiskRecords.rate(lifecycle, 1, 999, 840, 61_000_000));
        assertEquals(Decision.ADMIN_REJECTED, RiskRecords.rate(lifecycle, 1, 978, 840, 81_000_000));
        assertEquals(Decision.ADMIN_REJECTED, RiskRecords.rate(lifecycle, 1, 978, 840, 60_000_000));
    }

    @Test
    void limitsApplyToTheAmountInTheAccountsCurrency()
    {
        RiskRecords.cardLimits(lifecycle, DOLLAR_CARD, 10_000, 0, 0);

        assertEquals(ResponseCodes.APPROVED, lifecycle.send(Lifecycle.purchase(DOLLAR_CARD, 10_000, 1)).responseCode());
        assertEquals(ResponseCodes.EXCEEDS_AMOUNT_LIMIT,
            lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 2), "978")).responseCode());
    }

    @Test
    void aCompletionOfAConvertedAuthorizationCapturesAtTheAuthorizationsRate()
    {
        final Decision authorization = lifecycle.send(inCurrency(Lifecycle.authorization(DOLLAR_CARD, 10_000, 1), "978"));
        final long authorizationId = authorization.authorizationId();
        assertEquals(10_850, lifecycle.holds(20));
        RiskRecords.rate(lifecycle, 1, 978, 840, 62_000_000);

        final Decision completion = lifecycle.send(inCurrency(
            Lifecycle.completion(DOLLAR_CARD, 5_000, 2, authorizationId), "978"));

        assertEquals(ResponseCodes.APPROVED, completion.responseCode());
        assertEquals(5_425, completion.billingAmountMinor());
        assertEquals(61_085_000, completion.conversionRate());
        assertEquals(0, lifecycle.holds(20));
        assertEquals(DOLLAR_BALANCE - 5_425, lifecycle.balance(20));
    }

    @Test
    void aCompletionOfAConvertedAuthorizationInAnotherCurrencyThanItsOwnIsDeclined12()
    {
        final long authorizationId = lifecycle.send(inCurrency(Lifecycle.authorization(DOLLAR_CARD, 10_000, 1), "978"))
            .authorizationId();

        assertEquals(ResponseCodes.INVALID_TRANSACTION,
            lifecycle.send(Lifecycle.completion(DOLLAR_CARD, 5_000, 2, authorizationId)).responseCode());
        assertEquals(10_850, lifecycle.holds(20));
    }

    @Test
    void aPartialReversalOfAConvertedPurchaseConvertsWhatStandsAtThePurchasesRate()
    {
        lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 1), "978"));

        // 40.00 euros stand: 43.40 dollars; 65.10 dollars come back.
        final Decision reversal = lifecycle.send(Lifecycle.partialReversal(400, DOLLAR_CARD, 10_000, 2, 200, 1, 4_000));

        assertEquals(ResponseCodes.APPROVED, reversal.responseCode());
        assertEquals(6_510, reversal.balanceDeltaMinor());
        assertEquals(DOLLAR_BALANCE - 4_340, lifecycle.balance(20));
    }

    @Test
    void aRefundInAnotherCurrencyCreditsTheConvertedAmount()
    {
        lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 1), "978"));

        final Decision refund = lifecycle.send(inCurrency(Lifecycle.refundByRrn(DOLLAR_CARD, 5_000, 2, 1), "978"));

        assertEquals(ResponseCodes.APPROVED, refund.responseCode());
        assertEquals(5_425, refund.balanceDeltaMinor());
    }

    @Test
    void aBalanceInquiryInAnotherCurrencyIsDeclined12()
    {
        assertEquals(ResponseCodes.INVALID_TRANSACTION,
            lifecycle.send(inCurrency(Lifecycle.inquiry(100, DOLLAR_CARD, 1), "978")).responseCode());
    }

    @Test
    void theLargestAnswerStillFitsTheResponseBuffer()
    {
        lifecycle.send(inCurrency(Lifecycle.partialReversal(400, DOLLAR_CARD, 10_000, 2, 200, 1, 4_000), "978")
            .with(IsoFields.PAN, "6011000000000000007").with(IsoFields.RRN, "RRN000000001"));
        lifecycle.send(inCurrency(Lifecycle.purchase(DOLLAR_CARD, 10_000, 3), "978")
            .with(IsoFields.ORIGINAL_DATA, Lifecycle.originalData(200, 1))
            .with(IsoFields.REPLACEMENT_AMOUNTS, "0".repeat(24) + " ".repeat(18)));

        final TransactionEvent event = lifecycle.lastEvent();
        final int length = new ResponseEncoder().encode(event.request(), event.decision(), event.response(), 0);
        assertTrue(length < TransactionEvent.RESPONSE_CAPACITY / 2, "answer of " + length + " bytes");
        assertTrue(answer().has(ResponseEncoder.AMOUNT_BILLING));
    }

    private IsoMessage answer()
    {
        final TransactionEvent event = lifecycle.lastEvent();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[TransactionEvent.RESPONSE_CAPACITY]);
        final int length = new ResponseEncoder().encode(event.request(), event.decision(), buffer, 0);
        final IsoMessage answer = new IsoMessage();
        assertEquals(IsoDecodeStatus.OK, answer.wrap(buffer, 0, length));
        return answer;
    }

    private static String text(final IsoMessage message, final int field)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < message.digitCount(field); i++)
        {
            text.append((char)message.charAt(field, i));
        }
        return text.toString();
    }

    private static TestRequest inCurrency(final TestRequest request, final String currency)
    {
        return request.with(IsoFields.CURRENCY_TRANSACTION, currency);
    }
}
