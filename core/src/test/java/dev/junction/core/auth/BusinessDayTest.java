package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TestRequest;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The business-day rules of {@link BusinessDay}, alone and inside the authorizer. */
class BusinessDayTest
{
    private static final int ON_COMMAND = AdminRecords.CUTOVER_ON_COMMAND_ONLY;
    private static final int KEEP = AdminRecords.CUTOVER_KEEP_TIME;
    private static final int TEN_PM = 22 * 3600;

    private final BusinessDay day = new BusinessDay();
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);

    @Test
    void theFirstEventOpensTheUtcDateOfItsIngressTime()
    {
        assertEquals(0, day.date());
        tick("2026-11-21T23:59:59Z");
        assertEquals(20261121, day.date());
        tick("2026-11-23T10:00:00Z");
        assertEquals(20261121, day.date(), "without a cutover the day never ends");
    }

    @Test
    void aCutoverToALaterDateOpensIt()
    {
        tick("2026-11-21T12:00:00Z");
        assertEquals(Decision.ADMIN_CREATED, cutover("2026-11-21T21:00:00Z", 20261122, KEEP));
        assertEquals(20261122, day.date());
        assertEquals(Decision.ADMIN_CREATED, cutover("2026-11-21T21:30:00Z", 20261125, KEEP), "days may be skipped");
        assertEquals(20261125, day.date());
    }

    @Test
    void aRepeatedCutoverChangesNothingAndAnEarlierOrImpossibleOneIsRefused()
    {
        cutover("2026-11-21T21:00:00Z", 20261122, KEEP);
        assertEquals(Decision.ADMIN_UNCHANGED, cutover("2026-11-21T21:01:00Z", 20261122, KEEP));
        assertEquals(Decision.ADMIN_REJECTED, cutover("2026-11-21T21:02:00Z", 20261121, KEEP));
        assertEquals(Decision.ADMIN_REJECTED, cutover("2026-11-21T21:03:00Z", 20261131, KEEP));
        assertEquals(Decision.ADMIN_REJECTED, cutover("2026-11-21T21:04:00Z", 20261123, BusinessDay.SECONDS_PER_DAY));
        assertEquals(Decision.ADMIN_REJECTED, cutover("2026-11-21T21:05:00Z", AdminRecords.CUTOVER_NO_DATE, KEEP));
        assertEquals(20261122, day.date());
    }

    @Test
    void aCutoverRecordOfTheWrongLengthIsRefused()
    {
        tick("2026-11-21T12:00:00Z");
        final int length = AdminRecords.writeCutover(record, 0, 20261122, KEEP);
        assertEquals(Decision.ADMIN_REJECTED, day.apply(EventKind.ADMIN, TestRequest.epochNanos("2026-11-21T13:00:00Z"),
            record, 0, length - 1));
        assertEquals(20261121, day.date());
    }

    @Test
    void theDailyTimeOpensTheNearestDateWhenAnEventReachesIt()
    {
        assertEquals(Decision.ADMIN_CREATED, cutover("2026-11-21T12:00:00Z", AdminRecords.CUTOVER_NO_DATE, TEN_PM));
        assertEquals(20261121, day.date(), "setting the time opens no day");
        tick("2026-11-21T21:59:59.999999999Z");
        assertEquals(20261121, day.date());
        tick("2026-11-21T22:00:00Z");
        assertEquals(20261122, day.date(), "a 22:00 cutover opens the next calendar day");
        tick("2026-11-22T21:59:00Z");
        assertEquals(20261122, day.date());
        tick("2026-11-22T22:00:01Z");
        assertEquals(20261123, day.date());
    }

    @Test
    void anEarlyMorningCutoverOpensItsOwnCalendarDay()
    {
        cutover("2026-11-21T12:00:00Z", AdminRecords.CUTOVER_NO_DATE, 2 * 3600);
        tick("2026-11-22T01:00:00Z");
        assertEquals(20261121, day.date());
        tick("2026-11-22T02:00:00Z");
        assertEquals(20261122, day.date());
    }

    @Test
    void scheduledCutoversThatPassedWithoutAnEventCountOnceAsTheLatest()
    {
        cutover("2026-11-21T12:00:00Z", AdminRecords.CUTOVER_NO_DATE, TEN_PM);
        tick("2026-11-25T09:00:00Z");
        assertEquals(20261125, day.date(), "the latest cutover passed, 24 November 22:00, opened 25 November");
        tick("2026-11-25T22:00:00Z");
        assertEquals(20261126, day.date());
    }

    @Test
    void aScheduledCutoverDoesNotReopenADayACommandAlreadyOpened()
    {
        cutover("2026-11-21T12:00:00Z", AdminRecords.CUTOVER_NO_DATE, TEN_PM);
        assertEquals(Decision.ADMIN_CREATED, cutover("2026-11-21T21:55:00Z", 20261122, KEEP));
        tick("2026-11-21T22:00:00Z");
        assertEquals(20261122, day.date());
        tick("2026-11-22T22:00:00Z");
        assertEquals(20261123, day.date(), "the daily time was kept");
    }

    @Test
    void clearingTheDailyTimeLeavesCutoversToCommands()
    {
        cutover("2026-11-21T12:00:00Z", AdminRecords.CUTOVER_NO_DATE, TEN_PM);
        assertEquals(Decision.ADMIN_CREATED, cutover("2026-11-21T13:00:00Z", AdminRecords.CUTOVER_NO_DATE, ON_COMMAND));
        assertEquals(Decision.ADMIN_UNCHANGED, cutover("2026-11-21T13:01:00Z", AdminRecords.CUTOVER_NO_DATE, ON_COMMAND));
        tick("2026-11-23T12:00:00Z");
        assertEquals(20261121, day.date());
    }

    @Test
    void calendarArithmeticKnowsLeapYearsAndMonthEnds()
    {
        assertTrue(BusinessDay.isDate(20280229));
        assertFalse(BusinessDay.isDate(20270229));
        assertFalse(BusinessDay.isDate(21000229));
        assertFalse(BusinessDay.isDate(20261301));
        assertFalse(BusinessDay.isDate(19691231));
        assertEquals(20270101, BusinessDay.nextDate(20261231));
        assertEquals(20280229, BusinessDay.nextDate(20280228));
        assertEquals(20261121, BusinessDay.dateOf(TestRequest.epochNanos("2026-11-21T00:00:00Z")));
        assertEquals(19691231, BusinessDay.dateOf(-1));
    }

    @Test
    void theAuthorizerAppliesCutoversAndTheirDayIsPartOfItsDigest()
    {
        final Authorizer authorizer = new Authorizer(new AuthorizerConfig(16, 16));
        final Authorizer twin = new Authorizer(new AuthorizerConfig(16, 16));
        final TransactionEvent event = new TransactionEvent(4096);
        for (final Authorizer each : new Authorizer[] {authorizer, twin})
        {
            admin(each, event, AdminRecords.writeAccount(record, 0, new AccountRecord(1, 840, 10_000, 0)), 0);
            admin(each, event, AdminRecords.writeCard(record, 0, new CardRecord(AuthorizerTest.ACTIVE, 1, 3012,
                CardStatus.ACTIVE)), 1);
        }
        assertEquals(20261121, authorizer.businessDate());

        final int length = AdminRecords.writeCutover(record, 0, 20261122, KEEP);
        assertEquals(Decision.ADMIN_CREATED, admin(authorizer, event, length, 2).adminResult());
        assertEquals(20261122, authorizer.businessDate());
        assertNotEquals(twin.digest(), authorizer.digest(), "the business day is state");
        assertEquals(Decision.ADMIN_CREATED, admin(twin, event, length, 2).adminResult());
        assertEquals(twin.digest(), authorizer.digest());

        assertEquals(Decision.ADMIN_REJECTED,
            admin(authorizer, event, AdminRecords.writeCutover(record, 0, 20261120, KEEP), 3).adminResult());
        authorizer.apply(TestRequest.purchase(200, AuthorizerTest.ACTIVE, 100, 1).into(event, 4));
        assertEquals(ResponseCodes.APPROVED, event.decision().responseCode(), "a cutover moves no money");
        assertEquals(20261122, authorizer.businessDate());
    }

    private void tick(final String instant)
    {
        day.apply(EventKind.TICK, TestRequest.epochNanos(instant), record, 0, 0);
    }

    private int cutover(final String instant, final int businessDate, final int secondOfDay)
    {
        final int length = AdminRecords.writeCutover(record, 0, businessDate, secondOfDay);
        return day.apply(EventKind.ADMIN, TestRequest.epochNanos(instant), record, 0, length);
    }

    private Decision admin(final Authorizer authorizer, final TransactionEvent event, final int length,
        final long sequence)
    {
        event.copyInput(sequence, EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, 0, record, 0, length);
        authorizer.apply(event);
        return event.decision();
    }
}
