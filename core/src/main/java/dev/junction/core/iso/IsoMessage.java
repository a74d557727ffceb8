package dev.junction.core.iso;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

import static dev.junction.core.iso.IsoDecodeStatus.INVALID_BCD;
import static dev.junction.core.iso.IsoDecodeStatus.INVALID_LENGTH;
import static dev.junction.core.iso.IsoDecodeStatus.INVALID_MTI;
import static dev.junction.core.iso.IsoDecodeStatus.OK;
import static dev.junction.core.iso.IsoDecodeStatus.TRAILING_BYTES;
import static dev.junction.core.iso.IsoDecodeStatus.TRUNCATED_BITMAP;
import static dev.junction.core.iso.IsoDecodeStatus.TRUNCATED_FIELD;
import static dev.junction.core.iso.IsoDecodeStatus.TRUNCATED_MTI;

/**
 * A reusable decoding flyweight over one ISO 8583 message in the ISO87B binary dialect.
 * One instance lives in each pre-allocated ring slot: the network stage calls {@link #wrap} on the
 * received bytes, and later stages read fields through it without copying them.
 *
 * <p>{@link #wrap} walks the message once and records where each present field's bytes are; it
 * allocates nothing and never throws for bad input, reporting an {@link IsoDecodeStatus} instead.
 * After a failure the fields decoded before the failing one stay readable (to echo them in a
 * "30 format error" answer); the failing field and all later ones read as absent.
 *
 * <p>What it accepts, compared with jPOS {@code ISO87BPackager}: pad nibbles (the nibble in front of
 * an odd fixed numeric, or after an odd LL numeric) are not checked, as jPOS ignores them (so both
 * 0 and F padding decode); digit nibbles must be 0-9, except nibble D, the track 2 separator, in
 * field 35 (jPOS would read any nibble as a hex character); length prefixes must be BCD (jPOS would
 * compute a length from any nibbles); characters are not checked; the amount sign byte is not
 * checked; bytes after the last field are an error (jPOS ignores them).
 *
 * <p>Accessors taking a field number are for fields that {@link #has} reports present: calling them
 * on an absent field, or on a field of the wrong kind, is a programming error and throws.
 * Not thread-safe; the buffer must not change while the message is read.
 */
public final class IsoMessage
{
    private static final int MTI_LENGTH = 2;
    private static final int BITMAP_LENGTH = 8;
    private static final int FIELD_SLOTS = IsoFields.MAX_FIELD + 1;
    private static final int NO_MTI = -1;
    private static final int TRACK_SEPARATOR_NIBBLE = 0xD;
    private static final int MAX_NUMERIC_DIGITS = 18;
    private static final int MAX_KEY_DIGITS = 19;
    private static final int KIND_BYTES = 0;
    private static final int KIND_NUMERIC = 1;
    private static final int KIND_AMOUNT = 2;
    /** Per field, what decoding needs from the dictionary, flattened so the hot loop does no lookups. */
    private static final int[] PREFIX_LENGTHS = new int[IsoFields.MAX_FIELD + 1];
    private static final int[] MAX_UNITS = new int[IsoFields.MAX_FIELD + 1];
    private static final int[] KINDS = new int[IsoFields.MAX_FIELD + 1];

