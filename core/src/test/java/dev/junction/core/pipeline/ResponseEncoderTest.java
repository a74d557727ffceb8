package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.junction.core.auth.AuthorizationIds;
import dev.junction.core.auth.Decision;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The answer to a request: the response MTI, the request's identifying fields copied byte for byte,
 * 38 when approved and 39, within the slot's response buffer and without allocating.
 */
class ResponseEncoderTest
{
    /** Echoed byte for byte whenever the request has them; 70 only in 08xx answers, tested below. */
    private static final List<Integer> ECHOED = List.of(2, 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 90);
    private static final long AUTHORIZATION_ID = AuthorizationIds.forApproval(4711);

    private final ResponseEncoder encoder = new ResponseEncoder();
    private final UnsafeBuffer responseBuffer = new UnsafeBuffer(new byte[TransactionEvent.RESPONSE_CAPACITY]);
    private final IsoMessage response = new IsoMessage();

    /** Every field an acquirer might send in an 0100, echoed or not. */
    private static TestRequest fullAuthorization()
    {
        return TestRequest.purchase(100, "4000000000000069", 2_500, 4711)
            .with(14, "3012").with(18, "5411").with(22, "051").with(32, "123456").with(37, "417510000123")
            .with(43, "CORNER GROCERY         SPRINGFIELD    US").with(52, "PINBLOCK")
            .with(54, "1001840C000000002000").with(70, "301")
            .with(90, "010000471106151030450000001234500000000000");
    }

    @Test
    void anApprovedAuthorizationEchoesExactlyTheIdentifyingFieldsByteForByteAndAdds38And39()
    {
        final IsoMessage request = decode(fullAuthorization().bytes());

        encode(request, approved(110));

        assertEquals(110, response.mti());
        final List<Integer> expected = new ArrayList<>(ECHOED);
        expected.addAll(List.of(38, 39));
        expected.sort(Integer::compare);
        assertEquals(expected, presentFields(response));
        for (final int field : ECHOED)
        {
            assertArrayEquals(fieldBytes(request, field), fieldBytes(response, field), "field " + field);
        }
    }

    @Test
    void anApprovalCarriesItsSixCharacterAuthorizationIdIn38AndCode00In39()
    {
        encode(decode(fullAuthorization().bytes()), approved(110));

        assertEquals(AuthorizationIds.text(AUTHORIZATION_ID), text(response, IsoFields.AUTH_ID));
        assertEquals(6, response.valueLength(IsoFields.AUTH_ID));
        assertEquals("00", text(response, IsoFields.RESPONSE_CODE));
    }

    @Test
    void onlyTheIdentifyingFieldsThatTheRequestHasAreEchoed()
    {
        final IsoMessage request = decode(TestRequest.purchase(200, "4000000000000069", 1, 1)
            .without(IsoFields.LOCAL_TIME).without(IsoFields.MERCHANT_ID).bytes());

        encode(request, approved(210));

        assertEquals(List.of(2, 3, 4, 7, 11, 13, 38, 39, 41, 49), presentFields(response));
        assertEquals(210, response.mti());
    }

    @Test
    void aDeclineHasNo38AndCarriesItsCodeIn39()
    {
        final Decision decision = new Decision();
        decision.reset();
        decision.respond(110, ResponseCodes.INSUFFICIENT_FUNDS);

        encode(decode(fullAuthorization().bytes()), decision);

        assertFalse(response.has(IsoFields.AUTH_ID));
        assertEquals("51", text(response, IsoFields.RESPONSE_CODE));
        assertEquals(ECHOED.size() + 1, presentFields(response).size());
    }

    @Test
    void aNetworkManagementAnswerEchoes70()
    {
        final IsoMessage request = decode(TestRequest.of(800).with(7, "1121120000").with(11, "000042")
            .with(70, "301").bytes());
        final Decision decision = new Decision();
        decision.reset();
        decision.respond(810, ResponseCodes.APPROVED);

        encode(request, decision);

        assertEquals(810, response.mti());
        assertEquals(List.of(7, 11, 39, 70), presentFields(response));
        assertArrayEquals(fieldBytes(request, 70), fieldBytes(response, 70));
        assertEquals(301, response.numeric(70));
    }

    @Test
    void aFormatErrorAnswerEchoesOnlyTheFieldsBeforeTheOneThatFailedToDecode()
    {
        final byte[] bytes = fullAuthorization().bytes();
        final IsoMessage wellFormed = decode(bytes);
        bytes[wellFormed.valueOffset(IsoFields.STAN)] = (byte)0xAB;
        final IsoMessage request = decode(bytes);
        assertEquals(IsoDecodeStatus.INVALID_BCD, request.status());
        assertEquals(IsoFields.STAN, request.errorField());

        encode(request, formatError(110));

        assertEquals(List.of(2, 3, 4, 7, 39), presentFields(response));
        assertEquals("30", text(response, IsoFields.RESPONSE_CODE));
        for (final int field : List.of(2, 3, 4, 7))
        {
            assertArrayEquals(fieldBytes(wellFormed, field), fieldBytes(response, field), "field " + field);
        }
    }

