package dev.junction.core.iso;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the reader does with input that is not a well-formed message: a status and the failing
 * field, never an exception, and the fields before the failure still readable.
 */
class IsoMessageMalformedInputTest
{
    private static final int[] FIELDS_OF_REQUEST = {2, 3, 4, 11, 22, 32, 41, 54, 70};

    private final IsoMessage msg = new IsoMessage();
    private byte[] request;

    @BeforeEach
    void packValidRequest() throws ISOException
    {
        final Map<Integer, Object> fields = new LinkedHashMap<>();
        fields.put(2, "4000001234567899");
        fields.put(3, "000000");
        fields.put(4, "000000012345");
        fields.put(11, "004711");
        fields.put(22, "051");
        fields.put(32, "12345");
        fields.put(41, "TERM0001");
        fields.put(54, "1001840C000000002000");
        fields.put(70, "301");
        request = JposOracle.pack(100, fields);
        assertEquals(IsoDecodeStatus.OK, wrap(request));
    }

    private int wrap(final byte[] bytes)
    {
        return msg.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private int offsetOf(final int field)
    {
        wrap(request);
        return msg.fieldOffset(field);
    }

    private void assertFailsAt(final int status, final int field)
    {
        assertEquals(IsoDecodeStatus.describe(status), IsoDecodeStatus.describe(msg.status()), msg::toString);
        assertEquals(field, msg.errorField());
        for (final int present : FIELDS_OF_REQUEST)
        {
            assertEquals(present < field, msg.has(present), "field " + present + " after failure at " + field);
        }
    }

    @Test
    void emptyBufferIsTruncatedMtiAndNotAddressable()
    {
        assertEquals(IsoDecodeStatus.TRUNCATED_MTI, wrap(new byte[0]));
        assertEquals(0, msg.errorField());
        assertFalse(msg.isAddressable());
        assertEquals(-1, msg.mti());
        assertFalse(msg.has(IsoFields.PAN));
    }

    @Test
    void oneByteIsTruncatedMti()
    {
        assertEquals(IsoDecodeStatus.TRUNCATED_MTI, wrap(new byte[] {0x01}));
    }

    @Test
    void mtiWithNibbleAboveNineIsInvalidMti()
    {
        request[1] = 0x0A;
        assertEquals(IsoDecodeStatus.INVALID_MTI, wrap(request));
        assertFalse(msg.isAddressable());
    }

    @Test
    void primaryBitmapCutShortIsTruncatedBitmap()
    {
        assertEquals(IsoDecodeStatus.TRUNCATED_BITMAP, wrap(Arrays.copyOf(request, 9)));
        assertEquals(0, msg.errorField());
        assertFalse(msg.isAddressable());
        assertEquals(100, msg.mti());
    }

    @Test
    void secondaryBitmapCutShortIsTruncatedBitmap()
    {
        assertEquals(IsoDecodeStatus.TRUNCATED_BITMAP, wrap(Arrays.copyOf(request, 17)));
        assertFalse(msg.isAddressable());
    }

    @Test
    void digitNibbleAboveNineIsInvalidBcdAndEarlierFieldsStayReadable()
    {
        request[offsetOf(11) + 1] = 0x4B;

        assertEquals(IsoDecodeStatus.INVALID_BCD, wrap(request));
        assertFailsAt(IsoDecodeStatus.INVALID_BCD, 11);
        assertTrue(msg.isAddressable());
        assertEquals(100, msg.mti());
        assertEquals(12345, msg.numeric(IsoFields.AMOUNT_TRANSACTION));
        assertEquals(4000001234567899L, msg.panKey(IsoFields.PAN));
        assertThrows(IllegalStateException.class, () -> msg.numeric(IsoFields.STAN));
    }

    @Test
    void fieldsBeforeTheFailureCanBeEchoedIntoAFormatErrorAnswer()
    {
        request[offsetOf(11) + 1] = 0x4B;
        wrap(request);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);

        final IsoWriter writer = new IsoWriter().wrap(out, 0).mti(110);
        writer.copyField(msg, IsoFields.PAN).copyField(msg, IsoFields.PROCESSING_CODE).copyField(msg, IsoFields.AMOUNT_TRANSACTION);
        writer.putChars(IsoFields.RESPONSE_CODE, new byte[] {'3', '0'});
        final int length = writer.finish();

        final IsoMessage answer = new IsoMessage();
        assertEquals(IsoDecodeStatus.OK, answer.wrap(out, 0, length));
        assertEquals(4000001234567899L, answer.panKey(IsoFields.PAN));
        assertEquals(12345, answer.numeric(IsoFields.AMOUNT_TRANSACTION));
        assertTrue(answer.charEquals(IsoFields.RESPONSE_CODE, new byte[] {'3', '0'}));
    }

    @Test
    void nonZeroPadNibblesAreAcceptedAsJposIgnoresThem() throws ISOException
    {
        final byte[] oddPan = JposOracle.pack(100, Map.of(2, "4000001234567", 22, "051"));
        wrap(oddPan);
        final int lastPanByte = msg.valueOffset(2) + msg.valueLength(2) - 1;
        final int leftPadByte = msg.valueOffset(22);
        oddPan[lastPanByte] |= 0x0F;
        oddPan[leftPadByte] |= (byte)0xF0;

        assertEquals(IsoDecodeStatus.OK, wrap(oddPan));
        assertEquals(4000001234567L, msg.panKey(IsoFields.PAN));
        assertEquals(51, msg.numeric(IsoFields.POS_ENTRY_MODE));
        assertEquals(JposOracle.valuesOf(JposOracle.unpack(oddPan)), JposOracle.valuesOf(msg));
    }

