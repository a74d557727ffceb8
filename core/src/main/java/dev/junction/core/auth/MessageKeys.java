package dev.junction.core.auth;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;

/**
 * The fields that identify one transaction, read once from a request as primitives so that tables
 * can store and compare them without keeping the message: MTI, STAN (11), transmission time (7),
 * acquirer (32), forwarding institution (33), terminal (41), retrieval reference (37) and PAN (2);
 * for a request's own keys also its amount (4) and processing code (3), which the duplicate check and
 * the decision both need, so that no field is decoded twice. Absent optional fields read as 0 (amount
 * and processing code as -1). One reusable instance per use on the authorizer's thread.
 */
final class MessageKeys
{
    /** Field 90's layout: original MTI 4, STAN 6, transmission time 10, acquirer 11, forwarding 11. */
    private static final int ORIGINAL_DATA_DIGITS = 42;
    /** Forwarding institution identification code: the codec names no constant for it. */
    private static final int FORWARDING_ID = 33;
    private static final int TERMINAL_CHARS = 8;
    private static final int RRN_CHARS = 12;

    int mti;
    int stan;
    long transmissionTime;
    long acquirerId;
    long forwardingId;
    long terminalId;
    boolean hasRrn;
    long rrnHigh;
    int rrnLow;
    boolean hasPan;
    long panKey;
    int panLength;
    /** Field 4, -1 when absent; read by {@link #readOwn} only. */
    long amountMinor = -1;
    /** Field 3, -1 when absent; read by {@link #readOwn} only. */
    long processingCode = -1;
    /**
     * Whether the index hashes below belong to the keys read last: {@link Transactions} computes them once
     * per read and every read clears this, so that a hash never outlives the keys it was made of.
     */
    boolean hashed;
    long originalHash;
    long terminalHash;
    long rrnHash;

    /** Reads the request's own keys; 7 and 11 must be present. */
    void readOwn(final IsoMessage request)
    {
        hashed = false;
        mti = request.mti();
        stan = (int)request.numeric(IsoFields.STAN);
        transmissionTime = request.numeric(IsoFields.TRANSMISSION_DATE_TIME);
        acquirerId = request.has(IsoFields.ACQUIRER_ID) ? request.numeric(IsoFields.ACQUIRER_ID) : 0;
        forwardingId = request.has(FORWARDING_ID) ? request.numeric(FORWARDING_ID) : 0;
        terminalId = terminalOf(request);
        hasRrn = request.has(IsoFields.RRN);
        rrnHigh = 0;
        rrnLow = 0;
        if (hasRrn)
        {
            rrnHigh = request.chars(IsoFields.RRN, 0, Long.BYTES);
            rrnLow = (int)request.chars(IsoFields.RRN, Long.BYTES, RRN_CHARS - Long.BYTES);
        }
        readPan(request);
        amountMinor = request.has(IsoFields.AMOUNT_TRANSACTION) ? request.numeric(IsoFields.AMOUNT_TRANSACTION) : -1;
        processingCode = request.has(IsoFields.PROCESSING_CODE) ? request.numeric(IsoFields.PROCESSING_CODE) : -1;
    }

    /**
     * Reads the keys of the original that a reversal, completion or refund names in field 90, with the
     * terminal and PAN of the message itself (an original and its follow-ups share both).
     *
     * @return false when field 90 is absent or not 42 digits.
     */
    boolean readOriginal(final IsoMessage request)
    {
        if (!request.has(IsoFields.ORIGINAL_DATA) || request.digitCount(IsoFields.ORIGINAL_DATA) != ORIGINAL_DATA_DIGITS)
        {
            return false;
        }
        hashed = false;
        mti = (int)digits(request, 0, 4);
        stan = (int)digits(request, 4, 6);
        transmissionTime = digits(request, 10, 10);
        acquirerId = digits(request, 20, 11);
        forwardingId = digits(request, 31, 11);
        terminalId = terminalOf(request);
        hasRrn = false;
        rrnHigh = 0;
        rrnLow = 0;
        readPan(request);
        return true;
    }

    private void readPan(final IsoMessage request)
    {
        hasPan = request.has(IsoFields.PAN);
        panKey = hasPan ? request.panKey(IsoFields.PAN) : 0;
        panLength = hasPan ? request.digitCount(IsoFields.PAN) : 0;
    }

    private static long terminalOf(final IsoMessage request)
    {
        if (!request.has(IsoFields.TERMINAL_ID))
        {
            return 0;
        }
        return request.chars(IsoFields.TERMINAL_ID, 0, TERMINAL_CHARS);
    }

    private static long digits(final IsoMessage request, final int from, final int count)
    {
        long value = 0;
        for (int i = from; i < from + count; i++)
        {
            value = value * 10 + request.digitAt(IsoFields.ORIGINAL_DATA, i);
        }
        return value;
    }
}
