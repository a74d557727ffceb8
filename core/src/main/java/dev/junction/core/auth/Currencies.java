package dev.junction.core.auth;

/**
 * ISO 4217 minor-unit exponents of the currencies the switch converts between: an amount of
 * {@code 12345} in USD (exponent 2) is 123.45 dollars, in JPY (exponent 0) 12,345 yen, in BHD
 * (exponent 3) 12.345 dinars. A currency not in this table has no known exponent, so nothing converts
 * to or from it (the request is answered 12). Stateless and allocation-free.
 */
public final class Currencies
{
    /** The exponent of a currency this table does not know. */
    public static final int UNKNOWN = -1;

    private Currencies()
    {
    }

    /** @return the number of minor-unit digits of the ISO 4217 numeric {@code currencyCode}, or {@link #UNKNOWN}. */
    public static int exponent(final int currencyCode)
    {
        switch (currencyCode)
        {
            case 392: // JPY
            case 410: // KRW
            case 704: // VND
            case 152: // CLP
            case 352: // ISK
                return 0;
            case 48:  // BHD
            case 414: // KWD
            case 512: // OMR
            case 400: // JOD
            case 788: // TND
                return 3;
            case 840: // USD
            case 978: // EUR
            case 826: // GBP
            case 756: // CHF
            case 36:  // AUD
            case 124: // CAD
            case 554: // NZD
            case 752: // SEK
            case 578: // NOK
            case 208: // DKK
            case 985: // PLN
            case 203: // CZK
            case 348: // HUF
            case 344: // HKD
            case 702: // SGD
            case 156: // CNY
            case 356: // INR
            case 484: // MXN
            case 986: // BRL
            case 710: // ZAR
            case 949: // TRY
            case 784: // AED
            case 682: // SAR
                return 2;
            default:
                return UNKNOWN;
        }
    }
}
