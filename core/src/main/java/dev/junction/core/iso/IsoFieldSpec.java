package dev.junction.core.iso;

/**
 * The definition of one ISO 8583 data element: its number, encoding, maximum length and a short
 * name. Immutable; the instances live in {@link IsoFields} and are read by the codec on the hot path
 * and by tools that describe messages.
 */
public final class IsoFieldSpec
{
    private final int field;
    private final IsoFieldType type;
    private final int maxLength;
    private final String name;

    IsoFieldSpec(final int field, final IsoFieldType type, final int maxLength, final String name)
    {
        this.field = field;
        this.type = type;
        this.maxLength = maxLength;
        this.name = name;
    }

    /**
     * @return the data element number, 2..128.
     */
    public int field()
    {
        return field;
    }

    /**
     * @return how the element is encoded.
     */
    public IsoFieldType type()
    {
        return type;
    }

    /**
     * The maximum (for variable fields) or exact (for fixed fields) length as jPOS counts it:
     * digits for numeric fields, characters for char fields, bytes for binary fields, and for
     * {@link IsoFieldType#AMOUNT} the sign plus the digits.
     *
     * @return the length in the field's own units.
     */
    public int maxLength()
    {
        return maxLength;
    }

    /**
     * @return a short human-readable name, for logs and dumps.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return bytes of the length prefix: 0, 1 (LL) or 2 (LLL).
     */
    public int prefixLength()
    {
        return type.prefixLength();
    }

    /**
     * The number of value bytes (after any prefix) that a value of {@code units} digits, characters
     * or bytes occupies.
     *
     * @param units the logical length; for {@link IsoFieldType#AMOUNT} ignored, the length is fixed.
     * @return the encoded value length in bytes.
     */
    public int valueLength(final int units)
    {
        switch (type)
        {
            case NUMERIC_FIXED:
            case NUMERIC_LLVAR:
                return (units + 1) >> 1;
            case AMOUNT:
                return 1 + (maxLength >> 1);
            default:
                return units;
        }
    }

    /**
     * @return the largest number of bytes the field can occupy on the wire, prefix included.
     */
    public int maxEncodedLength()
    {
        return prefixLength() + valueLength(maxLength);
    }

    /**
     * Whether an odd number of digits is padded with a nibble before the first digit (fixed numerics)
     * rather than after the last (LL numerics), as jPOS ISO87BPackager does.
     *
     * @return true for left padding.
     */
    public boolean isLeftPadded()
    {
        return type == IsoFieldType.NUMERIC_FIXED;
    }

    /**
     * Whether the digits may include the track 2 field separator, which travels as nibble D and
     * reads as '=' (field 35 only).
     *
     * @return true when nibble D is a legal character of this numeric field.
     */
    public boolean allowsSeparator()
    {
        return field == IsoFields.TRACK_2;
    }

    @Override
    public String toString()
    {
        return field + " " + name + " " + type + "(" + maxLength + ")";
    }
}
