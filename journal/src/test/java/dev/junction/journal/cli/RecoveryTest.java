package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.Replayer;
import dev.junction.journal.ChronicleJournal;
import dev.junction.journal.JournalRecovery;
import java.nio.file.Path;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch killed between appending inputs and their outcomes: recovery journals the outcomes the
 * replay decides for them, so the journal stays whole once new events follow and every tool reads it.
 */
class RecoveryTest
{
    @TempDir
    Path dataDir;

    @Test
    void recoveryJournalsTheOutcomesOfTheInputsAKilledSwitchLeftUnanswered() throws Exception
    {
        LiveJournal.standard().writeTo(dataDir);
        appendInputsOnly(21, 3);

        final JournalRecovery.Result result;
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            result = JournalRecovery.recover(journal, new Replayer(new Authorizer(LiveJournal.CONFIG)));
        }
        assertEquals(24, result.eventsReplayed());
        assertEquals(3, result.outcomesCompleted());
        assertEquals(24, result.nextSequence());

        final LiveJournal later = new LiveJournal();
        later.request(IsoRequest.purchase(200, LiveJournal.PAN_B, 300, 40, "TERM0002", "MERCHANT0000001"));
        later.writeTo(dataDir);

        final Cli verify = Cli.run("verify", "--data", dataDir.toString());
        assertEquals(0, verify.exit(), verify.toString());
        final Cli replay = Cli.run("replay", "--data", dataDir.toString(), "--account-capacity", "1000",
            "--card-capacity", "1000");
        assertEquals(0, replay.exit(), replay.toString());
        assertTrue(replay.out().contains("25 compared byte for byte: all match"), replay.toString());
        final Cli dump = Cli.run("dump", "--data", dataDir.toString(), "--from", "21", "--to", "23");
        assertEquals(3, dump.outLines().size(), dump.toString());
        assertTrue(dump.outLines().stream().allMatch(line -> line.contains("-> mti=0210 rc=00")), dump.toString());
    }

    @Test
    void recoveryOfAWholeJournalAppendsNothing() throws Exception
    {
        LiveJournal.standard().writeTo(dataDir);
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            final JournalRecovery.Result result =
                JournalRecovery.recover(journal, new Replayer(new Authorizer(LiveJournal.CONFIG)));
            assertEquals(21, result.eventsReplayed());
            assertEquals(0, result.outcomesCompleted());
        }
        assertEquals(0, Cli.run("verify", "--data", dataDir.toString()).exit());
    }

    /** What a kill -9 leaves: inputs journaled, the responder killed before their outcomes. */
    private void appendInputsOnly(final long firstSequence, final int count)
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            final InputJournal inputs = journal.inputWriter();
            inputs.onStart();
            for (int i = 0; i < count; i++)
            {
                final byte[] request = IsoRequest.purchase(200, LiveJournal.PAN_A, 100, 30 + i, "TERM0004",
                    "MERCHANT0000004").bytes();
                inputs.append(firstSequence + i, EventKind.REQUEST, Formats.epochNanos(LiveJournal.START) + i, 7,
                    new UnsafeBuffer(request), 0, request.length);
            }
            inputs.onShutdown();
        }
    }
}
