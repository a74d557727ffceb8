package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.auth.StateDigest;
import dev.junction.journal.JournalSurgery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal replay} against journals written by the live pipeline (21 events, sequences 0..20). */
class ReplayCommandTest
{
    @TempDir
    Path dataDir;

    @TempDir
    Path otherDataDir;

    @Test
    void replayOfALiveJournalMatchesEveryOutcomeAndReachesTheLiveDigest() throws InterruptedException
    {
        final long liveDigest = LiveJournal.standard().writeTo(dataDir);

        final Cli cli = replay();
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("replayed   21 events (sequences 0..20)"), cli.out());
        assertTrue(cli.out().contains("state      3 accounts, 3 cards, digest " + StateDigest.hex(liveDigest)), cli.out());
        assertTrue(cli.out().contains("outcomes   21 compared byte for byte: all match"), cli.out());
        assertEquals("", cli.err());
    }

    @Test
    void replayCrossesARestartOfTheSwitch() throws InterruptedException
    {
        LiveJournal.standard().writeTo(dataDir);
        final long liveDigest = new LiveJournal()
            .request(IsoRequest.purchase(100, LiveJournal.PAN_B, 4_000, 40, "TERM0004", "MERCHANT0000004"))
            .writeTo(dataDir);

        final Cli cli = replay();
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("digest " + StateDigest.hex(liveDigest)), cli.out());
        assertTrue(cli.out().contains("22 compared byte for byte: all match"), cli.out());
    }

    @Test
    void aJournaledResponseByteThatDiffersNamesItsSequenceAndOffset() throws Exception
    {
        LiveJournal.standard().writeTo(dataDir);
        JournalSurgery.rewriteOutcomeThroughWriter(dataDir, 13, JournalSurgery.OUTCOME_RESPONSE_OFFSET + 12);

        final Cli cli = replay();
        assertEquals(1, cli.exit(), cli.toString());
        assertEquals(List.of("junction journal replay: sequence 13 (request 0100, stan 000007) differs from the " +
            "journal: response bytes differ at offset 12 (replayed 87 bytes, journaled 87)"), cli.errLines());
        assertTrue(cli.out().contains("MISMATCH after 13 matching"), cli.out());
    }

    @Test
    void aJournaledDecisionThatDiffersNamesTheField() throws Exception
    {
        LiveJournal.standard().writeTo(dataDir);
        JournalSurgery.rewriteOutcomeThroughWriter(dataDir, 10, JournalSurgery.OUTCOME_RESPONSE_CODE_OFFSET);

        final Cli cli = replay();
        assertEquals(1, cli.exit(), cli.toString());
        assertEquals(List.of("junction journal replay: sequence 10 (request 0200, stan 000004) differs from the " +
            "journal: response code replayed 51, journaled 50"), cli.errLines());
    }

    @Test
    void theDecisionDetailOfVersionThreeMatchesOnReplay() throws Exception
    {
        final long liveDigest = LiveJournal.decisions().writeTo(dataDir);

        final Cli cli = replay();
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("digest " + StateDigest.hex(liveDigest)), cli.out());
        assertTrue(cli.out().contains("outcomes   11 compared byte for byte: all match"), cli.out());
    }

    @Test
    void aJournaledRiskScoreThatDiffersNamesTheField() throws Exception
    {
        LiveJournal.decisions().writeTo(dataDir);
        JournalSurgery.rewriteOutcomeThroughWriter(dataDir, 4, JournalSurgery.OUTCOME_RISK_SCORE_OFFSET);

        final Cli cli = replay();
        assertEquals(1, cli.exit(), cli.toString());
        assertEquals(List.of("junction journal replay: sequence 4 (request 0100, stan 000001) differs from the " +
            "journal: risk score replayed 76, journaled 77"), cli.errLines());
        assertTrue(cli.out().contains("MISMATCH after 4 matching"), cli.out());
    }

    @Test
    void aJournaledFlagThatDiffersNamesTheField() throws Exception
    {
        LiveJournal.decisions().writeTo(dataDir);
        JournalSurgery.rewriteOutcomeThroughWriter(dataDir, 5, JournalSurgery.OUTCOME_FLAGS_OFFSET);

        final Cli cli = replay();
        assertEquals(1, cli.exit(), cli.toString());
        assertEquals(List.of("junction journal replay: sequence 5 (request 0100, stan 000001) differs from the " +
            "journal: duplicate replayed true, journaled false"), cli.errLines());
    }

    @Test
    void toSequenceStopsThereWithTheStateOfALiveRunOfThoseEventsOnly() throws InterruptedException
    {
        final LiveJournal standard = LiveJournal.standard();
        standard.writeTo(dataDir);
        final LiveJournal firstTen = new LiveJournal();
        firstTen.events.addAll(standard.events.subList(0, 10));
        final long digestAfterNine = firstTen.writeTo(otherDataDir);

        final Cli cli = replay("--to-sequence", "9");
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("replayed   10 events (sequences 0..9)"), cli.out());
        assertTrue(cli.out().contains("stopped    after sequence 9 (--to-sequence 9)"), cli.out());
        assertTrue(cli.out().contains("digest " + StateDigest.hex(digestAfterNine)), cli.out());
        assertTrue(cli.out().contains("10 compared byte for byte: all match"), cli.out());
    }

    @Test
    void toTimeStopsAfterTheLastInputAtOrBeforeIt() throws InterruptedException
    {
        LiveJournal.standard().writeTo(dataDir);

        final Cli cli = replay("--to-time", "2026-11-21T12:01:30Z");
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("replayed   10 events (sequences 0..9)"), cli.out());
        assertTrue(cli.out().contains("stopped    after sequence 9 (--to-time 2026-11-21T12:01:30Z; sequence 10 " +
            "came in at 2026-11-21T12:01:40Z)"), cli.out());
    }

    @Test
    void aLedgerSmallerThanTheLiveOneShowsAsADifferentAdminResult() throws InterruptedException
    {
        LiveJournal.standard().writeTo(dataDir);

        final Cli cli = Cli.run("replay", "--data", dataDir.toString(), "--account-capacity", "2");
        assertEquals(1, cli.exit(), cli.toString());
        assertEquals(List.of("junction journal replay: sequence 2 (admin) differs from the journal: admin result " +
            "replayed rejected, journaled created"), cli.errLines());
    }

    @Test
    void inputsWithoutOutcomesAtTheEndAreAppliedAndNoted() throws Exception
    {
        final long liveDigest = LiveJournal.standard().writeTo(dataDir);
        JournalSurgery.edit(dataDir, JournalSurgery.OUTCOME, records -> records.subList(0, 18));

        final Cli cli = replay();
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("note       the last 3 input(s) have no journaled outcome"), cli.out());
        assertTrue(cli.out().contains("digest " + StateDigest.hex(liveDigest)), cli.out());
        assertTrue(cli.out().contains("18 compared byte for byte: all match"), cli.out());
    }

    private Cli replay(final String... options)
    {
        final String[] args = new String[options.length + 7];
        args[0] = "replay";
        args[1] = "--data";
        args[2] = dataDir.toString();
        args[3] = "--account-capacity";
        args[4] = String.valueOf(LiveJournal.CONFIG.accountCapacity());
        args[5] = "--card-capacity";
        args[6] = String.valueOf(LiveJournal.CONFIG.cardCapacity());
        System.arraycopy(options, 0, args, 7, options.length);
        return Cli.run(args);
    }
}
