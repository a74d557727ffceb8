package dev.junction.core.iso;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message class the switch handles, with realistic fields, read and written by our codec and
 * by jPOS ISO87BPackager: both must agree on every value and on every byte.
 */
class IsoJposCrossCheckTest
{
    private static final String PAN_16 = "4000001234567899";
    private static final String PAN_19 = "6011000990139424123";
    private static final String TRACK_2_ODD = "4000001234567899=27121010000012300";
    private static final byte[] PIN_BLOCK = ISOUtil.hex2byte("0123456789ABCDEF");
    private static final byte[] MAC = ISOUtil.hex2byte("FEDCBA9876543210");

    static Stream<Arguments> messageClasses()
    {
        return Stream.of(
            Arguments.of(100, authorizationRequest(PAN_16)),
            Arguments.of(100, authorizationRequest(PAN_19)),
            Arguments.of(110, response(PAN_16, "00", "A1B2C3")),
            Arguments.of(110, response(PAN_19, "51", null)),
            Arguments.of(200, financialRequest()),
            Arguments.of(210, withSecondary(response(PAN_19, "00", "123456"))),
            Arguments.of(220, advice()),
            Arguments.of(230, response(PAN_16, "00", null)),
            Arguments.of(400, reversal(PAN_16)),
            Arguments.of(401, reversal(PAN_19)),
            Arguments.of(410, reversalResponse()),
            Arguments.of(420, reversal(PAN_19)),
            Arguments.of(421, reversal(PAN_16)),
            Arguments.of(430, reversalResponse()),
            Arguments.of(800, networkManagement("001", false)),
            Arguments.of(800, networkManagement("301", false)),
            Arguments.of(810, networkManagement("002", true)));
    }

    private static Map<Integer, Object> authorizationRequest(final String pan)
    {
        final Map<Integer, Object> fields = new LinkedHashMap<>();
        fields.put(2, pan);
        fields.put(3, "000000");
        fields.put(4, "000000012345");
        fields.put(7, "0615103045");
        fields.put(11, "004711");
        fields.put(12, "103045");
        fields.put(13, "0615");
        fields.put(14, "2712");
        fields.put(18, "5411");
        fields.put(19, "840");
        fields.put(22, "051");
        fields.put(32, "12345678901");
        fields.put(35, TRACK_2_ODD);
        fields.put(37, "417510000123");
        fields.put(41, "TERM0001");
        fields.put(42, "MERCHANT000001");
        fields.put(43, "CORNER GROCERY         SPRINGFIELD   US");
        fields.put(49, "840");
        fields.put(52, PIN_BLOCK);
        return fields;
    }

    private static Map<Integer, Object> financialRequest()
    {
        final Map<Integer, Object> fields = authorizationRequest(PAN_19);
        fields.put(3, "010000");
        fields.put(32, "4711");
        fields.put(54, "1001840C000000002000");
        fields.put(128, MAC);
        return fields;
    }

    private static Map<Integer, Object> response(final String pan, final String responseCode, final String authId)
    {
        final Map<Integer, Object> fields = new LinkedHashMap<>();
        fields.put(2, pan);
        fields.put(3, "000000");
        fields.put(4, "1000");
        fields.put(7, "0615103045");
        fields.put(11, "4711");
        fields.put(12, "103045");
        fields.put(13, "0615");
        fields.put(32, "123");
        fields.put(37, "417510000123");
        if (authId != null)
        {
            fields.put(38, authId);
        }
        fields.put(39, responseCode);
        fields.put(41, "TERM01");
        fields.put(42, "MERCHANT01");
        fields.put(49, "978");
        return fields;
    }

    private static Map<Integer, Object> withSecondary(final Map<Integer, Object> fields)
    {
        fields.put(54, "1001840C000000002000");
        fields.put(128, MAC);
        return fields;
    }

    private static Map<Integer, Object> advice()
    {
        final Map<Integer, Object> fields = response(PAN_19, "00", "654321");
        fields.remove(39);
        fields.put(22, "021");
        return fields;
    }

