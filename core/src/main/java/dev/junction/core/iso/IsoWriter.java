package dev.junction.core.iso;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes one ISO 8583 message in the ISO87B binary dialect into a caller's buffer, byte for byte as
 * jPOS {@code ISO87BPackager} would pack it. The responder keeps one per thread and reuses it for
 * every answer; nothing it does allocates.
 *
 * <p>Use: {@link #wrap}, {@link #mti}, then fields in strictly ascending order, then {@link #finish},
 * which writes the bitmap(s) and returns the length. Room for the primary bitmap is reserved up
 * front; when the first field above 64 is added, the fields written so far move 8 bytes on to make
 * room for the secondary bitmap.
 *
 * <p>Misuse is a programming error, not bad input, and throws: fields out of order or repeated, or
 * writing past the buffer's capacity ({@link IllegalStateException}; size the buffer for the largest
 * message, expandable buffers are not grown); values that do not fit the field or have the wrong
 * alphabet ({@link IllegalArgumentException}). Values are checked before anything is written, but
 * after an exception the message should be abandoned: wrap again.
 */
public final class IsoWriter
{
    private static final int MTI_LENGTH = 2;
    private static final int BITMAP_LENGTH = 8;
    private static final int MAX_MTI = 9999;
    private static final byte SPACE = ' ';
    private static final int TRACK_SEPARATOR_NIBBLE = 0xD;
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);
    private MutableDirectBuffer buffer;
    private int start;
    private int position;
    private int lastField;
    private long primaryBitmap;
    private long secondaryBitmap;
    private boolean mtiWritten;
    private boolean finished = true;

    /**
     * Starts a message.
     *
     * @param buffer to write into.
     * @param offset where the message type indicator goes.
     * @return this writer.
     */
    public IsoWriter wrap(final MutableDirectBuffer buffer, final int offset)
    {
        if (offset < 0)
        {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        this.buffer = buffer;
        this.start = offset;
        this.position = offset + MTI_LENGTH + BITMAP_LENGTH;
        this.lastField = 1;
        this.primaryBitmap = 0;
        this.secondaryBitmap = 0;
        this.mtiWritten = false;
        this.finished = false;
        requireCapacity(position);
        return this;
    }

    /**
     * @param mti the message type indicator as a decimal number: 110 for 0110, 810 for 0810.
     * @return this writer.
     */
    public IsoWriter mti(final int mti)
    {
        requireOpen();
        if (mti < 0 || mti > MAX_MTI)
        {
            throw new IllegalArgumentException("MTI " + mti + " is not 4 digits");
        }
        buffer.putByte(start, (byte)bcdByte(mti / 100));
        buffer.putByte(start + 1, (byte)bcdByte(mti % 100));
        mtiWritten = true;
        return this;
    }

    /**
     * Copies a field of a decoded message verbatim, length prefix included: the echo path.
     *
     * @param from a decoded message in which {@code field} is present.
     * @param field the field to copy.
     * @return this writer.
     */
    public IsoWriter copyField(final IsoMessage from, final int field)
    {
        if (!from.has(field))
        {
            throw new IllegalStateException("field " + field + " is absent from the source message");
        }
        final int fieldLength = from.fieldLength(field);
        beginField(field, fieldLength);
        buffer.putBytes(position, from.buffer(), from.fieldOffset(field), fieldLength);
        position += fieldLength;
        return this;
    }

    /**
     * Writes a numeric field: a fixed field zero-padded to its length, a variable (LL) field in the
     * fewest digits that hold the value.
     *
     * @param field a numeric field.
     * @param value not negative.
     * @return this writer.
     */
    public IsoWriter putNumeric(final int field, final long value)
    {
        final IsoFieldSpec spec = numericSpec(field);
        final int digitCount = spec.type().isVariable() ? digitsOf(value) : spec.maxLength();
        return putNumeric(field, value, digitCount);
    }

    /**
     * Writes a numeric field in exactly {@code digitCount} digits, zero-padded on the left.
     *
     * @param field a numeric field.
     * @param value not negative and below 10^digitCount.
     * @param digitCount up to the field's maximum; for a fixed field exactly its length.
     * @return this writer.
     */
    public IsoWriter putNumeric(final int field, final long value, final int digitCount)
    {
        final IsoFieldSpec spec = numericSpec(field);
        checkDigitCount(spec, digitCount);
        if (value < 0 || (digitCount < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digitCount]))
        {
            throw new IllegalArgumentException(value + " does not fit in " + digitCount + " digits of field " + field);
        }
        beginField(field, spec.prefixLength() + spec.valueLength(digitCount));
        writePrefix(spec, digitCount);
        writeDigits(position, value, digitCount, spec.isLeftPadded());
        position += spec.valueLength(digitCount);
        return this;
    }

    /**
     * Writes a numeric field from ASCII digits, for values that do not fit a long (a 19-digit PAN,
     * track 2 with its '=' separator, original data elements). A fixed field shorter than its length
     * is zero-padded on the left, as jPOS does.
     *
     * @param field a numeric field.
     * @param asciiDigits '0'-'9', and '=' in track 2.
     * @return this writer.
     */
    public IsoWriter putDigits(final int field, final byte[] asciiDigits)
    {
        arrayView.wrap(asciiDigits);
        return putDigits(field, arrayView, 0, asciiDigits.length);
    }

    /**
     * As {@link #putDigits(int, byte[])}, from a span of a buffer.
     *
     * @param field a numeric field.
     * @param src holding ASCII digits.
     * @param srcOffset of the first digit.
     * @param digitCount number of digits.
     * @return this writer.
     */
    public IsoWriter putDigits(final int field, final DirectBuffer src, final int srcOffset, final int digitCount)
    {
        final IsoFieldSpec spec = numericSpec(field);
        if (digitCount > spec.maxLength())
        {
            throw new IllegalArgumentException(digitCount + " digits are too many for field " + field + " (max " + spec.maxLength() + ")");
        }
        for (int i = 0; i < digitCount; i++)
        {
            digitValue(src.getByte(srcOffset + i), spec);
        }
        final int encodedDigits = spec.type().isVariable() ? digitCount : spec.maxLength();
        final int valueLength = spec.valueLength(encodedDigits);
        beginField(field, spec.prefixLength() + valueLength);
        writePrefix(spec, encodedDigits);
        buffer.setMemory(position, valueLength, (byte)0);
        final int zeroPadding = encodedDigits - digitCount;
        final int firstNibble = spec.isLeftPadded() ? encodedDigits & 1 : 0;
        for (int i = 0; i < digitCount; i++)
        {
            final int digit = digitValue(src.getByte(srcOffset + i), spec);
            orNibble(position, firstNibble + zeroPadding + i, digit);
        }
        position += valueLength;
        return this;
    }

    /**
     * Writes a char field; a fixed field is right-padded with spaces to its length, as jPOS IF_CHAR.
     *
     * @param field a char field.
     * @param ascii the characters, one byte each, at most the field's length.
     * @return this writer.
     */
    public IsoWriter putChars(final int field, final byte[] ascii)
    {
        arrayView.wrap(ascii);
        return putChars(field, arrayView, 0, ascii.length);
    }

    /**
     * As {@link #putChars(int, byte[])}, from a span of a buffer.
     *
     * @param field a char field.
     * @param src holding the characters.
     * @param srcOffset of the first character.
     * @param charCount number of characters, at most the field's length.
     * @return this writer.
     */
    public IsoWriter putChars(final int field, final DirectBuffer src, final int srcOffset, final int charCount)
    {
        final IsoFieldSpec spec = IsoFields.spec(field);
        if (!spec.type().isChar())
        {
            throw new IllegalArgumentException("field " + field + " is " + spec.type() + ", not characters");
        }
        checkLength(spec, charCount);
        final int valueLength = spec.type().isVariable() ? charCount : spec.maxLength();
        beginField(field, spec.prefixLength() + valueLength);
        writePrefix(spec, valueLength);
        buffer.putBytes(position, src, srcOffset, charCount);
        buffer.setMemory(position + charCount, valueLength - charCount, SPACE);
        position += valueLength;
        return this;
    }

    /**
     * Writes a binary field; ISO87B's binary fields are fixed, so the length must match exactly.
     *
     * @param field a binary field.
     * @param bytes exactly the field's length.
     * @return this writer.
     */
    public IsoWriter putBinary(final int field, final byte[] bytes)
    {
        arrayView.wrap(bytes);
        return putBinary(field, arrayView, 0, bytes.length);
    }

    /**
     * As {@link #putBinary(int, byte[])}, from a span of a buffer.
     *
     * @param field a binary field.
     * @param src holding the bytes.
     * @param srcOffset of the first byte.
     * @param byteCount exactly the field's length.
     * @return this writer.
     */
    public IsoWriter putBinary(final int field, final DirectBuffer src, final int srcOffset, final int byteCount)
    {
        final IsoFieldSpec spec = IsoFields.spec(field);
        if (spec.type() != IsoFieldType.BINARY_FIXED)
        {
            throw new IllegalArgumentException("field " + field + " is " + spec.type() + ", not binary");
        }
        if (byteCount != spec.maxLength())
        {
            throw new IllegalArgumentException("field " + field + " takes exactly " + spec.maxLength() + " bytes, not " + byteCount);
        }
        beginField(field, byteCount);
        buffer.putBytes(position, src, srcOffset, byteCount);
        position += byteCount;
        return this;
    }

    /**
     * Writes an amount field (28-31, 97): the sign byte, then the magnitude zero-padded to the
     * field's digits.
     *
     * @param field an amount field.
     * @param sign 'C' for credit or 'D' for debit.
     * @param magnitudeMinor not negative, in minor units.
     * @return this writer.
     */
    public IsoWriter putAmount(final int field, final byte sign, final long magnitudeMinor)
    {
        final IsoFieldSpec spec = IsoFields.spec(field);
        if (spec.type() != IsoFieldType.AMOUNT)
        {
            throw new IllegalArgumentException("field " + field + " is " + spec.type() + ", not an amount");
        }
        if (sign != 'C' && sign != 'D')
        {
            throw new IllegalArgumentException("amount sign must be 'C' or 'D', not " + sign);
        }
        final int digitCount = spec.maxLength() - 1;
        if (magnitudeMinor < 0 || magnitudeMinor >= POWERS_OF_TEN[digitCount])
        {
            throw new IllegalArgumentException(magnitudeMinor + " does not fit in " + digitCount + " digits of field " + field);
        }
        final int valueLength = spec.valueLength(digitCount);
        beginField(field, valueLength);
        buffer.putByte(position, sign);
        writeDigits(position + 1, magnitudeMinor, digitCount, true);
        position += valueLength;
        return this;
    }

    /**
     * Writes the bitmap(s): a secondary bitmap only when a field above 64 was added.
     *
     * @return the length of the encoded message in bytes, from the MTI to the last field.
     */
    public int finish()
    {
        requireOpen();
        if (!mtiWritten)
        {
            throw new IllegalStateException("no MTI written");
        }
        final boolean hasSecondary = secondaryBitmap != 0;
        buffer.putLong(start + MTI_LENGTH, hasSecondary ? primaryBitmap | Long.MIN_VALUE : primaryBitmap, ByteOrder.BIG_ENDIAN);
        if (hasSecondary)
        {
            buffer.putLong(start + MTI_LENGTH + BITMAP_LENGTH, secondaryBitmap, ByteOrder.BIG_ENDIAN);
        }
        finished = true;
        return position - start;
    }

    private void beginField(final int field, final int encodedLength)
    {
        requireOpen();
        if (field < 2 || field > IsoFields.MAX_FIELD)
        {
            throw new IllegalArgumentException("no data element " + field);
        }
        if (field <= lastField)
        {
            throw new IllegalStateException("field " + field + " added after field " + lastField + ": fields go in ascending order, once");
        }
        if (field > 64)
        {
            if (secondaryBitmap == 0)
            {
                makeRoomForSecondaryBitmap(encodedLength);
            }
            requireCapacity(position + encodedLength);
            secondaryBitmap |= Long.MIN_VALUE >>> (field - 65);
        }
        else
        {
            requireCapacity(position + encodedLength);
            primaryBitmap |= Long.MIN_VALUE >>> (field - 1);
        }
        lastField = field;
    }

    private void makeRoomForSecondaryBitmap(final int nextFieldLength)
    {
        requireCapacity(position + BITMAP_LENGTH + nextFieldLength);
        final int bodyStart = start + MTI_LENGTH + BITMAP_LENGTH;
        for (int i = position - 1; i >= bodyStart; i--)
        {
            buffer.putByte(i + BITMAP_LENGTH, buffer.getByte(i));
        }
        position += BITMAP_LENGTH;
    }

    private void writePrefix(final IsoFieldSpec spec, final int units)
    {
        switch (spec.prefixLength())
        {
            case 1:
                buffer.putByte(position, (byte)bcdByte(units));
                position += 1;
                break;
            case 2:
                buffer.putByte(position, (byte)bcdByte(units / 100));
                buffer.putByte(position + 1, (byte)bcdByte(units % 100));
                position += 2;
                break;
            default:
                break;
        }
    }

    private void writeDigits(final int at, final long value, final int digitCount, final boolean leftPadded)
    {
        buffer.setMemory(at, (digitCount + 1) >> 1, (byte)0);
        final int firstNibble = leftPadded ? digitCount & 1 : 0;
        long remaining = value;
        for (int nibble = firstNibble + digitCount - 1; nibble >= firstNibble; nibble--)
        {
            orNibble(at, nibble, (int)(remaining % 10));
            remaining /= 10;
        }
    }

    private void orNibble(final int at, final int nibble, final int digit)
    {
        final int index = at + (nibble >> 1);
        final int shifted = (nibble & 1) == 0 ? digit << 4 : digit;
        buffer.putByte(index, (byte)(buffer.getByte(index) | shifted));
    }

    private static int digitValue(final byte ascii, final IsoFieldSpec spec)
    {
        if (ascii >= '0' && ascii <= '9')
        {
            return ascii - '0';
        }
        if (ascii == '=' && spec.allowsSeparator())
        {
            return TRACK_SEPARATOR_NIBBLE;
        }
        throw new IllegalArgumentException("byte " + ascii + " is not a digit of field " + spec.field());
    }

    private static IsoFieldSpec numericSpec(final int field)
    {
        final IsoFieldSpec spec = IsoFields.spec(field);
        if (!spec.type().isNumeric())
        {
            throw new IllegalArgumentException("field " + field + " is " + spec.type() + ", not numeric");
        }
        return spec;
    }

    private static void checkDigitCount(final IsoFieldSpec spec, final int digitCount)
    {
        if (spec.type().isVariable() ? digitCount < 0 || digitCount > spec.maxLength() : digitCount != spec.maxLength())
        {
            throw new IllegalArgumentException(digitCount + " digits do not fit field " + spec);
        }
    }

    private static void checkLength(final IsoFieldSpec spec, final int units)
    {
        if (units < 0 || units > spec.maxLength())
        {
            throw new IllegalArgumentException(units + " units are too long for field " + spec);
        }
    }

    private static int digitsOf(final long value)
    {
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits])
        {
            digits++;
        }
        return digits;
    }

    private static int bcdByte(final int twoDigits)
    {
        return ((twoDigits / 10) << 4) | (twoDigits % 10);
    }

    private void requireCapacity(final int limit)
    {
        if (limit > buffer.capacity())
        {
            throw new IllegalStateException("message needs " + (limit - start) + " bytes from offset " + start +
                " but the buffer holds " + buffer.capacity());
        }
    }

    private void requireOpen()
    {
        if (finished)
        {
            throw new IllegalStateException("writer not wrapped, or already finished");
        }
    }
}
