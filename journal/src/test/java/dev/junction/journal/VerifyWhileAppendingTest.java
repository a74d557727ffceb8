package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal verify} may run while the switch appends (README, "Operator tools"). The switch appends an
 * input before its outcome, so a record pair written between the verifier's read of the inputs and its
 * read of the outcomes must not show up as an outcome without an input: the verifier reads outcomes only
 * as far as the outcome queue reached before it began.
 */
class VerifyWhileAppendingTest
{
    @TempDir
    Path dataDir;

    @Test
    void anInputAndOutcomeAppendedDuringTheCheckAreLeftForTheNextRunNotReportedAsAnOrphan()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 0, 9);
        }

        final JournalVerification during = JournalVerifier.verify(dataDir, null, ReadProgress.NONE, () ->
        {
            try (ChronicleJournal journal = new ChronicleJournal(dataDir))
            {
                JournalFixtures.write(journal, 10, 12);
            }
        });

        assertTrue(during.intact(), during.toString());
        assertEquals(List.of(), during.errors());
        assertEquals(10, during.input().records(), "the inputs as they were when read");
        assertEquals(10, during.outcome().records(), "the outcomes as far as they reached before the check");
        assertTrue(during.notes().contains(
            "the switch was appending: outcomes written after the check began are left for the next run"),
            during.notes().toString());

        final JournalVerification after = JournalVerifier.verify(dataDir, ReadProgress.NONE);
        assertTrue(after.intact(), after.toString());
        assertEquals(13, after.outcome().records());
        assertFalse(after.notes().stream().anyMatch(note -> note.startsWith("the switch was appending")),
            after.notes().toString());
    }
}
