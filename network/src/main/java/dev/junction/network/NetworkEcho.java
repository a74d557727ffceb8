package dev.junction.network;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoWriter;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The 0800 echo (field 70 = 301) the switch sends an acquirer that has gone silent, with the switch's own
 * STAN and the transmission time (field 7, MMDDhhmmss UTC). One per connection, used on its event loop;
 * encoding allocates nothing.
 */
final class NetworkEcho
{
    static final int REQUEST_MTI = 800;
    static final int REPLY_MTI = 810;
    static final int ECHO_CODE = 301;
    private static final int MAX_STAN = 999_999;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final IsoWriter writer = new IsoWriter();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
    private int lastStan;

    /**
     * Encodes the next echo, with the next STAN (1 to 999,999, then 1 again).
     *
     * @return its length in {@link #message()}.
     */
    int encode(final long epochMillis)
    {
        lastStan = lastStan % MAX_STAN + 1;
        return writer.wrap(message, 0)
            .mti(REQUEST_MTI)
            .putNumeric(IsoFields.TRANSMISSION_DATE_TIME, transmissionDateTime(epochMillis))
            .putNumeric(IsoFields.STAN, lastStan)
            .putNumeric(IsoFields.NETWORK_MGMT_CODE, ECHO_CODE)
            .finish();
    }

    UnsafeBuffer message()
    {
        return message;
    }

    /** @return the STAN of the last echo encoded, 0 before the first. */
    int lastStan()
    {
        return lastStan;
    }

    /**
     * @return the UTC time of {@code epochMillis} as field 7 carries it, MMDDhhmmss, computed without
     * java.time so that it allocates nothing (days to civil date: H. Hinnant's algorithm).
     */
    static long transmissionDateTime(final long epochMillis)
    {
        final long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        final long secondOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY) / 1000;
        final long shifted = days + 719_468;
        final long era = Math.floorDiv(shifted, 146_097);
        final long dayOfEra = shifted - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long monthFromMarch = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        final long month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        final long hhmmss = secondOfDay / 3600 * 10_000 + secondOfDay / 60 % 60 * 100 + secondOfDay % 60;
        return month * 100_000_000L + day * 1_000_000L + hhmmss;
    }
}
