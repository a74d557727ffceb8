package dev.junction.network.traffic;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoWriter;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes each request straight into a connection's output buffer with the switch's own
 * {@link IsoWriter}: one reused writer and a few reused digit arrays, so a request costs no
 * allocation. The fields are those an acquirer sends (README, "Fields read"). Each connection is its
 * own terminal (field 41), and fields 7, 12 and 13 follow the UTC clock second by second, so that
 * (acquirer, terminal, STAN, transmission time) never repeats within a run: a switch that detects
 * duplicate transmissions by those keys sees none.
 */
public final class RequestEncoder
{
    private static final int NETWORK_ECHO = 301;
    private static final int NETWORK_SIGN_ON = 1;
    private static final byte[] MERCHANT_ID = ascii("JUNCTIONLOADGN1");
    private static final byte[] CURRENCY_USD = ascii("840");
    /** Field 90: original MTI (4), STAN (6), transmission time (10), acquirer (11), forwarder (11). */
    private static final int ORIGINAL_DATA_DIGITS = 42;

    /** Field 32: the institution's value and digit count (leading zeros are digits too). */
    private final long acquirerId;
    private final int acquirerDigits;
    private final IsoWriter writer = new IsoWriter();
    private final byte[] rrnDigits = new byte[12];
    private final byte[] originalData = new byte[ORIGINAL_DATA_DIGITS];
    private long epochSecond = Long.MIN_VALUE;
    private long epochDay = Long.MIN_VALUE;
    private long monthDay;
    private long transmissionDateTime;
    private long localTime;

    /** @param institutionId field 32's digits. */
    public RequestEncoder(final String institutionId)
    {
        acquirerId = Long.parseLong(institutionId);
        acquirerDigits = institutionId.length();
        // Original data: "0100", then per reversal the original's STAN and time, the acquirer, no forwarder.
        putDigits(originalData, 0, 4, RequestKind.AUTH.mti());
        putDigits(originalData, 20, 11, acquirerId);
        putDigits(originalData, 31, 11, 0);
    }

    /**
     * @return a terminal id (field 41) for connection {@code index} of the run started at
     * {@code runEpochSecond}: "J", the run's second as 2 base-36 characters, and 5 digits. Each run is a
     * set of terminals of its own, so two runs that follow each other within a second against the same
     * switch never send the same terminal, STAN and transmission time (which the switch would rightly
     * answer 94).
     */
    public static byte[] terminalId(final long runEpochSecond, final int index)
    {
        final String run = Long.toString(Math.floorMod(runEpochSecond, 36 * 36), 36);
        return ascii(String.format("J%2s%05d", run, index).replace(' ', '0').toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Moves fields 7, 12 and 13 to this UTC second. Allocation-free except when the day changes.
     *
     * @param epochMillis the wall clock.
     */
    public void clock(final long epochMillis)
    {
        final long second = Math.floorDiv(epochMillis, 1_000L);
        if (second == epochSecond)
        {
            return;
        }
        epochSecond = second;
        final long day = Math.floorDiv(second, 86_400L);
        if (day != epochDay)
        {
            epochDay = day;
            final LocalDate date = LocalDate.ofEpochDay(day);
            monthDay = date.getMonthValue() * 100L + date.getDayOfMonth();
        }
        final long secondOfDay = second - day * 86_400L;
        localTime = secondOfDay / 3_600 * 10_000L + secondOfDay / 60 % 60 * 100L + secondOfDay % 60;
        transmissionDateTime = monthDay * 1_000_000L + localTime;
    }

    /** @return field 7 as the last request was stamped, MMDDhhmmss. */
    public long transmissionDateTime()
    {
        return transmissionDateTime;
    }

    /**
     * Writes one request, without its length prefix.
     *
     * @param terminalId             field 41, 8 characters: the connection's.
     * @param originalStan           for a reversal, the STAN of the authorization it reverses; else ignored.
     * @param originalTransmission   for a reversal, that authorization's field 7.
     * @return its length in bytes.
     */
    public int encode(final RequestKind kind, final MutableDirectBuffer buffer, final int offset, final int stan,
        final long pan, final long amountMinor, final long rrn, final byte[] terminalId, final int originalStan,
        final long originalTransmission)
    {
        if (epochSecond == Long.MIN_VALUE)
        {
            throw new IllegalStateException("clock(epochMillis) first");
        }
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
            .putNumeric(IsoFields.LOCAL_DATE, monthDay)
            .putNumeric(IsoFields.ACQUIRER_ID, acquirerId, acquirerDigits)
            .putChars(IsoFields.RRN, rrnDigits)
            .putChars(IsoFields.TERMINAL_ID, terminalId)
            .putChars(IsoFields.MERCHANT_ID, MERCHANT_ID)
            .putChars(IsoFields.CURRENCY_TRANSACTION, CURRENCY_USD);
        if (kind == RequestKind.REVERSAL)
        {
            putDigits(originalData, 4, 6, originalStan);
            putDigits(originalData, 10, 10, originalTransmission);
            writer.putDigits(IsoFields.ORIGINAL_DATA, originalData);
        }
        return writer.finish();
    }

    /**
     * Writes a sign-on (0800, 70=001) naming this encoder's institution in field 32, without its length prefix.
     *
     * @return its length in bytes.
     */
    public int encodeSignOn(final MutableDirectBuffer buffer, final int offset, final int stan)
    {
        if (epochSecond == Long.MIN_VALUE)
        {
            throw new IllegalStateException("clock(epochMillis) first");
        }
        return writer.wrap(buffer, offset).mti(RequestKind.ECHO.mti())
            .putNumeric(IsoFields.TRANSMISSION_DATE_TIME, transmissionDateTime)
            .putNumeric(IsoFields.STAN, stan)
            .putNumeric(IsoFields.ACQUIRER_ID, acquirerId, acquirerDigits)
            .putNumeric(IsoFields.NETWORK_MGMT_CODE, NETWORK_SIGN_ON)
            .finish();
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
