package dev.junction.core.auth;

/**
 * Calendar arithmetic on journaled time, without {@code java.time} objects: the authorizer asks
 * which year and month an event's ingress instant falls in (UTC), allocation-free, with the
 * days-to-civil algorithm of the proleptic Gregorian calendar.
 */
public final class CivilTime
{
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private CivilTime()
    {
    }

    /** @return year * 100 + month (e.g. 202611) of the UTC date of {@code epochNanos}. */
    public static int yearMonth(final long epochNanos)
    {
        final long days = Math.floorDiv(epochNanos, NANOS_PER_DAY);
        final long z = days + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (int)(year * 100 + month);
    }

    /**
     * @return the year and month (year * 100 + month) of a transaction whose local date carries only a
     * month ({@code localMonth}, field 13), taking the year from the ingress instant and moving it by
     * one where the month lies more than six months away (a December purchase sent on 1 January).
     */
    public static int transactionYearMonth(final long ingressEpochNanos, final int localMonth)
    {
        final int ingress = yearMonth(ingressEpochNanos);
        int year = ingress / 100;
        final int ingressMonth = ingress % 100;
        if (localMonth - ingressMonth > 6)
        {
            year--;
        }
        else if (ingressMonth - localMonth > 6)
        {
            year++;
        }
        return year * 100 + localMonth;
    }
}
