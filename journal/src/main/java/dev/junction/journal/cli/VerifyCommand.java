package dev.junction.journal.cli;

import dev.junction.journal.JournalVerification;
import dev.junction.journal.JournalVerifier;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code junction journal verify}: recomputes every record's CRC and each queue's hash chain, and
 * checks that inputs and outcomes agree. Names the first record that was altered, removed, inserted
 * or reordered. The chain covers encrypted payloads as ciphertext, so it needs no key; it says how many
 * payloads are encrypted and under which key id, and given the key it also authenticates each one.
 * Exit 0 when intact, 1 when not.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Recompute the checksum and the SHA-256 chain of every record of both queues and check "
        + "that outcomes match inputs; name the first record that was altered, removed, inserted or reordered.",
        "Encrypted payloads are checked as ciphertext without the key; given the key, each is also authenticated.",
        "Exit status: 0 intact, 1 not intact, 2 usage error."})
final class VerifyCommand extends ToolCommand
{
    @Override
    int execute(final PrintWriter out, final PrintWriter err, final Progress progress)
    {
        final JournalVerification result = JournalVerifier.verify(dataDir, key, progress);
        print(out, result.input());
        print(out, result.outcome());
        printPayloads(out, result.input());
        printPayloads(out, result.outcome());
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

    /** Says whether the queue's payloads are encrypted at rest, under which key, and whether they were opened. */
    private static void printPayloads(final PrintWriter out, final JournalVerification.Queue queue)
    {
        final String what = queue.name().equals("input") ? "payloads" : "responses";
        if (queue.sealed() == 0)
        {
            out.printf("%-8s %s in clear (no journal key when written)%n", queue.name(), what);
            return;
        }
        out.printf("%-8s %s %s of %s records encrypted (AES-256-GCM, key id %s); %s%n", queue.name(), what,
            Progress.count(queue.sealed()), Progress.count(queue.records()), String.join(", ", queue.keyIds()),
            queue.authenticated() ? "each authenticated with the key given" :
                "chain checked over the ciphertext; give the key to authenticate each payload");
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