    private static Map<Integer, Object> reversal(final String pan)
    {
        final Map<Integer, Object> fields = response(pan, "00", null);
        fields.remove(39);
        fields.put(90, "010000471106151030450000001234500000000000");
        fields.put(95, "000000000500000000000500C00000000C00000000");
        return fields;
    }

    private static Map<Integer, Object> reversalResponse()
    {
        final Map<Integer, Object> fields = response(PAN_16, "00", null);
        fields.put(90, "0100004711061510304500000012345");
        return fields;
    }

    private static Map<Integer, Object> networkManagement(final String code, final boolean response)
    {
        final Map<Integer, Object> fields = new LinkedHashMap<>();
        fields.put(7, "0615103045");
        fields.put(11, "000042");
        if (response)
        {
            fields.put(39, "00");
        }
        fields.put(70, code);
        return fields;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageClasses")
    void ourReaderReadsWhatJposPacked(final int mti, final Map<Integer, Object> fields) throws ISOException
    {
        final byte[] packed = JposOracle.pack(mti, fields);
        final IsoMessage msg = new IsoMessage();

        assertEquals(IsoDecodeStatus.OK, msg.wrap(new UnsafeBuffer(packed), 0, packed.length), msg::toString);
        assertEquals(mti, msg.mti());
        assertEquals(JposOracle.valuesOf(JposOracle.unpack(packed)), JposOracle.valuesOf(msg));
        assertEquals(fields.keySet().stream().anyMatch(field -> field > 64), msg.secondaryBitmap() != 0);
        assertEquals(Long.parseLong((String)fields.get(11)), msg.numeric(IsoFields.STAN));
        assertEquals(Long.parseLong((String)fields.get(7)), msg.numeric(IsoFields.TRANSMISSION_DATE_TIME));
        if (fields.containsKey(2))
        {
            final String pan = (String)fields.get(2);
            assertEquals(pan, Long.toUnsignedString(msg.panKey(IsoFields.PAN)));
            assertEquals(pan.length(), msg.digitCount(IsoFields.PAN));
            assertEquals((pan.length() + 1) / 2, msg.valueLength(IsoFields.PAN));
            assertEquals(1 + (pan.length() + 1) / 2, msg.fieldLength(IsoFields.PAN));
            assertEquals(Long.parseLong((String)fields.get(4)), msg.numeric(IsoFields.AMOUNT_TRANSACTION));
        }
        if (fields.containsKey(41))
        {
            final String terminal = String.format("%-8s", fields.get(41));
            assertTrue(msg.charEquals(IsoFields.TERMINAL_ID, terminal.getBytes(StandardCharsets.US_ASCII)));
        }
        if (fields.containsKey(70))
        {
            assertEquals(Long.parseLong((String)fields.get(70)), msg.numeric(IsoFields.NETWORK_MGMT_CODE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageClasses")
    void ourWriterWritesJposBytesAndJposReadsOurValues(final int mti, final Map<Integer, Object> fields) throws ISOException
    {
        final byte[] expected = JposOracle.pack(mti, fields);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final int offset = 17;

        final int length = JposOracle.write(new IsoWriter(), buffer, offset, mti, fields, false);
        final byte[] ours = new byte[length];
        buffer.getBytes(offset, ours);

        assertArrayEquals(expected, ours, () -> "jPOS " + ISOUtil.hexString(expected) + "\nours " + ISOUtil.hexString(ours));
        final ISOMsg jpos = JposOracle.unpack(ours);
        assertEquals(JposOracle.mtiText(mti), jpos.getMTI());
        assertEquals(JposOracle.valuesOf(JposOracle.unpack(expected)), JposOracle.valuesOf(jpos));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageClasses")
    void echoingEveryFieldReproducesTheRequestByteForByte(final int mti, final Map<Integer, Object> fields) throws ISOException
    {
        final byte[] packed = JposOracle.pack(mti, fields);
        final IsoMessage request = new IsoMessage();
        request.wrap(new UnsafeBuffer(packed), 0, packed.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

        final IsoWriter writer = new IsoWriter().wrap(buffer, 0).mti(request.mti());
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            if (request.has(field))
            {
                writer.copyField(request, field);
            }
        }
        final int length = writer.finish();

        assertArrayEquals(packed, Arrays.copyOf(buffer.byteArray(), length));
    }
}
