package dev.junction.core.iso;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random messages over all 128 fields, every type at random legal lengths: jPOS and our
 * codec must agree byte for byte and value for value.
 */
class IsoRandomMessagesTest
{
    private static final long SEED = 0x1508_8583L;
    private static final int MESSAGES = 3_000;
    private static final int[] MTIS = {100, 110, 200, 210, 220, 230, 400, 401, 410, 420, 421, 430, 800, 810};

    @Test
    void randomMessagesOverAllFieldsMatchJposBothWays() throws ISOException
    {
        final Random random = new Random(SEED);
        final IsoWriter writer = new IsoWriter();
        final IsoMessage reader = new IsoMessage();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
        final boolean[] fieldSeen = new boolean[IsoFields.MAX_FIELD + 1];

        for (int i = 0; i < MESSAGES; i++)
        {
            final int mti = random.nextBoolean() ? MTIS[random.nextInt(MTIS.length)] : random.nextInt(10_000);
            final Map<Integer, Object> fields = randomFields(random, 0.05 + random.nextDouble() * 0.4);
            fields.keySet().forEach(field -> fieldSeen[field] = true);
            final String context = "message " + i + " mti " + mti + " fields " + fields.keySet();

            final byte[] jposBytes = JposOracle.pack(mti, fields);
            final int length = JposOracle.write(writer, buffer, 3, mti, fields, random.nextBoolean());
            final byte[] ourBytes = Arrays.copyOfRange(buffer.byteArray(), 3, 3 + length);
            assertArrayEquals(jposBytes, ourBytes, () -> context + "\njPOS " + ISOUtil.hexString(jposBytes) + "\nours " + ISOUtil.hexString(ourBytes));

            final UnsafeBuffer jposView = new UnsafeBuffer(jposBytes);
            assertEquals(IsoDecodeStatus.OK, reader.wrap(jposView, 0, jposBytes.length), context);
            assertEquals(mti, reader.mti(), context);
            assertEquals(JposOracle.valuesOf(JposOracle.unpack(jposBytes)), JposOracle.valuesOf(reader), context);
        }
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            assertTrue(fieldSeen[field], "field " + field + " never generated");
        }
    }

    static Map<Integer, Object> randomFields(final Random random, final double density)
    {
        final Map<Integer, Object> fields = new TreeMap<>();
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            if (random.nextDouble() < density)
            {
                fields.put(field, randomValue(random, IsoFields.spec(field)));
            }
        }
        return fields;
    }

    static Object randomValue(final Random random, final IsoFieldSpec spec)
    {
        final int max = spec.maxLength();
        switch (spec.type())
        {
            case NUMERIC_FIXED:
                return randomDigits(random, random.nextInt(4) == 0 ? random.nextInt(max + 1) : max, false);
            case NUMERIC_LLVAR:
                return randomDigits(random, random.nextInt(max + 1), spec.allowsSeparator());
            case CHAR_FIXED:
            case CHAR_LLVAR:
            case CHAR_LLLVAR:
                final byte[] chars = new byte[random.nextInt(max + 1)];
                for (int i = 0; i < chars.length; i++)
                {
                    chars[i] = (byte)random.nextInt(256);
                }
                return new String(chars, StandardCharsets.ISO_8859_1);
            case BINARY_FIXED:
                final byte[] bytes = new byte[max];
                random.nextBytes(bytes);
                return bytes;
            case AMOUNT:
                return (random.nextBoolean() ? "C" : "D") + randomDigits(random, 1 + random.nextInt(max - 1), false);
            default:
                throw new IllegalStateException("unexpected type " + spec.type());
        }
    }

    private static String randomDigits(final Random random, final int count, final boolean withSeparator)
    {
        final StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++)
        {
            digits.append((char)('0' + random.nextInt(10)));
        }
        if (withSeparator && count > 0)
        {
            digits.setCharAt(random.nextInt(count), '=');
        }
        return digits.toString();
    }
}
