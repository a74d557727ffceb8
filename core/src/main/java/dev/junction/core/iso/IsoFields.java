package dev.junction.core.iso;

import static dev.junction.core.iso.IsoFieldType.AMOUNT;
import static dev.junction.core.iso.IsoFieldType.BINARY_FIXED;
import static dev.junction.core.iso.IsoFieldType.CHAR_FIXED;
import static dev.junction.core.iso.IsoFieldType.CHAR_LLLVAR;
import static dev.junction.core.iso.IsoFieldType.CHAR_LLVAR;
import static dev.junction.core.iso.IsoFieldType.NUMERIC_FIXED;
import static dev.junction.core.iso.IsoFieldType.NUMERIC_LLVAR;

/**
 * The field dictionary of Junction's wire dialect: all 128 data elements of ISO 8583:1987 as jPOS
 * {@code ISO87BPackager} defines them (a test holds every entry against jPOS), plus named constants
 * for the fields the switch reads and writes. Used by {@link IsoMessage}, {@link IsoWriter} and
 * anything that needs to know a field's shape.
 */
public final class IsoFields
{
    /** Highest data element number; there is no tertiary bitmap. */
    public static final int MAX_FIELD = 128;

    /** Primary account number. */
    public static final int PAN = 2;
    /** Processing code. */
    public static final int PROCESSING_CODE = 3;
    /** Transaction amount in minor units of {@link #CURRENCY_TRANSACTION}. */
    public static final int AMOUNT_TRANSACTION = 4;
    /** Transmission date and time, MMDDhhmmss. */
    public static final int TRANSMISSION_DATE_TIME = 7;
    /** System trace audit number. */
    public static final int STAN = 11;
    /** Local transaction time, hhmmss. */
    public static final int LOCAL_TIME = 12;
    /** Local transaction date, MMDD. */
    public static final int LOCAL_DATE = 13;
    /** Card expiration date, YYMM. */
    public static final int EXPIRATION_DATE = 14;
    /** Merchant type (MCC). */
    public static final int MERCHANT_TYPE = 18;
    /** Acquiring institution country code. */
    public static final int ACQUIRER_COUNTRY = 19;
    /** Point of service entry mode. */
    public static final int POS_ENTRY_MODE = 22;
    /** Acquiring institution identification code. */
    public static final int ACQUIRER_ID = 32;
    /** Track 2 data. */
    public static final int TRACK_2 = 35;
    /** Retrieval reference number. */
    public static final int RRN = 37;
    /** Authorization identification response. */
    public static final int AUTH_ID = 38;
    /** Response code. */
    public static final int RESPONSE_CODE = 39;
    /** Card acceptor terminal identification. */
    public static final int TERMINAL_ID = 41;
    /** Card acceptor identification code. */
    public static final int MERCHANT_ID = 42;
    /** Card acceptor name and location. */
    public static final int CARD_ACCEPTOR_NAME = 43;
    /** Track 1 data. */
    public static final int TRACK_1 = 45;
    /** Transaction currency code. */
    public static final int CURRENCY_TRANSACTION = 49;
    /** PIN block. */
    public static final int PIN_DATA = 52;
    /** Additional amounts. */
    public static final int ADDITIONAL_AMOUNTS = 54;
    /** Network management information code (001 sign-on, 002 sign-off, 301 echo). */
    public static final int NETWORK_MGMT_CODE = 70;
    /** Original data elements (reversals). */
    public static final int ORIGINAL_DATA = 90;
    /** Replacement amounts (partial reversals). */
    public static final int REPLACEMENT_AMOUNTS = 95;
    /** Message authentication code on a message with a secondary bitmap. */
    public static final int MAC_SECONDARY = 128;

    private static final IsoFieldSpec[] SPECS = new IsoFieldSpec[MAX_FIELD + 1];

