package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.journal.JournalSurgery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal verify} on a journal written by the live pipeline (21 events, sequences 0..20), then
 * tampered with as a forger or a failing disk would.
 */
class VerifyCommandTest
{
    /** An offset inside record 9's payload (an 0100's PAN and amount): past the 30-byte header. */
    private static final int PAYLOAD_BYTE = 40;

    @TempDir
    Path dataDir;

    @BeforeEach
    void writeJournal() throws InterruptedException
    {
        LiveJournal.standard().writeTo(dataDir);
    }

    @Test
    void anIntactJournalVerifiesWithExitZero()
    {
        final Cli cli = verify();
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("input    21 records, sequences 0..20, chain intact, head link "), cli.out());
        assertTrue(cli.out().contains("outcome  21 records, sequences 0..20, chain intact, head link "), cli.out());
        assertTrue(cli.out().contains("journal intact: 42 records"), cli.out());
        assertEquals("", cli.err());
    }

    @Test
    void aJournalContinuedAfterARestartStillVerifies() throws InterruptedException
    {
        new LiveJournal().request(IsoRequest.purchase(100, LiveJournal.PAN_A, 100, 99, "TERM0009", "MERCHANT0000009"))
            .writeTo(dataDir);

        final Cli cli = verify();
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("input    22 records, sequences 0..21, chain intact"), cli.out());
    }

    @Test
    void oneByteEditedInsideTheQueueFileIsNamedAsAChecksumFailureOfThatRecord() throws Exception
    {
        JournalSurgery.flipByteInFile(dataDir, JournalSurgery.INPUT, 9, PAYLOAD_BYTE);

        final Cli cli = verify();
        assertEquals(1, cli.exit(), cli.toString());
        assertBroken(cli, "input journal: record 9 of ", "sequence 9): checksum: CRC32C mismatch");
    }

    @Test
    void aRecordChangedAndResealedWithAValidChecksumIsNamedByItsBrokenLink() throws Exception
    {
        JournalSurgery.edit(dataDir, JournalSurgery.INPUT, records ->
        {
            records.set(9, JournalSurgery.alterAndReseal(records.get(9), PAYLOAD_BYTE));
            return records;
        });

        final Cli cli = verify();
        assertEquals(1, cli.exit(), cli.toString());
        assertBroken(cli, "input journal: record 9 of ", "sequence 9): chain link: altered");
    }

    @Test
    void aRemovedRecordIsNamedAtTheRecordAfterTheGap() throws Exception
    {
        JournalSurgery.edit(dataDir, JournalSurgery.INPUT, records ->
        {
            records.remove(9);
            return records;
        });

        final Cli cli = verify();
        assertEquals(1, cli.exit(), cli.toString());
        assertBroken(cli, "input journal: record 9 of ",
            "sequence 10): chain link: removed: its link does not follow from the previous record (sequence 8) and " +
            "sequence 9 is missing: 1 record removed before it");
    }

    @Test
    void anInsertedRecordIsNamed() throws Exception
    {
        JournalSurgery.edit(dataDir, JournalSurgery.INPUT, records ->
        {
            records.add(9, records.get(5));
            return records;
        });

        final Cli cli = verify();
        assertEquals(1, cli.exit(), cli.toString());
        assertBroken(cli, "input journal: record 9 of ", "sequence 5): chain link: inserted: it is not part of the " +
            "chain: the next record (sequence 9) links directly to the previous record (sequence 8)");
    }

    @Test
    void twoSwappedRecordsAreNamedAsReordered() throws Exception
    {
        JournalSurgery.edit(dataDir, JournalSurgery.OUTCOME, records ->
        {
            final byte[] ninth = records.get(9);
            records.set(9, records.get(10));
            records.set(10, ninth);
            return records;
        });

        final Cli cli = verify();
        assertEquals(1, cli.exit(), cli.toString());
        assertBroken(cli, "outcome journal: record 9 of ",
            "sequence 10): chain link: reordered: it is stored before sequence 9 but chains after it");
    }

    @Test
    void inputsWithoutOutcomesAtTheEndAreANoteNotAnError() throws Exception
    {
        JournalSurgery.edit(dataDir, JournalSurgery.OUTCOME, records -> records.subList(0, 19));

        final Cli cli = verify();
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("note     the last 2 inputs (sequences 19..20) have no outcome: the switch " +
            "stopped between appending an input and its outcome"), cli.out());
        assertTrue(cli.out().contains("journal intact"), cli.out());
    }

    @Test
    void anOutcomeWithoutItsInputIsAnError() throws Exception
    {
        JournalSurgery.edit(dataDir, JournalSurgery.INPUT, records -> records.subList(0, 20));

        final Cli cli = verify();
        assertEquals(1, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("input    20 records, sequences 0..19, chain intact"), cli.out());
        assertEquals(List.of("junction journal verify: 1 outcome has no input, the first of sequence 20 " +
            "(the input journal holds sequences 0..19)"), cli.errLines());
    }

    @Test
    void anOutcomeRewrittenThroughTheWriterKeepsAnIntactChain() throws Exception
    {
        // verify proves the journal is what the writer wrote; replay proves the writer wrote the truth.
        JournalSurgery.rewriteOutcomeThroughWriter(dataDir, 13, JournalSurgery.OUTCOME_RESPONSE_CODE_OFFSET);

        assertEquals(0, verify().exit());
    }

    private Cli verify()
    {
        return Cli.run("verify", "--data", dataDir.toString());
    }

    private static void assertBroken(final Cli cli, final String record, final String problem)
    {
        assertEquals(1, cli.errLines().size(), cli.toString());
        final String line = cli.errLines().get(0);
        assertTrue(line.startsWith("junction journal verify: " + record), line);
        assertTrue(line.contains("(index 0x"), line);
        assertTrue(line.contains(problem), line);
        assertTrue(cli.out().contains("then BROKEN"), cli.out());
        assertTrue(cli.out().contains("journal NOT intact"), cli.out());
    }
}
