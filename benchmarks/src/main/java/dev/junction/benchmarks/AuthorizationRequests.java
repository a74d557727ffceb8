package dev.junction.benchmarks;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoWriter;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TransactionEvent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds the 0100 authorization request the benchmarks send: what a card-present purchase at a
 * terminal carries (fields 2, 3, 4, 7, 11, 12, 13, 14, 18, 22, 32, 37, 41, 42, 43, 49), encoded with
 * the switch's own {@link IsoWriter}. Only set-up code calls it; it allocates freely.
 */
public final class AuthorizationRequests
{
    /** 2026-11-21T12:00:00Z: the ingress time stamped on every request, matching fields 7, 12 and 13. */
    public static final long INGRESS_EPOCH_NANOS = epochNanos("2026-11-21T12:00:00Z");
    /** The expiry (YYMM) in field 14; the benchmarks' cards are provisioned with it. */
    public static final int EXPIRY_YYMM = 3012;
    /** The connection the benchmarks' requests claim to come from. */
    public static final long CONNECTION_ID = 7;

    /** Room enough for any request this class builds: a ring slot of this payload capacity holds one. */
    public static final int MAX_LENGTH = 512;
    /** 0-99 as one BCD byte each, so that restamping costs the benchmark three stores and no division loop. */
    private static final byte[] BCD_PAIRS = new byte[100];

    static
    {
        for (int i = 0; i < BCD_PAIRS.length; i++)
        {
            BCD_PAIRS[i] = (byte)(i / 10 << 4 | i % 10);
        }
    }

    private AuthorizationRequests()
    {
    }

    /** @return the encoded 0100 (without the 2-byte frame length) for a purchase of {@code amountMinor} US cents. */
    public static byte[] purchase(final String pan, final long amountMinor, final int stan)
    {
        return request(100, pan, amountMinor, stan);
    }

    /** @return the encoded {@code mti} (0100 or 0200) for a purchase of {@code amountMinor} US cents. */
    public static byte[] request(final int mti, final String pan, final long amountMinor, final int stan)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_LENGTH]);
        final int length = new IsoWriter().wrap(buffer, 0).mti(mti)
            .putDigits(IsoFields.PAN, ascii(pan))
            .putNumeric(IsoFields.PROCESSING_CODE, 0)
            .putNumeric(IsoFields.AMOUNT_TRANSACTION, amountMinor)
            .putDigits(IsoFields.TRANSMISSION_DATE_TIME, ascii("1121120000"))
            .putNumeric(IsoFields.STAN, stan)
            .putDigits(IsoFields.LOCAL_TIME, ascii("120000"))
            .putDigits(IsoFields.LOCAL_DATE, ascii("1121"))
            .putNumeric(IsoFields.EXPIRATION_DATE, EXPIRY_YYMM)
            .putNumeric(IsoFields.MERCHANT_TYPE, 5411)
            .putDigits(IsoFields.POS_ENTRY_MODE, ascii("051"))
            .putDigits(IsoFields.ACQUIRER_ID, ascii("412345"))
            .putChars(IsoFields.RRN, ascii(String.format("632512%06d", stan)))
            .putChars(IsoFields.TERMINAL_ID, ascii("TERM0001"))
            .putChars(IsoFields.MERCHANT_ID, ascii("MERCHANT0000001"))
            .putChars(IsoFields.CARD_ACCEPTOR_NAME, ascii("JUNCTION GROCERY #42  SPRINGFIELD  IL US"))
            .putChars(IsoFields.CURRENCY_TRANSACTION, ascii("840"))
            .finish();
        final byte[] request = new byte[length];
        buffer.getBytes(0, request);
        return request;
    }

    /** Loads an encoded request into a ring slot as a network producer does: copy, then {@code input}. */
    public static void load(final byte[] request, final TransactionEvent slot, final long sequence)
    {
        System.arraycopy(request, 0, slot.payloadArray(), 0, request.length);
        slot.input(sequence, EventKind.REQUEST, INGRESS_EPOCH_NANOS, CONNECTION_ID, request.length);
    }

    /**
     * Gives a loaded request a new STAN in place (field 11 is fixed-length BCD, so the decoded view stays
     * valid and reads the new value): a slot sent again is then a new request, not a retransmission.
     */
    public static void restamp(final TransactionEvent slot, final int stan)
    {
        final int at = slot.request().valueOffset(IsoFields.STAN);
        final UnsafeBuffer payload = (UnsafeBuffer)slot.payload();
        payload.putByte(at, BCD_PAIRS[stan / 10_000]);
        payload.putByte(at + 1, BCD_PAIRS[stan / 100 % 100]);
        payload.putByte(at + 2, BCD_PAIRS[stan % 100]);
    }

    /** @return a 16-digit PAN as the eight BCD bytes field 2 carries, the first digit in the top nibble. */
    public static long panBcd(final String pan)
    {
        if (pan.length() != 16)
        {
            throw new IllegalArgumentException("a 16-digit PAN is expected, not " + pan.length() + " digits");
        }
        long bcd = 0;
        for (int i = 0; i < 16; i++)
        {
            bcd = bcd << 4 | (pan.charAt(i) - '0');
        }
        return bcd;
    }

    /**
     * Gives a loaded request another 16-digit PAN in place: field 2 keeps its length, so the decoded view
     * stays valid and reads the new card.
     */
    public static void repan(final TransactionEvent slot, final long panBcd)
    {
        ((UnsafeBuffer)slot.payload()).putLong(slot.request().valueOffset(IsoFields.PAN), panBcd, ByteOrder.BIG_ENDIAN);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static long epochNanos(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
