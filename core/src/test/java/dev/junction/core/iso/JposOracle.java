package dev.junction.core.iso;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.agrona.MutableDirectBuffer;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * Test support: builds, packs and unpacks messages with jPOS 2.1.10 {@link ISO87BPackager}, the
 * oracle of the wire dialect, and brings our codec's view of a message into the same form.
 *
 * <p>Field values travel as jPOS holds them: a String for numeric, char and amount fields (track 2
 * separators as '=', amount as sign then digits) and a byte[] for binary fields. For comparison
 * both sides are normalised to a map of field to String, binary values in hex.
 */
final class JposOracle
{
    static final ISO87BPackager PACKAGER = new ISO87BPackager();

    private JposOracle()
    {
    }

    static ISOMsg message(final int mti, final Map<Integer, Object> fields) throws ISOException
    {
        final ISOMsg msg = new ISOMsg();
        msg.setPackager(PACKAGER);
        msg.setMTI(mtiText(mti));
        for (final Map.Entry<Integer, Object> entry : fields.entrySet())
        {
            if (entry.getValue() instanceof byte[])
            {
                msg.set(entry.getKey(), (byte[])entry.getValue());
            }
            else
            {
                msg.set(entry.getKey(), (String)entry.getValue());
            }
        }
        return msg;
    }

    static byte[] pack(final int mti, final Map<Integer, Object> fields) throws ISOException
    {
        return message(mti, fields).pack();
    }

    static ISOMsg unpack(final byte[] bytes) throws ISOException
    {
        final ISOMsg msg = new ISOMsg();
        msg.setPackager(PACKAGER);
        final int consumed = msg.unpack(bytes);
        if (consumed != bytes.length)
        {
            throw new ISOException("jPOS consumed " + consumed + " of " + bytes.length + " bytes");
        }
        return msg;
    }

    static String mtiText(final int mti)
    {
        return String.format("%04d", mti);
    }

    /**
     * The values jPOS holds after unpacking, normalised.
     */
    static SortedMap<Integer, String> valuesOf(final ISOMsg msg)
    {
        final SortedMap<Integer, String> values = new TreeMap<>();
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            final ISOComponent component = msg.getComponent(field);
            if (component != null)
            {
                values.put(field, normalise(msg.getValue(field)));
            }
        }
        return values;
    }

    /**
     * The values our reader decoded, read through its public accessors, normalised as jPOS would
     * hold them.
     */
    static SortedMap<Integer, String> valuesOf(final IsoMessage msg)
    {
        final SortedMap<Integer, String> values = new TreeMap<>();
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            if (msg.has(field))
            {
                values.put(field, valueOf(msg, field));
            }
        }
        return values;
    }

    static String valueOf(final IsoMessage msg, final int field)
    {
        final IsoFieldType type = IsoFields.spec(field).type();
        final StringBuilder text = new StringBuilder();
        if (type.isNumeric() || type == IsoFieldType.AMOUNT)
        {
            if (type == IsoFieldType.AMOUNT)
            {
                text.append((char)msg.amountSign(field));
            }
            for (int i = 0; i < msg.digitCount(field); i++)
            {
                final int digit = msg.digitAt(field, i);
                text.append(digit == 0xD ? '=' : (char)('0' + digit));
            }
        }
        else if (type.isChar())
        {
            for (int i = 0; i < msg.digitCount(field); i++)
            {
                text.append((char)msg.charAt(field, i));
            }
        }
        else
        {
            final byte[] bytes = new byte[msg.valueLength(field)];
            msg.buffer().getBytes(msg.valueOffset(field), bytes);
            return ISOUtil.hexString(bytes);
        }
        return text.toString();
    }

    static SortedMap<Integer, String> normalise(final Map<Integer, Object> fields)
    {
        final SortedMap<Integer, String> values = new TreeMap<>();
        fields.forEach((field, value) -> values.put(field, normalise(value)));
        return values;
    }

    private static String normalise(final Object value)
    {
        return value instanceof byte[] ? ISOUtil.hexString((byte[])value) : (String)value;
    }

    /**
     * Writes the fields with our writer, choosing the writer method by field type; numeric values
     * that fit a long go through putNumeric unless {@code preferDigits}, to exercise both paths.
     */
    static int write(
        final IsoWriter writer,
        final MutableDirectBuffer buffer,
        final int offset,
        final int mti,
        final Map<Integer, Object> fields,
        final boolean preferDigits)
    {
        writer.wrap(buffer, offset).mti(mti);
        for (final Map.Entry<Integer, Object> entry : new TreeMap<>(fields).entrySet())
        {
            final int field = entry.getKey();
            final IsoFieldSpec spec = IsoFields.spec(field);
            switch (spec.type())
            {
                case NUMERIC_FIXED:
                case NUMERIC_LLVAR:
                    writeNumeric(writer, spec, (String)entry.getValue(), preferDigits);
                    break;
                case CHAR_FIXED:
                case CHAR_LLVAR:
                case CHAR_LLLVAR:
                    writer.putChars(field, ((String)entry.getValue()).getBytes(StandardCharsets.ISO_8859_1));
                    break;
                case BINARY_FIXED:
                    writer.putBinary(field, (byte[])entry.getValue());
                    break;
                case AMOUNT:
                    final String amount = (String)entry.getValue();
                    writer.putAmount(field, (byte)amount.charAt(0), amount.length() == 1 ? 0 : Long.parseLong(amount.substring(1)));
                    break;
                default:
                    throw new IllegalStateException("unexpected type " + spec.type());
            }
        }
        return writer.finish();
    }

    private static void writeNumeric(final IsoWriter writer, final IsoFieldSpec spec, final String digits, final boolean preferDigits)
    {
        final boolean fitsLong = !digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(Character::isDigit);
        if (preferDigits || !fitsLong)
        {
            writer.putDigits(spec.field(), digits.getBytes(StandardCharsets.US_ASCII));
        }
        else if (spec.type().isVariable())
        {
            writer.putNumeric(spec.field(), Long.parseLong(digits), digits.length());
        }
        else
        {
            writer.putNumeric(spec.field(), Long.parseLong(digits));
        }
    }
}
