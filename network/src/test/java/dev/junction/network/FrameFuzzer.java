package dev.junction.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFieldSpec;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Hostile frames for {@link FuzzOverTcpTest}, from a seeded {@link Random}: valid messages of every class
 * mutated (bit flips, truncation, LL/LLL lengths over the maximum or not BCD, BCD nibbles above 9, bitmap
 * bits without their fields, bytes added or removed, MTIs changed), pure random bytes, and now and then a
 * frame whose 2-byte length lies. Also says, from the switch's own decoder and the rules of
 * {@link AcquirerSession}, what the switch must do with a frame. One per thread.
 */
final class FrameFuzzer
{
    /** The switch answers it (30 when it did not decode). */
    static final int ANSWER = 0;
    /** A well-formed message the switch does not answer (a response or notification MTI). */
    static final int SILENT = 1;
    /** The switch closes the connection: nothing can be answered. */
    static final int CLOSE = 2;
    /** A keep-alive: skipped. */
    static final int SKIP = 3;

    private static final int[] OTHER_MTIS = {110, 210, 300, 401, 421, 500, 810, 820, 1100, 9990, 120, 221, 801};
    private static final List<Base> BASES = new ArrayList<>();

    private final Random random;
    private final int maxFrameBytes;
    private final IsoMessage view = new IsoMessage();
    private final UnsafeBuffer viewBuffer = new UnsafeBuffer(new byte[0]);
    private byte[] body;
    private int declaredLength;

    /** A valid message to mutate, with where its fields are. */
    private record Base(String name, byte[] bytes, int[] fields, int[] offsets, int[] lengths)
    {
    }

