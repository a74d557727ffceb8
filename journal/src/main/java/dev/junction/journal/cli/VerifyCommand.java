package dev.junction.journal.cli;

import dev.junction.journal.JournalVerification;
import dev.junction.journal.JournalVerifier;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code junction journal verify}: recomputes every record's CRC and each queue's hash chain, and
 * checks that inputs and outcomes agree. Names the first record that was altered, removed, inserted
 * or reordered. Exit 0 when intact, 1 when not.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Recompute the checksum and the SHA-256 chain of every record of both queues and check "
        + "that outcomes match inputs; name the first record that was altered, removed, inserted or reordered.",
        "Exit status: 0 intact, 1 not intact, 2 usage error."})
final class VerifyCommand extends ToolCommand
{
    @Override
    int execute(final PrintWriter out, final PrintWriter err, final Progress progress)
    {
        final JournalVerification result = JournalVerifier.verify(dataDir, progress);
        print(out, result.input());
        print(out, result.outcome());
        for (final String error : result.errors())
        {
            out.println("error    " + error);
        }
        for (final String note : result.notes())
        {
            out.println("note     " + note);
        }
        final long records = result.input().records() + result.outcome().records();
        final String timing = Progress.count(records) + " records in " + progress.elapsed() + ", " +
            progress.rate(progress.records()) + " records/s";
        if (result.intact())
        {
            out.println("journal intact: " + timing);
            return JournalCommand.EXIT_OK;
        }
        out.println("journal NOT intact (" + timing + ")");
        final String first = result.input().firstBreak() != null ? result.input().firstBreak().message() :
            result.outcome().firstBreak() != null ? result.outcome().firstBreak().message() : result.errors().get(0);
        err.println(JournalCommand.errorPrefix(spec) + ": " + first);
        return JournalCommand.EXIT_BAD_JOURNAL;
    }

    private static void print(final PrintWriter out, final JournalVerification.Queue queue)
    {
        final String range = queue.records() == 0 ? "" :
            ", sequences " + queue.firstSequence() + ".." + queue.lastSequence();
        if (queue.firstBreak() == null)
        {
            out.printf("%-8s %s records%s, chain intact, head link %s%n", queue.name(), Progress.count(queue.records()),
                range, queue.headLink());
        }
        else
        {
            out.printf("%-8s %s records intact%s, then BROKEN%n", queue.name(), Progress.count(queue.records()), range);
            out.println("         " + queue.firstBreak().message());
        }
    }
}
