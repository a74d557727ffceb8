package dev.junction.core.refdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a PAN is shown to people, keyed for lookup and given its check digit. */
class PansTest
{
    @Test
    void aSixteenDigitPanShowsItsFirstSixAndLastFourDigits()
    {
        assertEquals("411111******1111", Pans.mask("4111111111111111"));
    }

    @Test
    void aNineteenDigitPanShowsItsFirstSixAndLastFourDigits()
    {
        assertEquals("601100*********0007", Pans.mask("6011000000000000007"));
    }

    @Test
    void aTwelveDigitPanShowsItsFirstSixAndLastFourDigits()
    {
        assertEquals("400000**0002", Pans.mask("400000000002"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4", "4111", "4111111111", "41111111112"})
    void anInputShorterThanAnyPanIsMaskedEntirely(final String text)
    {
        // Eleven digits with one hidden would give the last one away through the Luhn check.
        assertEquals("*".repeat(text.length()), Pans.mask(text));
    }

    @Test
    void maskingShowsTenCharactersOfTextAsLongAsAPanAndNoneOfShorterText()
    {
        final String digits = "12345678901234567890123456789";
        for (int length = 0; length <= digits.length(); length++)
        {
            final String masked = Pans.mask(digits.substring(0, length));
            assertEquals(length, masked.length());
            final long shown = masked.chars().filter(c -> c != '*').count();
            assertEquals(length < Pans.MIN_DIGITS ? 0 : 10, shown, masked);
        }
    }

    @Test
    void aNullPanIsShownAsNull()
    {
        assertEquals("null", Pans.mask(null));
    }

    @Test
    void aKeyIsThePansValueForEveryLengthFrom12To19()
    {
        final String digits = "4123456789012345678";
        for (int length = Pans.MIN_DIGITS; length <= Pans.MAX_DIGITS; length++)
        {
            final String pan = digits.substring(0, length);
            assertEquals(Long.parseUnsignedLong(pan), Pans.key(pan), pan);
        }
    }

    @Test
    void theLargestNineteenDigitPanKeysAsAnUnsignedValue()
    {
        final long key = Pans.key("9999999999999999999");

        assertEquals(Long.parseUnsignedLong("9999999999999999999"), key);
        assertEquals("9999999999999999999", Long.toUnsignedString(key));
    }

    @Test
    void nineteenDigitPansAboveTheSignedRangeKeepDistinctKeys()
    {
        final long low = Pans.key("9223372036854775807");
        final long high = Pans.key("9223372036854775808");

        assertEquals(Long.MAX_VALUE, low);
        assertEquals(Long.MIN_VALUE, high);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "41111111111", "41111111111111111111", "0411111111111111", "4111x11111111111",
        "4111 111111111111", "-411111111111111", "+411111111111111", "\u0664111111111111111"})
    void aTextThatIsNotTwelveToNineteenDigitsWithoutALeadingZeroHasNoKey(final String text)
    {
        assertEquals(-1, Pans.key(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "378282246310005", "5555555555554444", "6011111111111117",
        "4000000000000069", "79927398713"})
    void theLuhnCheckDigitOfKnownNumbersIsTheirLastDigit(final String number)
    {
        final int last = number.length() - 1;
        assertEquals(number.charAt(last) - '0', Pans.luhnCheckDigit(number.substring(0, last)));
    }

    @Test
    void changingOneDigitChangesTheLuhnCheckDigit()
    {
        assertEquals(1, Pans.luhnCheckDigit("411111111111111"));
        assertEquals(9, Pans.luhnCheckDigit("411111111111112"));
    }
}