    static
    {
        try
        {
            final ISOMsg authorization = TestSwitch.request("0100", TestSwitch.ACTIVE, 1_500, 101);
            final ISOMsg purchase = TestSwitch.request("0200", TestSwitch.EMPTY, 700, 102);
            final ISOMsg completion = TestSwitch.request("0220", TestSwitch.ACTIVE, 1_000, 103);
            completion.set(38, "A00001");
            final ISOMsg reversal = TestSwitch.request("0400", TestSwitch.ACTIVE, 1_500, 104);
            reversal.set(90, String.format("0100%06d%s%011d%011d", 101, "1121120000", 123456L, 0L));
            final ISOMsg adviceReversal = TestSwitch.request("0420", TestSwitch.ACTIVE, 700, 105);
            adviceReversal.set(90, String.format("0200%06d%s%011d%011d", 102, "1121120000", 123456L, 0L));
            adviceReversal.set(95, "000000000500000000000500000000000000000000");
            final ISOMsg inquiry = TestSwitch.request("0100", TestSwitch.ACTIVE, 0, 106);
            inquiry.set(3, "310000");
            inquiry.set(14, "3012");
            inquiry.set(35, "4000000000000001=30121010000000000");
            inquiry.set(43, "FUZZ STORE               CITY        US");
            inquiry.set(52, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            add("0100", authorization);
            add("0200", purchase);
            add("0220", completion);
            add("0400", reversal);
            add("0420", adviceReversal);
            add("0100 inquiry", inquiry);
            add("0800 sign-on", TestSwitch.networkManagement("001", 107));
            add("0800 echo", TestSwitch.networkManagement("301", 108));
        }
        catch (final ISOException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static void add(final String name, final ISOMsg msg) throws ISOException
    {
        final byte[] bytes = RawClient.pack(msg);
        final IsoMessage decoded = new IsoMessage();
        if (decoded.wrap(new UnsafeBuffer(bytes), 0, bytes.length) != IsoDecodeStatus.OK)
        {
            throw new IllegalStateException("base message " + name + " does not decode");
        }
        final List<Integer> present = new ArrayList<>();
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            if (decoded.has(field))
            {
                present.add(field);
            }
        }
        final int[] fields = present.stream().mapToInt(Integer::intValue).toArray();
        final int[] offsets = Arrays.stream(fields).map(decoded::fieldOffset).toArray();
        final int[] lengths = Arrays.stream(fields).map(decoded::fieldLength).toArray();
        BASES.add(new Base(name, bytes, fields, offsets, lengths));
    }

    FrameFuzzer(final long seed, final int maxFrameBytes)
    {
        this.random = new Random(seed);
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Makes the next frame: {@link #body()} behind a length of {@link #declaredLength()}.
     *
     * @return a short description of how it was made, for a failure message.
     */
    String next()
    {
        final int roll = random.nextInt(1000);
        if (roll < 3)
        {
            body = randomBytes(1 + random.nextInt(600));
            declaredLength = lie(body.length);
            return "random bytes behind a lying length";
        }
        if (roll < 6)
        {
            body = mutated(BASES.get(random.nextInt(BASES.size())), new StringBuilder());
            declaredLength = lie(body.length);
            return "a mutated message behind a lying length";
        }
        if (roll < 7)
        {
            body = randomBytes(maxFrameBytes + 1 + random.nextInt(64));
            declaredLength = body.length;
            return "a frame over the size limit";
        }
        if (roll < 8)
        {
            body = new byte[0];
            declaredLength = 0;
            return "a keep-alive";
        }
        if (roll < 25)
        {
            body = randomBytes(1 + random.nextInt(600));
            declaredLength = body.length;
            return "random bytes";
        }
        final Base base = BASES.get(random.nextInt(BASES.size()));
        final StringBuilder how = new StringBuilder(base.name());
        body = roll < 80 ? base.bytes().clone() : mutated(base, how);
        declaredLength = body.length;
        return how.toString();
    }

    byte[] body()
    {
        return body;
    }

    int declaredLength()
    {
        return declaredLength;
    }

    /** @return whether the 2-byte length disagrees with the body: the stream after it cannot be predicted. */
    boolean lies()
    {
        return declaredLength != body.length;
    }

    /** @return what the switch must do with the current frame ({@link #ANSWER}, ...), its length being true. */
    int expectation()
    {
        if (body.length == 0)
        {
            return SKIP;
        }
        if (body.length > maxFrameBytes)
        {
            return CLOSE;
        }
        final int status = decode(body);
        if (!view.isAddressable())
        {
            return CLOSE;
        }
        if (Authorizer.responseMti(view.mti()) >= 0)
        {
            return ANSWER;
        }
        return status == IsoDecodeStatus.OK ? SILENT : CLOSE;
    }

    /** @return the MTI of the answer the current frame must get. */
    int responseMti()
    {
        return Authorizer.responseMti(view.mti());
    }

    /** @return whether the current frame decoded whole (otherwise its answer must be 30). */
    boolean decodedWhole()
    {
        return view.status() == IsoDecodeStatus.OK;
    }

    /** @return the current frame's STAN as decoded, or -1 when it did not decode that far. */
    long stan()
    {
        return view.has(IsoFields.STAN) ? view.numeric(IsoFields.STAN) : -1;
    }

    private int decode(final byte[] bytes)
    {
        viewBuffer.wrap(bytes);
        return view.wrap(viewBuffer, 0, bytes.length);
    }

    private byte[] mutated(final Base base, final StringBuilder how)
    {
        byte[] bytes = base.bytes().clone();
        final int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations && bytes.length > 0; i++)
        {
            final int kind = random.nextInt(8);
            how.append(' ');
            switch (kind)
            {
                case 0:
                {
                    final int bit = random.nextInt(bytes.length * 8);
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                    how.append("bit flip at byte ").append(bit / 8);
                    break;
                }
                case 1:
                {
                    final int keep = random.nextInt(bytes.length);
                    bytes = Arrays.copyOf(bytes, keep);
                    how.append("truncated to ").append(keep);
                    break;
                }
                case 2:
                    how.append(overflowLength(base, bytes));
                    break;
                case 3:
                    how.append(badNibble(base, bytes));
                    break;
                case 4:
                {
                    final int field = bitmapBitWithoutField(base, bytes);
                    how.append("bitmap bit ").append(field).append(" without its field");
                    break;
                }
                case 5:
                {
                    final int added = 1 + random.nextInt(24);
                    final int at = random.nextInt(bytes.length + 1);
                    final byte[] longer = new byte[bytes.length + added];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(randomBytes(added), 0, longer, at, added);
                    System.arraycopy(bytes, at, longer, at + added, bytes.length - at);
                    bytes = longer;
                    how.append(added).append(" bytes inserted at ").append(at);
                    break;
                }
                case 6:
                {
                    final int from = random.nextInt(bytes.length);
                    final int removed = Math.min(bytes.length - from, 1 + random.nextInt(8));
                    final byte[] shorter = new byte[bytes.length - removed];
                    System.arraycopy(bytes, 0, shorter, 0, from);
                    System.arraycopy(bytes, from + removed, shorter, from, bytes.length - from - removed);
                    bytes = shorter;
                    how.append(removed).append(" bytes removed at ").append(from);
                    break;
                }
                default:
                {
                    if (bytes.length >= 2)
                    {
                        final int mti = OTHER_MTIS[random.nextInt(OTHER_MTIS.length)];
                        bytes[0] = (byte)(((mti / 1000) << 4) | (mti / 100 % 10));
                        bytes[1] = (byte)(((mti / 10 % 10) << 4) | (mti % 10));
                        how.append("MTI ").append(String.format("%04d", mti));
                    }
                    break;
                }
            }
        }
        return bytes;
    }

    /** Sets a present LL/LLL field's length prefix over the field's maximum, or to a non-BCD byte. */
    private String overflowLength(final Base base, final byte[] bytes)
    {
        final List<Integer> variable = new ArrayList<>();
        for (int i = 0; i < base.fields().length; i++)
        {
            if (IsoFields.spec(base.fields()[i]).type().isVariable() && base.offsets()[i] + 1 < bytes.length)
            {
                variable.add(i);
            }
        }
        if (variable.isEmpty())
        {
            return "no LL field to overflow";
        }
        final int i = variable.get(random.nextInt(variable.size()));
        final IsoFieldSpec spec = IsoFields.spec(base.fields()[i]);
        final int offset = base.offsets()[i];
        final boolean notBcd = random.nextBoolean();
        if (spec.prefixLength() == 1)
        {
            final int over = Math.min(99, spec.maxLength() + 1 + random.nextInt(10));
            bytes[offset] = notBcd ? (byte)0xAB : (byte)(((over / 10) << 4) | (over % 10));
        }
        else
        {
            final int over = Math.min(999, spec.maxLength() + 1 + random.nextInt(100));
            bytes[offset] = notBcd ? (byte)0x0F : (byte)(over / 100);
            bytes[offset + 1] = (byte)(((over / 10 % 10) << 4) | (over % 10));
        }
        return "field " + spec.field() + " length " + (notBcd ? "not BCD" : "over its maximum");
    }

    /** Puts a nibble above 9 into a present numeric field's value. */
    private String badNibble(final Base base, final byte[] bytes)
    {
        final List<Integer> numeric = new ArrayList<>();
        for (int i = 0; i < base.fields().length; i++)
        {
            final IsoFieldSpec spec = IsoFields.spec(base.fields()[i]);
            if (spec.type().isNumeric() && base.offsets()[i] + base.lengths()[i] <= bytes.length)
            {
                numeric.add(i);
            }
        }
        if (numeric.isEmpty())
        {
            return "no numeric field for a bad nibble";
        }
        final int i = numeric.get(random.nextInt(numeric.size()));
        final IsoFieldSpec spec = IsoFields.spec(base.fields()[i]);
        final int valueOffset = base.offsets()[i] + spec.prefixLength();
        final int valueLength = base.lengths()[i] - spec.prefixLength();
        final int at = valueOffset + random.nextInt(Math.max(1, valueLength));
        final int nibble = 10 + random.nextInt(6);
        bytes[at] = random.nextBoolean() ? (byte)((bytes[at] & 0x0F) | (nibble << 4)) : (byte)((bytes[at] & 0xF0) | nibble);
        return "field " + spec.field() + " nibble " + Integer.toHexString(nibble);
    }

    /** Sets a bitmap bit whose field is absent, so the decoder reads what follows as that field. */
    private int bitmapBitWithoutField(final Base base, final byte[] bytes)
    {
        final boolean secondary = bytes.length >= 3 && (bytes[2] & 0x80) != 0;
        final int fields = secondary && bytes.length >= 18 ? 128 : 64;
        for (int attempt = 0; attempt < 16; attempt++)
        {
            final int field = 1 + random.nextInt(fields);
            final int index = 2 + (field - 1) / 8;
            final int mask = 0x80 >>> ((field - 1) % 8);
            if (index < bytes.length && (bytes[index] & mask) == 0)
            {
                bytes[index] |= (byte)mask;
                return field;
            }
        }
        return 0;
    }

    private int lie(final int length)
    {
        final int delta = 1 + random.nextInt(40);
        final int declared = Math.max(1, Math.min(0xFFFF, random.nextBoolean() ? length + delta : length - delta));
        return declared == length ? length + 1 : declared;
    }

    private byte[] randomBytes(final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
