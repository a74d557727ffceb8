package dev.junction.core.auth;

import dev.junction.core.pipeline.EventKind;
import dev.junction.core.refdata.AdminRecords;
import org.agrona.DirectBuffer;

/**
 * The business day, the unit of settlement: which day each event belongs to, decided from journaled
 * input alone, so that the authorizer, a replay and the settlement tool all assign every event the same
 * day. The rules, applied to events in ring (journal) order:
 * <ol>
 *   <li><b>Opening.</b> The first event opens the UTC calendar date of its ingress time.</li>
 *   <li><b>Cutover on command.</b> A cutover admin record ({@link AdminRecords#TYPE_CUTOVER}) that names a
 *       business date after the current one opens it ({@link Decision#ADMIN_CREATED}); days may be
 *       skipped. The current date again changes nothing ({@link Decision#ADMIN_UNCHANGED}: a repeated
 *       command). An earlier or impossible date, a time of day out of range or a record of the wrong
 *       length is refused ({@link Decision#ADMIN_REJECTED}) and changes nothing. The record's time of
 *       day sets the daily cutover time, clears it, or keeps it.</li>
 *   <li><b>Cutover now.</b> A cutover-now record ({@link AdminRecords#TYPE_CUTOVER_NOW}) closes the day in
 *       force: it opens the later of the next calendar date and the UTC date of its own ingress time
 *       ({@link Decision#ADMIN_CHANGED}). So every command closes exactly one day, and a day left open
 *       across calendar days (no daily time set) catches up with the calendar. After 9999-12-31, or with a
 *       record of the wrong length, it is refused. The daily time stays as it is.</li>
 *   <li><b>Cutover at the daily time.</b> Once a daily time T is set (at instant t0), every instant after t0
 *       at which the UTC time of day is T is a scheduled cutover. An event whose ingress time is at or
 *       after the next scheduled instant S first opens the UTC date nearest to S (the date of S + 12 h:
 *       a 22:00 cutover on 21 November opens 22 November, a 02:00 one on 22 November opens 22 November),
 *       unless a cutover on command or now already opened that date or a later one. Scheduled instants that
 *       passed with no event between them count once, as the latest.</li>
 *   <li><b>Membership.</b> An event belongs to the day in force after rules 1 to 4 were applied for it: a
 *       cutover that an event carries or whose time it reaches takes effect before the event. A cutover
 *       record therefore opens the day it belongs to, and the day D is every event from the one that
 *       opened D up to, not including, the one that opens the next day.</li>
 * </ol>
 * The time is the journaled ingress time of every kind of event; the class reads no clock.
 * Single-threaded, allocation-free.
 */
public final class BusinessDay
{
    /** Seconds in a day: a daily cutover time is 0 to this minus one. */
    public static final int SECONDS_PER_DAY = 86_400;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_DAY = SECONDS_PER_DAY * NANOS_PER_SECOND;
    private static final long HALF_DAY_NANOS = NANOS_PER_DAY / 2;
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 9999;

    private int date;
    private int cutoverSecondOfDay = AdminRecords.CUTOVER_ON_COMMAND_ONLY;
    private long nextCutoverEpochNanos = Long.MAX_VALUE;

    /**
     * Applies one event's effect on the business day: rules 1 and 4 for every event, rule 2 or 3 for a
     * cutover or cutover-now record. Call it for every event, in journal order, before the event itself is applied.
     *
     * @return the cutover record's {@code Decision.ADMIN_*} result, 0 for any other event.
     */
    public int apply(final byte kind, final long ingressEpochNanos, final DirectBuffer payload, final int offset,
        final int length)
    {
        advance(ingressEpochNanos);
        if (kind != EventKind.ADMIN)
        {
            return 0;
        }
        final byte type = AdminRecords.type(payload, offset, length);
        if (type == AdminRecords.TYPE_CUTOVER)
        {
            if (length != AdminRecords.CUTOVER_LENGTH)
            {
                return Decision.ADMIN_REJECTED;
            }
            return cutover(AdminRecords.cutoverBusinessDate(payload, offset),
                AdminRecords.cutoverSecondOfDay(payload, offset), ingressEpochNanos);
        }
        if (type == AdminRecords.TYPE_CUTOVER_NOW)
        {
            return length == AdminRecords.CUTOVER_NOW_LENGTH ? cutoverNow(ingressEpochNanos) : Decision.ADMIN_REJECTED;
        }
        return 0;
    }

    /** @return the business date in force as yyyymmdd, 0 before the first event. */
    public int date()
    {
        return date;
    }

    /** @return the daily cutover time in seconds after midnight UTC, or {@link AdminRecords#CUTOVER_ON_COMMAND_ONLY}. */
    public int cutoverSecondOfDay()
    {
        return cutoverSecondOfDay;
    }