    @Test
    void trackSeparatorNibbleIsOnlyLegalInTrack2() throws ISOException
    {
        final byte[] track2 = JposOracle.pack(100, Map.of(35, "4000001234567899=2712101"));
        assertEquals(IsoDecodeStatus.OK, wrap(track2));
        assertEquals(0xD, msg.digitAt(35, 16));

        request[offsetOf(2) + 3] = (byte)0xD1;
        assertEquals(IsoDecodeStatus.INVALID_BCD, wrap(request));
        assertEquals(2, msg.errorField());
    }

    @Test
    void llLengthOverTheFieldMaximumIsInvalidLength()
    {
        request[offsetOf(2)] = 0x20;
        assertEquals(IsoDecodeStatus.INVALID_LENGTH, wrap(request));
        assertFailsAt(IsoDecodeStatus.INVALID_LENGTH, 2);
        assertTrue(msg.isAddressable());
    }

    @Test
    void llLengthThatIsNotBcdIsInvalidLength()
    {
        request[offsetOf(32)] = 0x0A;
        assertEquals(IsoDecodeStatus.INVALID_LENGTH, wrap(request));
        assertFailsAt(IsoDecodeStatus.INVALID_LENGTH, 32);
    }

    @Test
    void lllLengthOverTheFieldMaximumIsInvalidLength()
    {
        final int prefix = offsetOf(54);
        request[prefix] = 0x01;
        request[prefix + 1] = 0x21;
        assertEquals(IsoDecodeStatus.INVALID_LENGTH, wrap(request));
        assertFailsAt(IsoDecodeStatus.INVALID_LENGTH, 54);

        request[prefix] = 0x10;
        request[prefix + 1] = 0x00;
        assertEquals(IsoDecodeStatus.INVALID_LENGTH, wrap(request));
    }

    @Test
    void fieldCutShortIsTruncatedField()
    {
        final byte[] cut = Arrays.copyOf(request, offsetOf(41) + 5);
        assertEquals(IsoDecodeStatus.TRUNCATED_FIELD, wrap(cut));
        assertFailsAt(IsoDecodeStatus.TRUNCATED_FIELD, 41);
    }

    @Test
    void lengthPrefixCutShortIsTruncatedField()
    {
        final byte[] cut = Arrays.copyOf(request, offsetOf(54) + 1);
        assertEquals(IsoDecodeStatus.TRUNCATED_FIELD, wrap(cut));
        assertFailsAt(IsoDecodeStatus.TRUNCATED_FIELD, 54);
    }

    @Test
    void bytesAfterTheLastFieldAreTrailingBytesWithEveryFieldReadable()
    {
        final byte[] longer = Arrays.copyOf(request, request.length + 3);
        assertEquals(IsoDecodeStatus.TRAILING_BYTES, wrap(longer));
        assertEquals(0, msg.errorField());
        for (final int field : FIELDS_OF_REQUEST)
        {
            assertTrue(msg.has(field), "field " + field);
        }
        assertEquals(301, msg.numeric(IsoFields.NETWORK_MGMT_CODE));
    }

    @Test
    void accessorsRefuseAbsentFieldsAndFieldsOfAnotherKind()
    {
        assertThrows(IllegalStateException.class, () -> msg.numeric(IsoFields.STAN + 1));
        assertThrows(IllegalStateException.class, () -> msg.fieldOffset(IsoFields.RRN));
        assertThrows(IllegalStateException.class, () -> msg.numeric(IsoFields.TERMINAL_ID));
        assertThrows(IllegalStateException.class, () -> msg.charAt(IsoFields.PAN, 0));
        assertFalse(msg.has(1));
        assertFalse(msg.has(129));
    }

    @Test
    void randomGarbageNeverThrowsAndWhatItAcceptsJposReadsTheSame() throws ISOException
    {
        final Random random = new Random(42);
        final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++)
        {
            final byte[] bytes;
            if (random.nextBoolean())
            {
                bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
            }
            else
            {
                bytes = Arrays.copyOf(request, random.nextInt(request.length + 4));
                for (int flips = random.nextInt(4); flips > 0 && bytes.length > 0; flips--)
                {
                    bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                }
            }
            view.wrap(bytes);
            final int status = msg.wrap(view, 0, bytes.length);
            assertTrue(status >= IsoDecodeStatus.OK && status <= IsoDecodeStatus.TRAILING_BYTES, "status " + status);
            assertEquals(status, msg.status());
            if (status == IsoDecodeStatus.OK)
            {
                accepted++;
                assertEquals(JposOracle.valuesOf(JposOracle.unpack(bytes)), JposOracle.valuesOf(msg), () -> ISOUtil.hexString(bytes));
            }
            else
            {
                assertEquals(status > IsoDecodeStatus.TRUNCATED_BITMAP, msg.isAddressable(), IsoDecodeStatus.describe(status));
            }
        }
        assertTrue(accepted > 100, "accepted only " + accepted);
    }

    @Test
    void everyStatusHasAName()
    {
        for (int status = IsoDecodeStatus.OK; status <= IsoDecodeStatus.TRAILING_BYTES; status++)
        {
            assertFalse(IsoDecodeStatus.describe(status).startsWith("UNKNOWN"), "status " + status);
        }
        assertEquals("UNKNOWN(99)", IsoDecodeStatus.describe(99));
    }

    @Test
    void spanOutsideTheBufferIsACallerBug()
    {
        assertThrows(IllegalArgumentException.class, () -> msg.wrap(new UnsafeBuffer(request), 1, request.length));
        assertThrows(IllegalArgumentException.class, () -> msg.wrap(new UnsafeBuffer(request), -1, 2));
    }
}
