package dev.junction.core.refdata;

/**
 * PAN handling shared by every place that shows or keys a card number. Nothing outside this class
 * renders a PAN for people, so no log line, error or tool output can show one in full.
 */
public final class Pans
{
    public static final int MIN_DIGITS = 12;
    public static final int MAX_DIGITS = 19;

    private Pans()
    {
    }

    /**
     * @return the first six and last four digits with the rest as '*', e.g. 400000******0010; all '*'
     * for text shorter than any PAN, where so little would be hidden that the Luhn check could restore it.
     */
    public static String mask(final CharSequence pan)
    {
        if (pan == null)
        {
            return "null";
        }
        final int length = pan.length();
        if (length < MIN_DIGITS)
        {
            return "*".repeat(length);
        }
        final StringBuilder masked = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            masked.append(i < 6 || i >= length - 4 ? pan.charAt(i) : '*');
        }
        return masked.toString();
    }

    /**
     * @return the digits as an unsigned 64-bit number (19 digits fit below 2^64), or -1 when the text
     * is not 12 to 19 digits or starts with 0 (a leading zero would make two PANs share a key).
     */
    public static long key(final CharSequence pan)
    {
        final int length = pan.length();
        if (length < MIN_DIGITS || length > MAX_DIGITS || pan.charAt(0) == '0')
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final char c = pan.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** @return the check digit that makes {@code digitsWithoutCheck} pass the Luhn (mod 10) test. */
    public static int luhnCheckDigit(final CharSequence digitsWithoutCheck)
    {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--)
        {
            int digit = digitsWithoutCheck.charAt(i) - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