    /** Adds the business day's state to a digest. */
    public long digest(final long seed)
    {
        long hash = StateDigest.mix(seed, date);
        hash = StateDigest.mix(hash, cutoverSecondOfDay);
        return StateDigest.mix(hash, nextCutoverEpochNanos);
    }

    private void advance(final long epochNanos)
    {
        if (date == 0)
        {
            date = dateOf(epochNanos);
        }
        if (epochNanos >= nextCutoverEpochNanos)
        {
            final long latest = nextCutoverEpochNanos +
                Math.floorDiv(epochNanos - nextCutoverEpochNanos, NANOS_PER_DAY) * NANOS_PER_DAY;
            final int opened = dateOf(latest + HALF_DAY_NANOS);
            if (opened > date)
            {
                date = opened;
            }
            nextCutoverEpochNanos = latest + NANOS_PER_DAY;
        }
    }

    private int cutover(final int businessDate, final int secondOfDay, final long epochNanos)
    {
        final boolean opensDay = businessDate != AdminRecords.CUTOVER_NO_DATE;
        final boolean setsTime = secondOfDay != AdminRecords.CUTOVER_KEEP_TIME;
        if (opensDay && (!isDate(businessDate) || businessDate < date) || !opensDay && !setsTime ||
            setsTime && secondOfDay != AdminRecords.CUTOVER_ON_COMMAND_ONLY &&
                (secondOfDay < 0 || secondOfDay >= SECONDS_PER_DAY))
        {
            return Decision.ADMIN_REJECTED;
        }
        final boolean newDay = opensDay && businessDate > date;
        final boolean newTime = setsTime && secondOfDay != cutoverSecondOfDay;
        if (newDay)
        {
            date = businessDate;
        }
        if (newTime)
        {
            cutoverSecondOfDay = secondOfDay;
            nextCutoverEpochNanos = secondOfDay == AdminRecords.CUTOVER_ON_COMMAND_ONLY ? Long.MAX_VALUE :
                firstInstantAfter(epochNanos, secondOfDay);
        }
        return newDay || newTime ? Decision.ADMIN_CREATED : Decision.ADMIN_UNCHANGED;
    }

    /** Rule 2b: closes the day in force; the next one is the next date, or the ingress date when that is later. */
    private int cutoverNow(final long epochNanos)
    {
        if (date / 10_000 >= LAST_YEAR && date % 10_000 == 1231)
        {
            return Decision.ADMIN_REJECTED;
        }
        date = Math.max(nextDate(date), dateOf(epochNanos));
        return Decision.ADMIN_CHANGED;
    }

    private static long firstInstantAfter(final long epochNanos, final int secondOfDay)
    {
        final long sameDay = Math.floorDiv(epochNanos, NANOS_PER_DAY) * NANOS_PER_DAY + secondOfDay * NANOS_PER_SECOND;
        return sameDay > epochNanos ? sameDay : sameDay + NANOS_PER_DAY;
    }

    /** @return the UTC calendar date of {@code epochNanos} as yyyymmdd. */
    public static int dateOf(final long epochNanos)
    {
        return civil(Math.floorDiv(epochNanos, NANOS_PER_DAY));
    }

    /** @return whether {@code yyyymmdd} is a real calendar date in the years 1970 to 9999. */
    public static boolean isDate(final int yyyymmdd)
    {
        final int year = yyyymmdd / 10_000;
        final int month = yyyymmdd / 100 % 100;
        final int day = yyyymmdd % 100;
        return year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 &&
            civil(epochDay(year, month, day)) == yyyymmdd;
    }

    /** @return the calendar date after {@code yyyymmdd}, which must be a date ({@link #isDate}). */
    public static int nextDate(final int yyyymmdd)
    {
        return civil(epochDay(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100) + 1);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the days-from-civil algorithm). */
    private static long epochDay(final int year, final int month, final int day)
    {
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yearOfEra = y - era * 400;
        final long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        final long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** yyyymmdd of a day counted from 1970-01-01 (the civil-from-days algorithm). */
    private static int civil(final long epochDay)
    {
        final long z = epochDay + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        final int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (int)(year * 10_000 + month * 100 + day);
    }

    /** Writes the business day for a snapshot. */
    void writeTo(final SnapshotOutput out)
    {
        out.writeInt(date);
        out.writeInt(cutoverSecondOfDay);
        out.writeLong(nextCutoverEpochNanos);
    }

    void readFrom(final SnapshotInput in)
    {
        date = in.readInt();
        cutoverSecondOfDay = in.readInt();
        nextCutoverEpochNanos = in.readLong();
    }
}