    @Test
    void aFormatErrorAtAVariableFieldEchoesTheFieldsBeforeItAndNoneAfter()
    {
        final byte[] bytes = fullAuthorization().bytes();
        final IsoMessage wellFormed = decode(bytes);
        bytes[wellFormed.fieldOffset(IsoFields.ACQUIRER_ID)] = (byte)0x99;
        final IsoMessage request = decode(bytes);
        assertEquals(IsoDecodeStatus.INVALID_LENGTH, request.status());

        encode(request, formatError(110));

        assertEquals(List.of(2, 3, 4, 7, 11, 12, 13, 39), presentFields(response));
    }

    @Test
    void aFormatErrorInThePanEchoesNoFieldAtAll()
    {
        final byte[] bytes = fullAuthorization().bytes();
        bytes[decode(bytes).fieldOffset(IsoFields.PAN)] = (byte)0x20;
        final IsoMessage request = decode(bytes);
        assertEquals(IsoFields.PAN, request.errorField());

        encode(request, formatError(110));

        assertEquals(List.of(39), presentFields(response));
    }

    @Test
    void theLargestPossibleResponseFitsTheSlotsResponseBuffer()
    {
        final IsoMessage request = decode(TestRequest.of(800)
            .with(2, "9".repeat(19)).with(3, "999999").with(4, "9".repeat(12)).with(7, "9".repeat(10))
            .with(11, "999999").with(12, "999999").with(13, "9999").with(32, "9".repeat(11))
            .with(37, "R".repeat(12)).with(41, "T".repeat(8)).with(42, "M".repeat(15)).with(49, "999")
            .with(70, "999").bytes());
        final TransactionEvent slot = new TransactionEvent(PipelineConfig.DEFAULT_PAYLOAD_CAPACITY);

        final int length = encoder.encode(request, 810, ResponseCodes.SYSTEM_MALFUNCTION, AuthorizationIds.SPACE - 1,
            slot.response(), 0);

        assertTrue(length <= TransactionEvent.RESPONSE_CAPACITY, length + " bytes");
        assertEquals(IsoDecodeStatus.OK, response.wrap(slot.response(), 0, length));
        assertEquals(List.of(2, 3, 4, 7, 11, 12, 13, 32, 37, 38, 39, 41, 42, 49, 70), presentFields(response));
        assertEquals(19, response.digitCount(IsoFields.PAN));
        assertEquals(11, response.digitCount(IsoFields.ACQUIRER_ID));
    }

    @Test
    void encodingAllocatesNothingAfterWarmUp()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final IsoMessage request = decode(fullAuthorization().bytes());
        final Decision decision = approved(110);
        long lengths = encodeRepeatedly(request, decision, 100_000);

        final long before = threads.getCurrentThreadAllocatedBytes();
        lengths += encodeRepeatedly(request, decision, 100_000);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(lengths > 0);
        assertTrue(allocated < 1024, allocated + " bytes allocated by 100,000 encodes");
    }

    private long encodeRepeatedly(final IsoMessage request, final Decision decision, final int times)
    {
        long lengths = 0;
        for (int i = 0; i < times; i++)
        {
            lengths += encoder.encode(request, decision, responseBuffer, 0);
        }
        return lengths;
    }

    private static Decision approved(final int responseMti)
    {
        final Decision decision = new Decision();
        decision.reset();
        decision.respond(responseMti, ResponseCodes.APPROVED);
        decision.authorizationId(AUTHORIZATION_ID);
        return decision;
    }

    private static Decision formatError(final int responseMti)
    {
        final Decision decision = new Decision();
        decision.reset();
        decision.respond(responseMti, ResponseCodes.FORMAT_ERROR);
        return decision;
    }

    private void encode(final IsoMessage request, final Decision decision)
    {
        final int length = encoder.encode(request, decision, responseBuffer, 0);
        assertEquals(IsoDecodeStatus.OK, response.wrap(responseBuffer, 0, length));
    }

    private static IsoMessage decode(final byte[] bytes)
    {
        final IsoMessage message = new IsoMessage();
        message.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        return message;
    }

    private static List<Integer> presentFields(final IsoMessage message)
    {
        final List<Integer> fields = new ArrayList<>();
        for (int field = 2; field <= IsoFields.MAX_FIELD; field++)
        {
            if (message.has(field))
            {
                fields.add(field);
            }
        }
        return fields;
    }

    private static byte[] fieldBytes(final IsoMessage message, final int field)
    {
        final byte[] bytes = new byte[message.fieldLength(field)];
        message.buffer().getBytes(message.fieldOffset(field), bytes);
        return bytes;
    }

    private static String text(final IsoMessage message, final int field)
    {
        final byte[] bytes = new byte[message.valueLength(field)];
        message.buffer().getBytes(message.valueOffset(field), bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
