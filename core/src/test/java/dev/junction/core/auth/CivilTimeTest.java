package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The authorizer's calendar, held against java.time in UTC, and its inference of a transaction's year. */
class CivilTimeTest
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @Test
    void yearMonthMatchesJavaTimeForRandomInstantsFrom1970To2100()
    {
        final long from = epochNanos("1970-01-01T00:00:00Z");
        final long to = epochNanos("2100-12-31T23:59:59.999999999Z");
        final SplittableRandom random = new SplittableRandom(20261121L);
        for (int i = 0; i < 200_000; i++)
        {
            final long nanos = random.nextLong(from, to);
            assertEquals(expected(nanos), CivilTime.yearMonth(nanos), () -> Instant.ofEpochSecond(0, nanos).toString());
        }
    }

    @Test
    void yearMonthMatchesJavaTimeForRandomInstantsAcrossTheWholeRangeOfALong()
    {
        final SplittableRandom random = new SplittableRandom(8583L);
        for (int i = 0; i < 100_000; i++)
        {
            final long nanos = random.nextLong();
            assertEquals(expected(nanos), CivilTime.yearMonth(nanos), () -> Instant.ofEpochSecond(0, nanos).toString());
        }
    }

    @Test
    void yearMonthMatchesJavaTimeOnEitherSideOfEveryMonthBoundaryFrom1900To2200()
    {
        for (LocalDateTime month = LocalDateTime.of(1900, 1, 1, 0, 0); month.getYear() < 2200; month = month.plusMonths(1))
        {
            final Instant start = month.toInstant(ZoneOffset.UTC);
            final long nanos = start.getEpochSecond() * NANOS_PER_SECOND;
            assertEquals(expected(nanos), CivilTime.yearMonth(nanos), start::toString);
            assertEquals(expected(nanos - 1), CivilTime.yearMonth(nanos - 1), () -> start + " - 1 ns");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1970-01-01T00:00:00Z, 197001",
        "1969-12-31T23:59:59.999999999Z, 196912",
        "1969-01-01T00:00:00Z, 196901",
        "2000-02-29T23:59:59.999999999Z, 200002",
        "2000-03-01T00:00:00Z, 200003",
        "2024-02-29T12:00:00Z, 202402",
        "2100-02-28T23:59:59Z, 210002",
        "2100-03-01T00:00:00Z, 210003",
        "2026-12-31T23:59:59.999999999Z, 202612",
        "2027-01-01T00:00:00Z, 202701",
        "1900-03-01T00:00:00Z, 190003",
        "1677-09-21T00:12:43.145224192Z, 167709",
        "2262-04-11T23:47:16.854775807Z, 226204"})
    void yearMonthAtEdges(final String instant, final int yearMonth)
    {
        assertEquals(yearMonth, CivilTime.yearMonth(epochNanos(instant)));
    }

    @Test
    void aDecemberTransactionArrivingInJanuaryBelongsToThePreviousYear()
    {
        assertEquals(202612, CivilTime.transactionYearMonth(epochNanos("2027-01-01T00:00:05Z"), 12));
    }

    @Test
    void aJanuaryTransactionStampedLateInDecemberBelongsToTheNextYear()
    {
        assertEquals(202701, CivilTime.transactionYearMonth(epochNanos("2026-12-31T23:59:58Z"), 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 6, 11, 12})
    void aTransactionInTheIngressMonthBelongsToTheIngressYear(final int month)
    {
        final long ingress = epochNanos(String.format("2026-%02d-15T12:00:00Z", month));

        assertEquals(202600 + month, CivilTime.transactionYearMonth(ingress, month));
    }

    @Test
    void aTransactionFromTheMonthBeforeTheIngressMonthBelongsToTheIngressYear()
    {
        assertEquals(202610, CivilTime.transactionYearMonth(epochNanos("2026-11-01T00:00:00Z"), 10));
    }

    @Test
    void aTransactionUpToSixMonthsAwayKeepsTheIngressYear()
    {
        final long july = epochNanos("2026-07-15T00:00:00Z");

        assertEquals(202601, CivilTime.transactionYearMonth(july, 1));
        assertEquals(202612, CivilTime.transactionYearMonth(july, 12));
    }

    @Test
    void aTransactionMoreThanSixMonthsAwayMovesToTheNeighbouringYear()
    {
        assertEquals(202512, CivilTime.transactionYearMonth(epochNanos("2026-05-31T00:00:00Z"), 12));
        assertEquals(202701, CivilTime.transactionYearMonth(epochNanos("2026-08-01T00:00:00Z"), 1));
    }

    private static long epochNanos(final String instant)
    {
        final Instant parsed = Instant.parse(instant);
        // Borrow a second for negative instants so that Long.MIN_VALUE nanoseconds (1677) does not overflow.
        final long seconds = parsed.getEpochSecond() < 0 && parsed.getNano() > 0 ?
            parsed.getEpochSecond() + 1 : parsed.getEpochSecond();
        final long nanos = seconds == parsed.getEpochSecond() ? parsed.getNano() : parsed.getNano() - NANOS_PER_SECOND;
        return Math.addExact(Math.multiplyExact(seconds, NANOS_PER_SECOND), nanos);
    }

    private static int expected(final long epochNanos)
    {
        final LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND),
            (int)Math.floorMod(epochNanos, NANOS_PER_SECOND), ZoneOffset.UTC);
        return time.getYear() * 100 + time.getMonthValue();
    }
}
