package dev.junction.journal.cli;

import dev.junction.core.auth.BusinessDay;
import dev.junction.journal.InputRecord;
import dev.junction.journal.JournalEventHandler;
import dev.junction.journal.OutcomeRecord;
import java.util.TreeSet;

/**
 * Walks the journal's events in order through core's {@link BusinessDay}, the same rules the
 * authorizer applied, and hands on the events of one business day only. It remembers which days the
 * journal holds, so a tool can say so when the day asked for is not among them, and whether the day
 * is closed (a later day began after it).
 */
final class BusinessDays implements JournalEventHandler
{
    private final int day;
    private final JournalEventHandler handler;
    private final Progress progress;
    private final BusinessDay businessDay = new BusinessDay();
    private final TreeSet<Integer> days = new TreeSet<>();
    private int lastDate;
    private long events;
    private long firstSequence = -1;
    private long lastSequence = -1;

    BusinessDays(final int day, final Progress progress, final JournalEventHandler handler)
    {
        this.day = day;
        this.progress = progress;
        this.handler = handler;
    }

    /** @return {@code text} as a business date yyyymmdd. */
    static int parseDay(final String text)
    {
        final int date = text.length() == 8 && text.chars().allMatch(Character::isDigit) ? Integer.parseInt(text) : -1;
        if (date < 0 || !BusinessDay.isDate(date))
        {
            throw new ToolCommand.UsageException("--day must be a business date yyyymmdd, e.g. 20261121: '" + text + "'");
        }
        return date;
    }

    @Override
    public boolean onEvent(final InputRecord input, final OutcomeRecord outcome)
    {
        progress.onRecord();
        businessDay.apply(input.kind(), input.ingressEpochNanos(), input.payload(), input.payloadOffset(),
            input.payloadLength());
        final int date = businessDay.date();
        if (date != lastDate)
        {
            days.add(date);
            lastDate = date;
        }
        if (date != day)
        {
            return true;
        }
        if (firstSequence < 0)
        {
            firstSequence = input.sequence();
        }
        lastSequence = input.sequence();
        events++;
        return handler.onEvent(input, outcome);
    }

    /** @throws ToolCommand.UsageException when the journal holds no event of the day. */
    void requireDayFound()
    {
        if (events == 0)
        {
            throw new ToolCommand.UsageException("business day " + day + " is not in the journal" + (days.isEmpty() ?
                ", which holds no events" : "; its days are " + (days.size() <= 10 ? days.toString() :
                days.first() + " .. " + days.last() + " (" + days.size() + " days)")));
        }
    }

    /** @return e.g. "sequences 7..20, 14 events; closed" for the summary line. */
    String describe()
    {
        return "sequences " + firstSequence + ".." + lastSequence + ", " + Progress.count(events) + " events; " +
            (days.last() > day ? "closed" : "still open (no cutover after it yet): figures so far");
    }
}
