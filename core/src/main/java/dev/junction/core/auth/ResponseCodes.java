package dev.junction.core.auth;

/**
 * ISO 8583 field 39 response codes the switch answers with, as their two-digit numeric value
 * (the encoder writes them as two ASCII digits). {@link #NONE} marks an event that is not answered.
 */
public final class ResponseCodes
{
    public static final int NONE = -1;
    public static final int APPROVED = 0;
    public static final int DO_NOT_HONOUR = 5;
    public static final int INVALID_TRANSACTION = 12;
    public static final int INVALID_AMOUNT = 13;
    public static final int INVALID_CARD_NUMBER = 14;
    public static final int ORIGINAL_NOT_FOUND = 25;
    public static final int FORMAT_ERROR = 30;
    public static final int LOST_CARD = 41;
    public static final int STOLEN_CARD = 43;
    public static final int INSUFFICIENT_FUNDS = 51;
    public static final int EXPIRED_CARD = 54;
    public static final int NOT_PERMITTED_TO_CARDHOLDER = 57;
    public static final int SUSPECTED_FRAUD = 59;
    public static final int EXCEEDS_AMOUNT_LIMIT = 61;
    public static final int RESTRICTED_CARD = 62;
    /** Refused at the network door: unknown institution, wrong address or institution, a missing or bad MAC. */
    public static final int SECURITY_VIOLATION = 63;
    public static final int EXCEEDS_FREQUENCY_LIMIT = 65;
    public static final int SYSTEM_UNAVAILABLE = 91;
    public static final int DUPLICATE_TRANSMISSION = 94;
    public static final int SYSTEM_MALFUNCTION = 96;

    private ResponseCodes()
    {
    }

    /** @return the two-character form used on the wire and in operator output, e.g. "05". */
    public static String text(final int code)
    {
        if (code < 0 || code > 99)
        {
            return "--";
        }
        return code < 10 ? "0" + code : Integer.toString(code);
    }
}
