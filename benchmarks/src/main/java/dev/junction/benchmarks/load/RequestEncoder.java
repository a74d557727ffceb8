package dev.junction.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoWriter;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes each request straight into a connection's output buffer with the switch's own
 * {@link IsoWriter}: one reused writer and a few reused digit arrays, so a request costs no
 * allocation. The fields are those an acquirer sends (README, "Fields read"); dates and times are
 * fixed when the generator starts, as they only need to be plausible.
 */
final class RequestEncoder
{
    private static final long ACQUIRER_ID = 123_456;
    private static final int NETWORK_ECHO = 301;
    private static final byte[] TERMINAL_ID = ascii("JLOAD001");
    private static final byte[] MERCHANT_ID = ascii("JUNCTIONLOADGN1");
    private static final byte[] CURRENCY_USD = ascii("840");
    /** Field 90: original MTI (4), STAN (6), transmission time (10), acquirer (11), forwarder (11). */
    private static final int ORIGINAL_DATA_DIGITS = 42;

    private final IsoWriter writer = new IsoWriter();
    private final byte[] rrnDigits = new byte[12];
    private final byte[] originalData = new byte[ORIGINAL_DATA_DIGITS];
    private final long transmissionDateTime;
    private final long localTime;
    private final long localDate;

    /** @param now the date and time to stamp in fields 7, 12 and 13. */
    RequestEncoder(final LocalDateTime now)
    {
        final long monthDay = now.getMonthValue() * 100L + now.getDayOfMonth();
        final long hms = now.getHour() * 10_000L + now.getMinute() * 100L + now.getSecond();
        this.transmissionDateTime = monthDay * 1_000_000L + hms;
        this.localTime = hms;
        this.localDate = monthDay;
        // Original data: "0100", the original STAN (patched per reversal), its field 7, the acquirer, no forwarder.
        putDigits(originalData, 0, 4, RequestKind.AUTH.mti());
        putDigits(originalData, 10, 10, transmissionDateTime);
        putDigits(originalData, 20, 11, ACQUIRER_ID);
        putDigits(originalData, 31, 11, 0);
    }

    /**
     * Writes one request, without its length prefix.
     *
     * @param originalStan for a reversal, the STAN of the authorization it reverses; else ignored.
     * @return its length in bytes.
     */
    int encode(final RequestKind kind, final MutableDirectBuffer buffer, final int offset, final int stan,
        final long pan, final long amountMinor, final long rrn, final int originalStan)
    {
        writer.wrap(buffer, offset).mti(kind.mti());
        if (kind == RequestKind.ECHO)
        {
            writer.putNumeric(IsoFields.TRANSMISSION_DATE_TIME, transmissionDateTime)
                .putNumeric(IsoFields.STAN, stan)
                .putNumeric(IsoFields.NETWORK_MGMT_CODE, NETWORK_ECHO);
            return writer.finish();
        }
        putDigits(rrnDigits, 0, rrnDigits.length, rrn);
        writer.putNumeric(IsoFields.PAN, pan)
            .putNumeric(IsoFields.PROCESSING_CODE, kind.processingCode())
            .putNumeric(IsoFields.AMOUNT_TRANSACTION, kind == RequestKind.INQUIRY ? 0 : amountMinor)
            .putNumeric(IsoFields.TRANSMISSION_DATE_TIME, transmissionDateTime)
            .putNumeric(IsoFields.STAN, stan)
            .putNumeric(IsoFields.LOCAL_TIME, localTime)
            .putNumeric(IsoFields.LOCAL_DATE, localDate)
            .putNumeric(IsoFields.ACQUIRER_ID, ACQUIRER_ID)
            .putChars(IsoFields.RRN, rrnDigits)
            .putChars(IsoFields.TERMINAL_ID, TERMINAL_ID)
            .putChars(IsoFields.MERCHANT_ID, MERCHANT_ID)
            .putChars(IsoFields.CURRENCY_TRANSACTION, CURRENCY_USD);
        if (kind == RequestKind.REVERSAL)
        {
            putDigits(originalData, 4, 6, originalStan);
            writer.putDigits(IsoFields.ORIGINAL_DATA, originalData);
        }
        return writer.finish();
    }

    private static void putDigits(final byte[] into, final int at, final int count, final long value)
    {
        long rest = value;
        for (int i = at + count - 1; i >= at; i--)
        {
            into[i] = (byte)('0' + rest % 10);
            rest /= 10;
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
