package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.auth.Decision;
import dev.junction.core.refdata.AdminRecords;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code junction cutover} hands the switch the record it asks for and reports the switch's answer. */
class CutoverCommandTest
{
    private final List<int[]> published = new ArrayList<>();
    private int answer = Decision.ADMIN_CREATED;

    @Test
    void aDateOpensThatDayAndKeepsTheDailyTime()
    {
        final Cli cli = run("--date", "20261122");

        assertEquals(0, cli.exit(), cli.toString());
        assertEquals("cutover: business day 20261122: done", cli.out().strip());
        assertEquals(List.of(20261122, AdminRecords.CUTOVER_KEEP_TIME), List.of(published.get(0)[0], published.get(0)[1]));
    }

    @Test
    void aDailyTimeIsSentInSecondsAfterMidnightUtc()
    {
        assertEquals(0, run("--daily-time", "22:30").exit());
        assertEquals(List.of(AdminRecords.CUTOVER_NO_DATE, 22 * 3600 + 1800),
            List.of(published.get(0)[0], published.get(0)[1]));
        assertEquals(0, run("--on-command-only").exit());
        assertEquals(AdminRecords.CUTOVER_ON_COMMAND_ONLY, published.get(1)[1]);
    }

    @Test
    void aRepeatedCutoverSucceedsAndARefusedOneExitsOne()
    {
        answer = Decision.ADMIN_UNCHANGED;
        final Cli repeated = run("--date", "20261122");
        assertEquals(0, repeated.exit());
        assertTrue(repeated.out().contains("already so"), repeated.toString());

        answer = Decision.ADMIN_REJECTED;
        final Cli refused = run("--date", "20261120");
        assertEquals(1, refused.exit());
        assertEquals(List.of("junction cutover: the switch refused business day 20261120: a date must be after the " +
            "current business day"), refused.errLines());
    }

    @Test
    void badCommandLinesAreOneLineAndExitTwo()
    {
        for (final String[] args : List.of(new String[0], new String[] {"--date", "20261131"},
            new String[] {"--daily-time", "25:00"}, new String[] {"--daily-time", "22:00", "--on-command-only"}))
        {
            final Cli cli = run(args);
            assertEquals(2, cli.exit(), cli.toString());
            assertEquals(1, cli.errLines().size(), cli.toString());
            assertTrue(cli.errLines().get(0).startsWith("junction cutover: "), cli.toString());
        }
        assertTrue(published.isEmpty());
    }

    private Cli run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new CutoverCommand(this::publish))
            .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        final int exit = commandLine.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    private int publish(final int businessDate, final int secondOfDay) throws IOException
    {
        published.add(new int[] {businessDate, secondOfDay});
        return answer;
    }
}
