package dev.junction.journal.cli;

import java.io.IOException;
import java.io.PrintWriter;

import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.StateDigest;
import dev.junction.journal.JournalException;
import dev.junction.journal.JournalSnapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code junction journal snapshot}: a snapshot of a stopped switch, taken on command. Replays the
 * journal read-only and writes {@code DATA/snapshots/snapshot-<sequence>.jsnp}: the one place a
 * journal tool writes, and never into the journal.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Rebuild the state of a stopped switch from its journal (from its newest usable snapshot on) "
        + "and write a snapshot into DIR/snapshots, which the next start loads instead of replaying the whole journal.",
        "The capacities must be those the switch runs with: a snapshot taken with others is refused at start.",
        "Exit status: 0 written, 1 a damaged journal or a write that failed, 2 usage error."})
final class SnapshotCommand extends ToolCommand
{
    @Mixin
    AuthorizerOptions limits = new AuthorizerOptions();

    @Override
    int execute(final PrintWriter out, final PrintWriter err, final Progress progress)
    {
        final AuthorizerConfig config = limits.config();
        final JournalSnapshots.Taken taken;
        try
        {
            taken = JournalSnapshots.take(dataDir, key, config, warning -> err.println("warning: " + warning));
        }
        catch (final IOException e)
        {
            throw new JournalException("cannot write the snapshot into " + dataDir.resolve("snapshots") + ": " +
                e.getMessage(), e);
        }
        out.printf("replayed   %s events%s in %s%n", Progress.count(taken.eventsReplayed()),
            taken.startedFrom() == null ? "" : " after " + taken.startedFrom().getFileName(), progress.elapsed());
        out.printf("snapshot   %s (state up to sequence %s, digest %s)%n", taken.file(), Progress.count(taken.sequence()),
            StateDigest.hex(taken.digest()));
        return JournalCommand.EXIT_OK;
    }
}
