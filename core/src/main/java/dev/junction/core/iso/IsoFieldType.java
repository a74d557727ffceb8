package dev.junction.core.iso;

/**
 * How a data element travels on the wire in the ISO 8583:1987 binary dialect that jPOS
 * {@code ISO87BPackager} writes. {@link IsoFields} assigns one to every field; {@link IsoMessage}
 * and {@link IsoWriter} switch on it to find a field's extent and encoding.
 *
 * <p>Only the encodings that this dialect uses exist here: it has no variable-length numeric
 * field with an LLL prefix and no variable-length binary field.
 */
public enum IsoFieldType
{
    /** BCD digits, fixed count; an odd count is left-padded with one nibble (jPOS IFB_NUMERIC). */
    NUMERIC_FIXED(0),
    /** 1-byte BCD digit count, then BCD digits; an odd count is right-padded (jPOS IFB_LLNUM). */
    NUMERIC_LLVAR(1),
    /** ISO-8859-1 characters, fixed count, right-padded with spaces (jPOS IF_CHAR). */
    CHAR_FIXED(0),
    /** 1-byte BCD character count, then the characters (jPOS IFB_LLCHAR). */
    CHAR_LLVAR(1),
    /** 2-byte BCD character count, then the characters (jPOS IFB_LLLCHAR). */
    CHAR_LLLVAR(2),
    /** Raw bytes, fixed count (jPOS IFB_BINARY). */
    BINARY_FIXED(0),
    /**
     * One ASCII sign byte ('C' credit, 'D' debit) then maxLength - 1 BCD digits (jPOS IFB_AMOUNT):
     * the maximum length counts the sign as one unit.
     */
    AMOUNT(0);

    private final int prefixLength;

    IsoFieldType(final int prefixLength)
    {
        this.prefixLength = prefixLength;
    }

    /**
     * @return bytes of the BCD length prefix in front of the value: 0 for fixed fields, 1 for LL, 2 for LLL.
     */
    public int prefixLength()
    {
        return prefixLength;
    }

    /**
     * @return true when the value's length travels in a prefix rather than being fixed by the dictionary.
     */
    public boolean isVariable()
    {
        return prefixLength != 0;
    }

    /**
     * @return true when the value is BCD digits (numeric fields; not {@link #AMOUNT}, which has a sign byte).
     */
    public boolean isNumeric()
    {
        return this == NUMERIC_FIXED || this == NUMERIC_LLVAR;
    }

    /**
     * @return true when the value is characters, one byte each.
     */
    public boolean isChar()
    {
        return this == CHAR_FIXED || this == CHAR_LLVAR || this == CHAR_LLLVAR;
    }
}
