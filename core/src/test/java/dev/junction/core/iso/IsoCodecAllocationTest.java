package dev.junction.core.iso;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The codec runs once per message on the hot path: after warm-up, decoding a request and encoding
 * its answer must allocate nothing. Measured with the JVM's per-thread allocation counter, which
 * counts bytes, not time, so the test is not timing-sensitive.
 */
class IsoCodecAllocationTest
{
    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 100_000;
    private static final long ALLOWED_BYTES = 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private static UnsafeBuffer request;
    private static int requestLength;

    @BeforeAll
    static void packRequest() throws ISOException
    {
        final Map<Integer, Object> fields = new LinkedHashMap<>();
        fields.put(2, "6011000990139424123");
        fields.put(3, "000000");
        fields.put(4, "000000012345");
        fields.put(7, "0615103045");
        fields.put(11, "004711");
        fields.put(12, "103045");
        fields.put(13, "0615");
        fields.put(14, "2712");
        fields.put(22, "051");
        fields.put(32, "12345");
        fields.put(35, "6011000990139424123=27121010000");
        fields.put(37, "417510000123");
        fields.put(41, "TERM0001");
        fields.put(42, "MERCHANT000001");
        fields.put(43, "CORNER GROCERY         SPRINGFIELD   US");
        fields.put(49, "840");
        fields.put(52, new byte[8]);
        fields.put(54, "1001840C000000002000");
        fields.put(90, "010000471106151030450000001234500000000000");
        final byte[] bytes = JposOracle.pack(100, fields);
        request = new UnsafeBuffer(bytes);
        requestLength = bytes.length;
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
    }

    @Test
    void wrappingTheSameMessageAllocatesNothingAfterWarmUp()
    {
        final IsoMessage msg = new IsoMessage();
        long checksum = decode(msg, WARM_UP);

        final long before = THREADS.getCurrentThreadAllocatedBytes();
        checksum += decode(msg, MEASURED);
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertEquals(2L * (WARM_UP + MEASURED) * (IsoDecodeStatus.OK + 12345), checksum);
        assertTrue(allocated < ALLOWED_BYTES, allocated + " bytes allocated by " + MEASURED + " wraps");
    }

    private static long decode(final IsoMessage msg, final int times)
    {
        long checksum = 0;
        for (int i = 0; i < times; i++)
        {
            checksum += msg.wrap(request, 0, requestLength) + msg.numeric(IsoFields.AMOUNT_TRANSACTION);
            checksum += msg.has(IsoFields.PAN) && msg.panKey(IsoFields.PAN) != 0 ? 12345 : 0;
        }
        return checksum;
    }

    @Test
    void encodingAResponseAllocatesNothingAfterWarmUp()
    {
        final IsoMessage msg = new IsoMessage();
        msg.wrap(request, 0, requestLength);
        final IsoWriter writer = new IsoWriter();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[512]);
        final byte[] authId = "A1B2C3".getBytes(StandardCharsets.US_ASCII);
        final byte[] approved = "00".getBytes(StandardCharsets.US_ASCII);

        long totalLength = encode(msg, writer, out, authId, approved, WARM_UP);
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        totalLength += encode(msg, writer, out, authId, approved, MEASURED);
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        final IsoMessage response = new IsoMessage();
        assertEquals(IsoDecodeStatus.OK, response.wrap(out, 0, (int)(totalLength / (WARM_UP + MEASURED))));
        assertEquals(110, response.mti());
        assertTrue(response.has(IsoFields.ORIGINAL_DATA));
        assertTrue(allocated < ALLOWED_BYTES, allocated + " bytes allocated by " + MEASURED + " encodings");
    }

    private static long encode(
        final IsoMessage msg, final IsoWriter writer, final UnsafeBuffer out, final byte[] authId, final byte[] approved, final int times)
    {
        long totalLength = 0;
        for (int i = 0; i < times; i++)
        {
            writer.wrap(out, 0).mti(110)
                .copyField(msg, IsoFields.PAN)
                .copyField(msg, IsoFields.PROCESSING_CODE)
                .copyField(msg, IsoFields.AMOUNT_TRANSACTION)
                .copyField(msg, IsoFields.TRANSMISSION_DATE_TIME)
                .copyField(msg, IsoFields.STAN)
                .copyField(msg, IsoFields.LOCAL_TIME)
                .copyField(msg, IsoFields.LOCAL_DATE)
                .copyField(msg, IsoFields.ACQUIRER_ID)
                .copyField(msg, IsoFields.RRN)
                .putChars(IsoFields.AUTH_ID, authId)
                .putChars(IsoFields.RESPONSE_CODE, approved)
                .copyField(msg, IsoFields.TERMINAL_ID)
                .copyField(msg, IsoFields.MERCHANT_ID)
                .copyField(msg, IsoFields.CURRENCY_TRANSACTION)
                .putNumeric(IsoFields.NETWORK_MGMT_CODE, 1)
                .copyField(msg, IsoFields.ORIGINAL_DATA);
            totalLength += writer.finish();
        }
        return totalLength;
    }
}
