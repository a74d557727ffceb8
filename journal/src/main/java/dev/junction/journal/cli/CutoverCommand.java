package dev.junction.journal.cli;

import dev.junction.core.auth.Decision;
import dev.junction.core.refdata.AdminRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction cutover}: the operator's business-day cutover, journaled by the running switch through
 * a {@link CutoverTrigger} (see {@code BusinessDay} for the rules). Not a journal tool (it changes the
 * switch's state), so {@link JournalCommand} does not list it: the network's CLI registers an instance
 * with its trigger. Exit status 0 when the day opened or already was open (a repeated command is
 * harmless), 1 when the switch refused it or could not be reached, 2 for a usage error.
 */
@Command(name = "cutover", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Close the business day and open the next one in the running switch, and/or set the daily "
        + "time (UTC) at which it does so by itself. The cutover is a journaled event.",
        "Exit status: 0 done (or already so), 1 refused or switch unreachable, 2 usage error."})
public final class CutoverCommand implements Callable<Integer>
{
    private final CutoverTrigger trigger;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--date", paramLabel = "YYYYMMDD", description = "the business date to open; after the current one")
    String date;

    @Option(names = "--daily-time", paramLabel = "HH:MM",
        description = "from now on, open the next day by itself each day at this UTC time")
    String dailyTime;

    @Option(names = "--on-command-only", description = "no daily cutover: the day changes on this command only")
    boolean onCommandOnly;

    public CutoverCommand(final CutoverTrigger trigger)
    {
        this.trigger = trigger;
    }

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final String prefix = JournalCommand.errorPrefix(spec);
        if (date == null && dailyTime == null && !onCommandOnly)
        {
            return fail(err, prefix + ": name --date, --daily-time or --on-command-only (see --help)",
                JournalCommand.EXIT_USAGE);
        }
        if (dailyTime != null && onCommandOnly)
        {
            return fail(err, prefix + ": --daily-time and --on-command-only exclude each other", JournalCommand.EXIT_USAGE);
        }
        final int businessDate;
        final int secondOfDay;
        try
        {
            businessDate = date == null ? AdminRecords.CUTOVER_NO_DATE : BusinessDays.parseDay(date);
            secondOfDay = onCommandOnly ? AdminRecords.CUTOVER_ON_COMMAND_ONLY :
                dailyTime == null ? AdminRecords.CUTOVER_KEEP_TIME : LocalTime.parse(dailyTime).toSecondOfDay();
        }
        catch (final ToolCommand.UsageException ex)
        {
            return fail(err, prefix + ": " + ex.getMessage(), JournalCommand.EXIT_USAGE);
        }
        catch (final DateTimeParseException ex)
        {
            return fail(err, prefix + ": --daily-time must be HH:MM in UTC, e.g. 22:00: '" + dailyTime + "'",
                JournalCommand.EXIT_USAGE);
        }
        final int result;
        try
        {
            result = trigger.publish(businessDate, secondOfDay);
        }
        catch (final IOException ex)
        {
            return fail(err, prefix + ": cannot reach the switch: " + ex.getMessage(), JournalCommand.EXIT_BAD_JOURNAL);
        }
        final String what = (date == null ? "" : "business day " + businessDate) +
            (date != null && secondOfDay != AdminRecords.CUTOVER_KEEP_TIME ? ", " : "") +
            (onCommandOnly ? "cutover on command only" : dailyTime == null ? "" : "daily cutover at " +
                LocalTime.ofSecondOfDay(secondOfDay) + " UTC");
        switch (result)
        {
            case Decision.ADMIN_CREATED:
                out.println("cutover: " + what + ": done");
                return JournalCommand.EXIT_OK;
            case Decision.ADMIN_UNCHANGED:
                out.println("cutover: " + what + ": already so, nothing changed");
                return JournalCommand.EXIT_OK;
            default:
                return fail(err, prefix + ": the switch refused " + what + ": a date must be after the current " +
                    "business day", JournalCommand.EXIT_BAD_JOURNAL);
        }
    }

    private static int fail(final PrintWriter err, final String line, final int status)
    {
        err.println(line);
        err.flush();
        return status;
    }
}