    static
    {
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            final IsoFieldSpec spec = IsoFields.spec(field);
            PREFIX_LENGTHS[field] = spec.prefixLength();
            MAX_UNITS[field] = spec.maxLength();
            KINDS[field] = spec.type().isNumeric() ? KIND_NUMERIC :
                spec.type() == IsoFieldType.AMOUNT ? KIND_AMOUNT : KIND_BYTES;
            if (spec.type().isNumeric() && spec.isLeftPadded() != (spec.prefixLength() == 0))
            {
                throw new IllegalStateException("field " + field + ": numeric padding must follow from its prefix");
            }
        }
    }

    private final int[] fieldOffsets = new int[FIELD_SLOTS];
    private final int[] fieldLengths = new int[FIELD_SLOTS];
    private final int[] unitCounts = new int[FIELD_SLOTS];

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int status = TRUNCATED_MTI;
    private int errorField;
    private int availableFieldLimit;
    private int mti = NO_MTI;
    private long primaryBitmap;
    private long secondaryBitmap;
    private boolean addressable;

    /**
     * Decodes the message in {@code buffer[offset, offset + length)}: exactly one message, without
     * its network length prefix. Allocation-free.
     *
     * @param buffer holding the message; kept by reference until the next wrap.
     * @param offset of the message type indicator.
     * @param length of the message in bytes.
     * @return the {@link IsoDecodeStatus}, also available from {@link #status()}.
     * @throws IllegalArgumentException if the span is not inside the buffer (a caller bug, not bad input).
     */
    public int wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            throw new IllegalArgumentException("span [" + offset + ", +" + length + ") outside buffer of " + buffer.capacity());
        }
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.errorField = 0;
        this.availableFieldLimit = 0;
        this.mti = NO_MTI;
        this.primaryBitmap = 0;
        this.secondaryBitmap = 0;
        this.addressable = false;
        this.status = decode();
        return status;
    }

    private int decode()
    {
        final int end = offset + length;
        if (length < MTI_LENGTH)
        {
            return TRUNCATED_MTI;
        }
        final int mtiHigh = buffer.getByte(offset) & 0xFF;
        final int mtiLow = buffer.getByte(offset + 1) & 0xFF;
        if (!isBcdByte(mtiHigh) || !isBcdByte(mtiLow))
        {
            return INVALID_MTI;
        }
        mti = bcdByteValue(mtiHigh) * 100 + bcdByteValue(mtiLow);

        int position = offset + MTI_LENGTH;
        if (end - position < BITMAP_LENGTH)
        {
            return TRUNCATED_BITMAP;
        }
        final long primary = buffer.getLong(position, ByteOrder.BIG_ENDIAN);
        position += BITMAP_LENGTH;
        long secondary = 0;
        if (primary < 0)
        {
            if (end - position < BITMAP_LENGTH)
            {
                return TRUNCATED_BITMAP;
            }
            secondary = buffer.getLong(position, ByteOrder.BIG_ENDIAN);
            position += BITMAP_LENGTH;
        }
        primaryBitmap = primary;
        secondaryBitmap = secondary;
        addressable = true;

        long bits = primary & Long.MAX_VALUE;
        while (bits != 0)
        {
            final int leadingZeros = Long.numberOfLeadingZeros(bits);
            final int field = leadingZeros + 1;
            position = decodeField(field, position, end);
            if (position < 0)
            {
                return fail(field, -position);
            }
            bits &= ~(Long.MIN_VALUE >>> leadingZeros);
        }
        bits = secondary;
        while (bits != 0)
        {
            final int leadingZeros = Long.numberOfLeadingZeros(bits);
            final int field = leadingZeros + 65;
            position = decodeField(field, position, end);
            if (position < 0)
            {
                return fail(field, -position);
            }
            bits &= ~(Long.MIN_VALUE >>> leadingZeros);
        }
        availableFieldLimit = FIELD_SLOTS;
        return position == end ? OK : TRAILING_BYTES;
    }

    private int fail(final int field, final int failure)
    {
        errorField = field;
        availableFieldLimit = field;
        return failure;
    }

    /**
     * @return the position after the field, or minus a status when it cannot be decoded.
     */
    private int decodeField(final int field, final int position, final int end)
    {
        final int prefixLength = PREFIX_LENGTHS[field];
        final int maxUnits = MAX_UNITS[field];
        int units = maxUnits;
        if (prefixLength != 0)
        {
            if (end - position < prefixLength)
            {
                return -TRUNCATED_FIELD;
            }
            units = decodePrefix(position, prefixLength);
            if (units < 0 || units > maxUnits)
            {
                return -INVALID_LENGTH;
            }
        }
        final int valueOffset = position + prefixLength;
        final int kind = KINDS[field];
        final int valueLength = kind == KIND_NUMERIC ? (units + 1) >> 1 : kind == KIND_AMOUNT ? 1 + (maxUnits >> 1) : units;
        if (end - valueOffset < valueLength)
        {
            return -TRUNCATED_FIELD;
        }
        if (kind == KIND_NUMERIC)
        {
            if (!digitsValid(valueOffset, units, prefixLength == 0, field == IsoFields.TRACK_2))
            {
                return -INVALID_BCD;
            }
        }
        else if (kind == KIND_AMOUNT)
        {
            units = maxUnits - 1;
            if (!digitsValid(valueOffset + 1, units, true, false))
            {
                return -INVALID_BCD;
            }
        }
        fieldOffsets[field] = position;
        fieldLengths[field] = prefixLength + valueLength;
        unitCounts[field] = units;
        return valueOffset + valueLength;
    }

    private int decodePrefix(final int position, final int prefixLength)
    {
        int value = 0;
        for (int i = 0; i < prefixLength; i++)
        {
            final int b = buffer.getByte(position + i) & 0xFF;
            if (!isBcdByte(b))
            {
                return -1;
            }
            value = value * 100 + bcdByteValue(b);
        }
        return value;
    }

    /**
     * Whether {@code digitCount} digits at {@code at} are all 0-9 (and, in track 2, the separator),
     * ignoring the pad nibble: left of the first digit for fixed numerics, right of the last for LL
     * numerics. Whole bytes are checked eight at a time.
     */
    private boolean digitsValid(final int at, final int digitCount, final boolean leftPadded, final boolean separatorAllowed)
    {
        if (separatorAllowed)
        {
            return digitsValidNibbleByNibble(at, digitCount, leftPadded);
        }
        int position = at;
        int fullBytes = digitCount >> 1;
        if ((digitCount & 1) != 0)
        {
            if (leftPadded)
            {
                if ((buffer.getByte(position) & 0x0F) > 9)
                {
                    return false;
                }
                position++;
            }
            else if (((buffer.getByte(position + fullBytes) >> 4) & 0x0F) > 9)
            {
                return false;
            }
        }
        while (fullBytes >= 8)
        {
            if (hasNonDigitNibble(buffer.getLong(position)))
            {
                return false;
            }
            position += 8;
            fullBytes -= 8;
        }
        while (fullBytes > 0)
        {
            if (!isBcdByte(buffer.getByte(position) & 0xFF))
            {
                return false;
            }
            position++;
            fullBytes--;
        }
        return true;
    }

    /**
     * @param nibbles 16 BCD digits, the most significant in the top nibble, each 0-9.
     * @return their value: digit pairs become bytes, byte pairs 16-bit lanes, then 32-bit, then the whole.
     */
    private static long bcdValue(final long nibbles)
    {
        long lanes = (nibbles >>> 4 & 0x0F0F_0F0F_0F0F_0F0FL) * 10 + (nibbles & 0x0F0F_0F0F_0F0F_0F0FL);
        lanes = (lanes >>> 8 & 0x00FF_00FF_00FF_00FFL) * 100 + (lanes & 0x00FF_00FF_00FF_00FFL);
        lanes = (lanes >>> 16 & 0x0000_FFFF_0000_FFFFL) * 10_000 + (lanes & 0x0000_FFFF_0000_FFFFL);
        return (lanes >>> 32) * 100_000_000L + (lanes & 0xFFFF_FFFFL);
    }

    /** @return whether any of the 16 nibbles is above 9: bit 3 set together with bit 2 or bit 1. */
    private static boolean hasNonDigitNibble(final long nibbles)
    {
        return (nibbles & ((nibbles << 1) | (nibbles << 2)) & 0x8888_8888_8888_8888L) != 0;
    }

    private boolean digitsValidNibbleByNibble(final int at, final int digitCount, final boolean leftPadded)
    {
        final int firstNibble = leftPadded ? digitCount & 1 : 0;
        final int endNibble = firstNibble + digitCount;
        for (int nibble = firstNibble; nibble < endNibble; nibble++)
        {
            final int digit = nibbleAt(at, nibble);
            if (digit > 9 && digit != TRACK_SEPARATOR_NIBBLE)
            {
                return false;
            }
        }
        return true;
    }

    private int nibbleAt(final int at, final int nibble)
    {
        final int b = buffer.getByte(at + (nibble >> 1));
        return (nibble & 1) == 0 ? (b >> 4) & 0xF : b & 0xF;
    }

    private static boolean isBcdByte(final int b)
    {
        return (b & 0xF0) <= 0x90 && (b & 0x0F) <= 0x09;
    }

    private static int bcdByteValue(final int b)
    {
        return (b >> 4) * 10 + (b & 0x0F);
    }

    /**
     * @return the {@link IsoDecodeStatus} of the last {@link #wrap}.
     */
    public int status()
    {
        return status;
    }

    /**
     * @return the field at which decoding stopped; 0 when the message decoded, or when the error was
     *     not in a data element (MTI, bitmap, trailing bytes).
     */
    public int errorField()
    {
        return errorField;
    }

    /**
     * @return true when the MTI and bitmap(s) decoded, so the sender can be answered, even if a later
     *     field failed.
     */
    public boolean isAddressable()
    {
        return addressable;
    }

    /**
     * @return the message type indicator as a decimal number (0100 is 100, 0810 is 810), or -1 when
     *     it did not decode.
     */
    public int mti()
    {
        return mti;
    }

    /**
     * @return the primary bitmap as on the wire: field 1 is the most significant bit.
     */
    public long primaryBitmap()
    {
        return primaryBitmap;
    }

    /**
     * @return the secondary bitmap as on the wire (field 65 is the most significant bit), 0 if absent.
     */
    public long secondaryBitmap()
    {
        return secondaryBitmap;
    }

    /**
     * @param field a data element number.
     * @return true when the field is in the bitmap and decoded; false for 1 (the bitmap flag), for
     *     numbers outside 2..128 and for fields at or after a decoding error.
     */
    public boolean has(final int field)
    {
        if (field < 2 || field >= availableFieldLimit)
        {
            return false;
        }
        return field <= 64
            ? (primaryBitmap & (Long.MIN_VALUE >>> (field - 1))) != 0
            : (secondaryBitmap & (Long.MIN_VALUE >>> (field - 65))) != 0;
    }

    /**
     * @param field a present field.
     * @return offset in {@link #buffer()} of the field's encoded bytes, length prefix included.
     */
    public int fieldOffset(final int field)
    {
        requirePresent(field);
        return fieldOffsets[field];
    }

    /**
     * @param field a present field.
     * @return length of the field's encoded bytes, length prefix included: what an echo copies.
     */
    public int fieldLength(final int field)
    {
        requirePresent(field);
        return fieldLengths[field];
    }

    /**
     * @param field a present field.
     * @return offset in {@link #buffer()} of the value bytes, after any length prefix.
     */
    public int valueOffset(final int field)
    {
        requirePresent(field);
        return fieldOffsets[field] + IsoFields.specUnchecked(field).prefixLength();
    }

    /**
     * @param field a present field.
     * @return number of value bytes, after any length prefix.
     */
    public int valueLength(final int field)
    {
        requirePresent(field);
        return fieldLengths[field] - IsoFields.specUnchecked(field).prefixLength();
    }

    /**
     * The logical length of a field: digits for numeric fields (a 19-digit PAN is 10 value bytes and
     * 19 digits), the digits after the sign for amount fields, characters for char fields, bytes for
     * binary fields.
     *
     * @param field a present field.
     * @return the count in the field's units.
     */
    public int digitCount(final int field)
    {
        requirePresent(field);
        return unitCounts[field];
    }

    /**
     * The value of a numeric or amount field of at most 18 digits (amounts, STAN, codes, dates).
     * For an amount field it is the magnitude; see {@link #amountSign}.
     *
     * @param field a present numeric or amount field.
     * @return the digits as a number.
     * @throws IllegalStateException for other kinds, more than 18 digits, or track 2 separators.
     */
    public long numeric(final int field)
    {
        final int digitCount = requireDigits(field);
        if (digitCount > MAX_NUMERIC_DIGITS)
        {
            throw new IllegalStateException("field " + field + " has " + digitCount + " digits, more than a long holds");
        }
        return accumulateDigits(field, digitCount);
    }

    /**
     * The digits of a numeric field of up to 19 digits (a PAN) as an unsigned 64-bit value: every
     * 19-digit number is below 2^64. Read it with {@link Long#toUnsignedString(long)} or compare with
     * {@link Long#compareUnsigned}. Leading zeros do not change the key, so pair it with
     * {@link #digitCount} when they matter.
     *
     * @param field a present numeric field of at most 19 digits.
     * @return the digits as an unsigned long.
     * @throws IllegalStateException for other kinds, more than 19 digits, or track 2 separators.
     */
    public long panKey(final int field)
    {
        final int digitCount = requireDigits(field);
        if (digitCount > MAX_KEY_DIGITS)
        {
            throw new IllegalStateException("field " + field + " has " + digitCount + " digits, more than 64 bits hold");
        }
        return accumulateDigits(field, digitCount);
    }

    /**
     * @param field a present numeric or amount field.
     * @param index 0 for the most significant digit, up to {@link #digitCount} - 1.
     * @return the digit 0-9, or 13 (nibble D) for a track 2 separator.
     */
    public int digitAt(final int field, final int index)
    {
        final int digitCount = requireDigits(field);
        if (index < 0 || index >= digitCount)
        {
            throw new IndexOutOfBoundsException("digit " + index + " of " + digitCount + " in field " + field);
        }
        return nibbleAt(digitsOffset(field), firstDigitNibble(field, digitCount) + index);
    }

    /**
     * @param field a present amount field (28-31, 97).
     * @return the sign byte, by convention 'C' (credit) or 'D' (debit); not checked when decoding.
     */
    public int amountSign(final int field)
    {
        requirePresent(field);
        if (IsoFields.specUnchecked(field).type() != IsoFieldType.AMOUNT)
        {
            throw new IllegalStateException("field " + field + " is not an amount field");
        }
        return buffer.getByte(fieldOffsets[field]) & 0xFF;
    }

    /**
     * @param field a present char field.
     * @param ascii the expected characters, one byte each.
     * @return true when the value bytes (fixed fields include their space padding) equal {@code ascii}.
     */
    public boolean charEquals(final int field, final byte[] ascii)
    {
        requireChars(field);
        final int valueLength = unitCounts[field];
        if (valueLength != ascii.length)
        {
            return false;
        }
        final int valueOffset = fieldOffsets[field] + IsoFields.specUnchecked(field).prefixLength();
        for (int i = 0; i < valueLength; i++)
        {
            if (buffer.getByte(valueOffset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param field a present char field.
     * @param index 0 up to {@link #digitCount} - 1.
     * @return the character's byte, 0-255.
     */
    public int charAt(final int field, final int index)
    {
        requireChars(field);
        if (index < 0 || index >= unitCounts[field])
        {
            throw new IndexOutOfBoundsException("char " + index + " of " + unitCounts[field] + " in field " + field);
        }
        return buffer.getByte(fieldOffsets[field] + IsoFields.specUnchecked(field).prefixLength() + index) & 0xFF;
    }

    /**
     * Up to eight characters of a char field as one number, the first in the most significant byte:
     * what {@code count} calls of {@link #charAt} would give, shifted together, in one load.
     *
     * @param field a present char field.
     * @param from  the first character, 0 up to {@link #digitCount} - {@code count}.
     * @param count 1 to 8 characters.
     * @return the characters' bytes as an unsigned big-endian number of {@code count} bytes.
     */
    public long chars(final int field, final int from, final int count)
    {
        requireChars(field);
        if (count < 1 || count > Long.BYTES || from < 0 || from > unitCounts[field] - count)
        {
            throw new IndexOutOfBoundsException("chars " + from + " to " + (from + count) + " of " +
                unitCounts[field] + " in field " + field);
        }
        final int at = fieldOffsets[field] + IsoFields.specUnchecked(field).prefixLength() + from;
        if (at + Long.BYTES <= buffer.capacity())
        {
            return buffer.getLong(at, ByteOrder.BIG_ENDIAN) >>> ((Long.BYTES - count) << 3);
        }
        long value = 0;
        for (int i = 0; i < count; i++)
        {
            value = value << 8 | buffer.getByte(at + i) & 0xFF;
        }
        return value;
    }

    /**
     * @return the buffer of the last {@link #wrap}.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the offset of the message in {@link #buffer()}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return the length of the message in bytes.
     */
    public int length()
    {
        return length;
    }

    private long accumulateDigits(final int field, final int digitCount)
    {
        final int at = digitsOffset(field);
        final int firstNibble = firstDigitNibble(field, digitCount);
        if (digitCount > 0 && firstNibble + digitCount <= 16 && at + Long.BYTES <= buffer.capacity())
        {
            // The field's digits sit in the eight bytes from its first: one load, the digits moved to the
            // low nibbles (what follows the field shifted out), then all of them checked and converted at once.
            final long nibbles = buffer.getLong(at, ByteOrder.BIG_ENDIAN) << (firstNibble << 2) >>>
                ((16 - digitCount) << 2);
            if (hasNonDigitNibble(nibbles))
            {
                throw new IllegalStateException("field " + field + " holds a separator, not a number");
            }
            return bcdValue(nibbles);
        }
        long value = 0;
        for (int nibble = firstNibble, endNibble = firstNibble + digitCount; nibble < endNibble; nibble++)
        {
            final int digit = nibbleAt(at, nibble);
            if (digit > 9)
            {
                throw new IllegalStateException("field " + field + " holds a separator, not a number");
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private int digitsOffset(final int field)
    {
        final IsoFieldSpec spec = IsoFields.specUnchecked(field);
        return fieldOffsets[field] + spec.prefixLength() + (spec.type() == IsoFieldType.AMOUNT ? 1 : 0);
    }

    private static int firstDigitNibble(final int field, final int digitCount)
    {
        return IsoFields.specUnchecked(field).isLeftPadded() ? digitCount & 1 : 0;
    }

    private void requirePresent(final int field)
    {
        if (!has(field))
        {
            throw new IllegalStateException("field " + field + " is absent");
        }
    }

    private int requireDigits(final int field)
    {
        requirePresent(field);
        final IsoFieldType type = IsoFields.specUnchecked(field).type();
        if (!type.isNumeric() && type != IsoFieldType.AMOUNT)
        {
            throw new IllegalStateException("field " + field + " is " + type + ", not digits");
        }
        return unitCounts[field];
    }

    private void requireChars(final int field)
    {
        requirePresent(field);
        final IsoFieldType type = IsoFields.specUnchecked(field).type();
        if (!type.isChar())
        {
            throw new IllegalStateException("field " + field + " is " + type + ", not characters");
        }
    }

    /**
     * For tests and debugging; allocates. Never prints secrets: the PAN shows at most its first six
     * and last four digits, and PAN extended, track data and the PIN block show only their length.
     */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder(256);
        text.append("IsoMessage{status=").append(IsoDecodeStatus.describe(status));
        if (errorField != 0)
        {
            text.append(", errorField=").append(errorField);
        }
        if (mti != NO_MTI)
        {
            text.append(", mti=");
            appendZeroPadded(text, mti, 4);
        }
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            if (has(field))
            {
                text.append(", ").append(field).append('=');
                appendValue(text, field);
            }
        }
        return text.append('}').toString();
    }

    private void appendValue(final StringBuilder text, final int field)
    {
        final IsoFieldType type = IsoFields.specUnchecked(field).type();
        if (field == IsoFields.PAN)
        {
            appendMaskedPan(text, field);
        }
        else if (isSecret(field))
        {
            text.append("<masked ").append(valueLength(field)).append(" bytes>");
        }
        else if (type.isNumeric())
        {
            appendDigits(text, field, 0, unitCounts[field]);
        }
        else if (type == IsoFieldType.AMOUNT)
        {
            text.append((char)amountSign(field));
            appendDigits(text, field, 0, unitCounts[field]);
        }
        else if (type.isChar())
        {
            for (int i = 0; i < unitCounts[field]; i++)
            {
                text.append((char)charAt(field, i));
            }
        }
        else
        {
            final int valueOffset = valueOffset(field);
            for (int i = 0; i < unitCounts[field]; i++)
            {
                final int b = buffer.getByte(valueOffset + i) & 0xFF;
                text.append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
    }

    private static boolean isSecret(final int field)
    {
        return field == 34 || field == IsoFields.TRACK_2 || field == 36 || field == IsoFields.TRACK_1 ||
            field == IsoFields.PIN_DATA;
    }

    private void appendMaskedPan(final StringBuilder text, final int field)
    {
        final int digitCount = unitCounts[field];
        final int shownHead = digitCount >= 13 ? 6 : 0;
        final int shownTail = digitCount >= 13 ? 4 : 0;
        appendDigits(text, field, 0, shownHead);
        for (int i = shownHead; i < digitCount - shownTail; i++)
        {
            text.append('*');
        }
        appendDigits(text, field, digitCount - shownTail, digitCount);
    }

    private void appendDigits(final StringBuilder text, final int field, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final int digit = digitAt(field, i);
            text.append(digit == TRACK_SEPARATOR_NIBBLE ? '=' : (char)('0' + digit));
        }
    }

    private static void appendZeroPadded(final StringBuilder text, final int value, final int width)
    {
        final String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++)
        {
            text.append('0');
        }
        text.append(digits);
    }
}
