package dev.junction.core.iso;

/**
 * The outcomes of {@link IsoMessage#wrap}: plain ints so that decoding a hostile message costs no
 * exception and no allocation. The switch maps anything but {@link #OK} to a "30 format error"
 * answer when the message is addressable, and drops it otherwise.
 */
public final class IsoDecodeStatus
{
    /** The whole message decoded and every byte was used. */
    public static final int OK = 0;
    /** Fewer than the 2 bytes of the BCD message type indicator. */
    public static final int TRUNCATED_MTI = 1;
    /** The message type indicator has a nibble above 9. */
    public static final int INVALID_MTI = 2;
    /** The primary bitmap, or the secondary bitmap that bit 1 announces, is cut short. */
    public static final int TRUNCATED_BITMAP = 3;
    /** A field, or its length prefix, runs past the end of the message. */
    public static final int TRUNCATED_FIELD = 4;
    /** An LL/LLL length prefix is not BCD or exceeds the field's maximum length. */
    public static final int INVALID_LENGTH = 5;
    /** A numeric or amount field holds a digit nibble above 9 (pad nibbles are not checked). */
    public static final int INVALID_BCD = 6;
    /**
     * A bitmap announces a field the dialect cannot decode. The ISO87B dictionary defines every field
     * 2..128 and has no tertiary bitmap (bit 65 is data element 65, one binary byte), so decoding
     * never reports it today; it exists for callers that map every status to an answer.
     */
    public static final int UNSUPPORTED_FIELD = 7;
    /** Every announced field decoded but bytes remain after the last one. */
    public static final int TRAILING_BYTES = 8;

    private IsoDecodeStatus()
    {
    }

    /**
     * @param status one of the constants of this class.
     * @return its name, for logs; "UNKNOWN(n)" for anything else.
     */
    public static String describe(final int status)
    {
        switch (status)
        {
            case OK:
                return "OK";
            case TRUNCATED_MTI:
                return "TRUNCATED_MTI";
            case INVALID_MTI:
                return "INVALID_MTI";
            case TRUNCATED_BITMAP:
                return "TRUNCATED_BITMAP";
            case TRUNCATED_FIELD:
                return "TRUNCATED_FIELD";
            case INVALID_LENGTH:
                return "INVALID_LENGTH";
            case INVALID_BCD:
                return "INVALID_BCD";
            case UNSUPPORTED_FIELD:
                return "UNSUPPORTED_FIELD";
            case TRAILING_BYTES:
                return "TRAILING_BYTES";
            default:
                return "UNKNOWN(" + status + ")";
        }
    }
}