    static
    {
        define(2, NUMERIC_LLVAR, 19, "Primary account number");
        define(3, NUMERIC_FIXED, 6, "Processing code");
        define(4, NUMERIC_FIXED, 12, "Amount, transaction");
        define(5, NUMERIC_FIXED, 12, "Amount, settlement");
        define(6, NUMERIC_FIXED, 12, "Amount, cardholder billing");
        define(7, NUMERIC_FIXED, 10, "Transmission date and time");
        define(8, NUMERIC_FIXED, 8, "Amount, cardholder billing fee");
        define(9, NUMERIC_FIXED, 8, "Conversion rate, settlement");
        define(10, NUMERIC_FIXED, 8, "Conversion rate, cardholder billing");
        define(11, NUMERIC_FIXED, 6, "System trace audit number");
        define(12, NUMERIC_FIXED, 6, "Time, local transaction");
        define(13, NUMERIC_FIXED, 4, "Date, local transaction");
        define(14, NUMERIC_FIXED, 4, "Date, expiration");
        define(15, NUMERIC_FIXED, 4, "Date, settlement");
        define(16, NUMERIC_FIXED, 4, "Date, conversion");
        define(17, NUMERIC_FIXED, 4, "Date, capture");
        define(18, NUMERIC_FIXED, 4, "Merchant type");
        define(19, NUMERIC_FIXED, 3, "Acquiring institution country code");
        define(20, NUMERIC_FIXED, 3, "PAN extended country code");
        define(21, NUMERIC_FIXED, 3, "Forwarding institution country code");
        define(22, NUMERIC_FIXED, 3, "Point of service entry mode");
        define(23, NUMERIC_FIXED, 3, "Card sequence number");
        define(24, NUMERIC_FIXED, 3, "Network international identifier");
        define(25, NUMERIC_FIXED, 2, "Point of service condition code");
        define(26, NUMERIC_FIXED, 2, "Point of service PIN capture code");
        define(27, NUMERIC_FIXED, 1, "Authorization identification response length");
        define(28, AMOUNT, 9, "Amount, transaction fee");
        define(29, AMOUNT, 9, "Amount, settlement fee");
        define(30, AMOUNT, 9, "Amount, transaction processing fee");
        define(31, AMOUNT, 9, "Amount, settlement processing fee");
        define(32, NUMERIC_LLVAR, 11, "Acquiring institution identification code");
        define(33, NUMERIC_LLVAR, 11, "Forwarding institution identification code");
        define(34, CHAR_LLVAR, 28, "PAN extended");
        define(35, NUMERIC_LLVAR, 37, "Track 2 data");
        define(36, CHAR_LLLVAR, 104, "Track 3 data");
        define(37, CHAR_FIXED, 12, "Retrieval reference number");
        define(38, CHAR_FIXED, 6, "Authorization identification response");
        define(39, CHAR_FIXED, 2, "Response code");
        define(40, CHAR_FIXED, 3, "Service restriction code");
        define(41, CHAR_FIXED, 8, "Card acceptor terminal identification");
        define(42, CHAR_FIXED, 15, "Card acceptor identification code");
        define(43, CHAR_FIXED, 40, "Card acceptor name/location");
        define(44, CHAR_LLVAR, 25, "Additional response data");
        define(45, CHAR_LLVAR, 76, "Track 1 data");
        define(46, CHAR_LLLVAR, 999, "Additional data, ISO");
        define(47, CHAR_LLLVAR, 999, "Additional data, national");
        define(48, CHAR_LLLVAR, 999, "Additional data, private");
        define(49, CHAR_FIXED, 3, "Currency code, transaction");
        define(50, CHAR_FIXED, 3, "Currency code, settlement");
        define(51, CHAR_FIXED, 3, "Currency code, cardholder billing");
        define(52, BINARY_FIXED, 8, "PIN data");
        define(53, NUMERIC_FIXED, 16, "Security related control information");
        define(54, CHAR_LLLVAR, 120, "Additional amounts");
        for (int field = 55; field <= 63; field++)
        {
            define(field, CHAR_LLLVAR, 999, field <= 56 ? "Reserved, ISO" : field <= 59 ? "Reserved, national" : "Reserved, private");
        }
        define(64, BINARY_FIXED, 8, "Message authentication code");
        define(65, BINARY_FIXED, 1, "Bitmap, extended");
        define(66, NUMERIC_FIXED, 1, "Settlement code");
        define(67, NUMERIC_FIXED, 2, "Extended payment code");
        define(68, NUMERIC_FIXED, 3, "Receiving institution country code");
        define(69, NUMERIC_FIXED, 3, "Settlement institution country code");
        define(70, NUMERIC_FIXED, 3, "Network management information code");
        define(71, NUMERIC_FIXED, 4, "Message number");
        define(72, NUMERIC_FIXED, 4, "Message number, last");
        define(73, NUMERIC_FIXED, 6, "Date, action");
        define(74, NUMERIC_FIXED, 10, "Credits, number");
        define(75, NUMERIC_FIXED, 10, "Credits reversal, number");
        define(76, NUMERIC_FIXED, 10, "Debits, number");
        define(77, NUMERIC_FIXED, 10, "Debits reversal, number");
        define(78, NUMERIC_FIXED, 10, "Transfer, number");
        define(79, NUMERIC_FIXED, 10, "Transfer reversal, number");
        define(80, NUMERIC_FIXED, 10, "Inquiries, number");
        define(81, NUMERIC_FIXED, 10, "Authorizations, number");
        define(82, NUMERIC_FIXED, 12, "Credits, processing fee amount");
        define(83, NUMERIC_FIXED, 12, "Credits, transaction fee amount");
        define(84, NUMERIC_FIXED, 12, "Debits, processing fee amount");
        define(85, NUMERIC_FIXED, 12, "Debits, transaction fee amount");
        define(86, NUMERIC_FIXED, 16, "Credits, amount");
        define(87, NUMERIC_FIXED, 16, "Credits reversal, amount");
        define(88, NUMERIC_FIXED, 16, "Debits, amount");
        define(89, NUMERIC_FIXED, 16, "Debits reversal, amount");
        define(90, NUMERIC_FIXED, 42, "Original data elements");
        define(91, CHAR_FIXED, 1, "File update code");
        define(92, CHAR_FIXED, 2, "File security code");
        define(93, CHAR_FIXED, 6, "Response indicator");
        define(94, CHAR_FIXED, 7, "Service indicator");
        define(95, CHAR_FIXED, 42, "Replacement amounts");
        define(96, BINARY_FIXED, 16, "Message security code");
        define(97, AMOUNT, 17, "Amount, net settlement");
        define(98, CHAR_FIXED, 25, "Payee");
        define(99, NUMERIC_LLVAR, 11, "Settlement institution identification code");
        define(100, NUMERIC_LLVAR, 11, "Receiving institution identification code");
        define(101, CHAR_LLVAR, 17, "File name");
        define(102, CHAR_LLVAR, 28, "Account identification 1");
        define(103, CHAR_LLVAR, 28, "Account identification 2");
        define(104, CHAR_LLLVAR, 100, "Transaction description");
        for (int field = 105; field <= 127; field++)
        {
            define(field, CHAR_LLLVAR, 999, field <= 111 ? "Reserved, ISO" : field <= 119 ? "Reserved, national" : "Reserved, private");
        }
        define(128, BINARY_FIXED, 8, "Message authentication code, secondary");
    }

    private IsoFields()
    {
    }

    /**
     * @param field a data element number, 2..128.
     * @return its definition.
     * @throws IllegalArgumentException for a number outside 2..128 (field 1 is the secondary bitmap).
     */
    public static IsoFieldSpec spec(final int field)
    {
        if (field < 2 || field > MAX_FIELD)
        {
            throw new IllegalArgumentException("no data element " + field + ": fields are 2.." + MAX_FIELD);
        }
        return SPECS[field];
    }

    /**
     * The definition without the range check, for the codec's own loops over bitmap bits.
     */
    static IsoFieldSpec specUnchecked(final int field)
    {
        return SPECS[field];
    }

    private static void define(final int field, final IsoFieldType type, final int maxLength, final String name)
    {
        SPECS[field] = new IsoFieldSpec(field, type, maxLength, name);
    }
}
