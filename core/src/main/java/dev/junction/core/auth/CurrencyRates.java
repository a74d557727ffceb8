package dev.junction.core.auth;

import java.util.Arrays;

/**
 * The conversion rates from a transaction's currency to an account's (cardholder billing) currency,
 * set by journaled admin records ({@code AdminRecords.TYPE_FX_RATE}), with {@link #defaults} for a few
 * pairs until the first such record.
 * <p>
 * A rate is kept as ISO 8583 field 10 writes it, an 8-digit number whose first digit is the count of
 * decimal places of the remaining seven: {@code 61085000} is 1.085000. It says how many major units of
 * the billing currency one major unit of the transaction currency buys. {@link #convert} applies it to
 * minor units with both currencies' exponents, in integer arithmetic only, and rounds to the nearest
 * minor unit with an exact half rounded <em>down</em>: the cardholder is never charged the half unit.
 * <p>
 * A fixed table of at most {@code capacity} pairs, kept sorted by pair so that a look-up is a binary
 * search and the digest is in one order whatever the order of the records. Authorizer-thread only;
 * looking up and converting allocate nothing.
 */
public final class CurrencyRates
{
    /** {@link #rate} result: no rate for the pair. */
    public static final int NONE = 0;
    /** {@link #convert} result: the converted amount does not fit 12 digits (field 6). */
    public static final long TOO_LARGE = -1;
    /** The largest billing amount field 6 carries. */
    public static final long MAX_BILLING_MINOR = 999_999_999_999L;

    private static final int MAX_DECIMALS = 7;
    private static final int MANTISSA_LIMIT = 10_000_000;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L};

    private final int capacity;
    private final int[] pairs;
    private final int[] rates;
    private int count;

    public CurrencyRates(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("rate capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        pairs = new int[capacity];
        rates = new int[capacity];
    }

    /**
     * The rates in force until an admin record sets one: EUR, GBP, CHF, JPY and BHD to USD, USD to EUR
     * and JPY, EUR to GBP. Illustrative values, to be replaced by the operator's daily rates.
     */
    public void defaults()
    {
        set(978, 840, 61_085_000);
        set(826, 840, 61_270_000);
        set(756, 840, 61_120_000);
        set(392, 840, 70_067_000);
        set(48, 840, 62_659_000);
        set(840, 978, 60_920_000);
        set(840, 392, 41_500_000);
        set(978, 826, 60_860_000);
    }

    /** @return whether {@code rate} is a field 10 value: a decimal count 0-7 and a mantissa above zero. */
    public static boolean isValidRate(final int rate)
    {
        return rate > 0 && rate / MANTISSA_LIMIT <= MAX_DECIMALS && rate % MANTISSA_LIMIT > 0;
    }

    /** @return whether {@link #set} would succeed, changing nothing. */
    public boolean canSet(final int fromCurrency, final int toCurrency, final int rate)
    {
        if (Currencies.exponent(fromCurrency) == Currencies.UNKNOWN ||
            Currencies.exponent(toCurrency) == Currencies.UNKNOWN || fromCurrency == toCurrency ||
            rate != NONE && !isValidRate(rate))
        {
            return false;
        }
        return rate == NONE || count < capacity || rate(fromCurrency, toCurrency) != NONE;
    }

    /**
     * Sets the rate of a pair, or removes it when {@code rate} is {@link #NONE}.
     *
     * @return false when the rate is not valid, a currency's exponent is unknown, or the table is full.
     */
    public boolean set(final int fromCurrency, final int toCurrency, final int rate)
    {
        if (!canSet(fromCurrency, toCurrency, rate))
        {
            return false;
        }
        final int pair = pair(fromCurrency, toCurrency);
        final int at = Arrays.binarySearch(pairs, 0, count, pair);
        if (at >= 0)
        {
            if (rate == NONE)
            {
                System.arraycopy(pairs, at + 1, pairs, at, count - at - 1);
                System.arraycopy(rates, at + 1, rates, at, count - at - 1);
                count--;
            }
            else
            {
                rates[at] = rate;
            }
            return true;
        }
        if (rate == NONE)
        {
            return true;
        }
        final int insert = -at - 1;
        System.arraycopy(pairs, insert, pairs, insert + 1, count - insert);
        System.arraycopy(rates, insert, rates, insert + 1, count - insert);
        pairs[insert] = pair;
        rates[insert] = rate;
        count++;
        return true;
    }

    /** @return the field 10 rate from one currency to another, {@link #NONE} when none is set. */
    public int rate(final int fromCurrency, final int toCurrency)
    {
        final int at = Arrays.binarySearch(pairs, 0, count, pair(fromCurrency, toCurrency));
        return at >= 0 ? rates[at] : NONE;
    }

    public int count()
    {
        return count;
    }

    /**
     * Converts minor units of one currency into minor units of another at a field 10 {@code rate}:
     * amount × mantissa × 10^exponent(to) / (10^decimals × 10^exponent(from)), rounded to the nearest
     * minor unit, an exact half down.
     *
     * @return the converted amount, or {@link #TOO_LARGE} when it exceeds {@link #MAX_BILLING_MINOR}.
     */
    public static long convert(final long amountMinor, final int fromCurrency, final int toCurrency, final int rate)
    {
        final long mantissa = rate % MANTISSA_LIMIT;
        final int shift = rate / MANTISSA_LIMIT + Currencies.exponent(fromCurrency) - Currencies.exponent(toCurrency);
        if (shift <= 0)
        {
            final long scaled = multiply(amountMinor, mantissa);
            return scaled < 0 ? TOO_LARGE : multiply(scaled, POWERS_OF_TEN[-shift]);
        }
        // amount = whole × divisor + rest, so amount × mantissa / divisor
        //        = whole × mantissa + rest × mantissa / divisor, with rest × mantissa < 10^10 × 10^7:
        // nothing overflows on the way.
        final long divisor = POWERS_OF_TEN[shift];
        final long whole = multiply(amountMinor / divisor, mantissa);
        if (whole < 0)
        {
            return TOO_LARGE;
        }
        final long restScaled = amountMinor % divisor * mantissa;
        final long fraction = restScaled % divisor;
        final long rounded = whole + restScaled / divisor + (2 * fraction > divisor ? 1 : 0);
        return rounded > MAX_BILLING_MINOR ? TOO_LARGE : rounded;
    }

    /** Adds the table to a digest, in pair order. */
    long digest(final long seed)
    {
        long hash = StateDigest.mix(seed, count);
        for (int i = 0; i < count; i++)
        {
            hash = StateDigest.mix(hash, (long)pairs[i] << 32 | rates[i]);
        }
        return hash;
    }

    /** @return {@code a × b} when it is at most {@link #MAX_BILLING_MINOR}, else {@link #TOO_LARGE}. */
    private static long multiply(final long a, final long b)
    {
        if (a != 0 && b > MAX_BILLING_MINOR / a)
        {
            return TOO_LARGE;
        }
        final long product = a * b;
        return product > MAX_BILLING_MINOR ? TOO_LARGE : product;
    }

    private static int pair(final int fromCurrency, final int toCurrency)
    {
        return fromCurrency * 1000 + toCurrency;
    }

    /** Writes the rate table, in pair order, for a snapshot. */
    void writeTo(final SnapshotOutput out)
    {
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeInt(pairs[i]);
            out.writeInt(rates[i]);
        }
    }

    void readFrom(final SnapshotInput in)
    {
        count = in.readCount(capacity, "currency rates");
        for (int i = 0; i < count; i++)
        {
            pairs[i] = in.readInt();
            rates[i] = in.readInt();
        }
    }
}
