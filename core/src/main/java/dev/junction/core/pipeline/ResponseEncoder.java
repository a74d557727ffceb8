package dev.junction.core.pipeline;

import dev.junction.core.auth.AuthorizationIds;
import dev.junction.core.auth.Decision;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.iso.IsoWriter;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes the answer to a request: its response MTI, the request's identifying fields echoed byte for
 * byte (2, 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, and 70 in network management answers, as present), the
 * authorization id in 38 when approved, and the response code in 39. Reuses its scratch buffers: one
 * instance per thread, allocation-free.
 */
public final class ResponseEncoder
{
    private static final int[] ECHOED_BEFORE_38 = {
        IsoFields.PAN, IsoFields.PROCESSING_CODE, IsoFields.AMOUNT_TRANSACTION, IsoFields.TRANSMISSION_DATE_TIME,
        IsoFields.STAN, IsoFields.LOCAL_TIME, IsoFields.LOCAL_DATE, IsoFields.ACQUIRER_ID, IsoFields.RRN};
    private static final int[] ECHOED_AFTER_39 = {
        IsoFields.TERMINAL_ID, IsoFields.MERCHANT_ID, IsoFields.CURRENCY_TRANSACTION};
    /** The message class of 08xx: only network management answers echo field 70. */
    private static final int NETWORK_MANAGEMENT_CLASS = 8;

    private final IsoWriter writer = new IsoWriter();
    private final UnsafeBuffer authorizationId = new UnsafeBuffer(new byte[AuthorizationIds.LENGTH]);
    private final UnsafeBuffer responseCode = new UnsafeBuffer(new byte[2]);

    /**
     * Writes the response to {@code request} that {@code decision} describes at {@code offset}.
     *
     * @return the encoded length (without a frame length prefix).
     */
    public int encode(final IsoMessage request, final Decision decision, final MutableDirectBuffer buffer,
        final int offset)
    {
        return encode(request, decision.responseMti(), decision.responseCode(), decision.authorizationId(),
            buffer, offset);
    }

    /** Writes a response with the given MTI and code, e.g. the 91 of a full ring; 0 means no field 38. */
    public int encode(final IsoMessage request, final int responseMti, final int code, final long authorizationIdValue,
        final MutableDirectBuffer buffer, final int offset)
    {
        writer.wrap(buffer, offset).mti(responseMti);
        echo(request, ECHOED_BEFORE_38);
        if (authorizationIdValue != 0)
        {
            AuthorizationIds.write(authorizationIdValue, authorizationId, 0);
            writer.putChars(IsoFields.AUTH_ID, authorizationId, 0, AuthorizationIds.LENGTH);
        }
        responseCode.putByte(0, (byte)('0' + code / 10));
        responseCode.putByte(1, (byte)('0' + code % 10));
        writer.putChars(IsoFields.RESPONSE_CODE, responseCode, 0, 2);
        echo(request, ECHOED_AFTER_39);
        if (responseMti / 100 == NETWORK_MANAGEMENT_CLASS && request.has(IsoFields.NETWORK_MGMT_CODE))
        {
            writer.copyField(request, IsoFields.NETWORK_MGMT_CODE);
        }
        return writer.finish();
    }

    private void echo(final IsoMessage request, final int[] fields)
    {
        for (final int field : fields)
        {
            if (request.has(field))
            {
                writer.copyField(request, field);
            }
        }
    }
}
