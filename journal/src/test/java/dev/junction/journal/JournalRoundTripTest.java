package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import dev.junction.journal.JournalFixtures.CheckingInputHandler;
import dev.junction.journal.JournalFixtures.CheckingOutcomeHandler;
import java.nio.file.Path;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRoundTripTest
{
    @TempDir
    Path dataDir;

    @Test
    void theReaderReturnsEveryAppendedInputAndOutcomeInOrderWithEveryFieldAndByte()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 2_000);
        }

        try (JournalReader reader = JournalReader.open(dataDir))
        {
            final CheckingInputHandler inputs = new CheckingInputHandler(1);
            final CheckingOutcomeHandler outcomes = new CheckingOutcomeHandler(1);
            assertEquals(2_000, reader.readInputs(0, inputs));
            assertEquals(2_000, reader.readOutcomes(0, outcomes));
            assertEquals(2_000, inputs.count);
            assertEquals(2_000, outcomes.count);
            assertEquals(2_000, reader.inputCount());
            assertEquals(2_000, reader.outcomeCount());
            assertEquals(2_000, reader.lastInputSequence());
            assertEquals(2_000, reader.lastOutcomeSequence());
        }
    }

    @Test
    void eachWriterAppendsFromItsOwnThreadAsThePipelineRunsThem() throws Exception
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.SYNC_EACH_BATCH))
        {
            final Thread journalStage = new Thread(() ->
            {
                final InputJournal inputs = journal.inputWriter();
                final UnsafeBuffer buffer = JournalFixtures.newMessageBuffer();
                inputs.onStart();
                for (long sequence = 1; sequence <= 5_000; sequence++)
                {
                    JournalFixtures.appendInput(inputs, buffer, sequence);
                    if (sequence % 100 == 0)
                    {
                        inputs.endOfBatch();
                    }
                }
                inputs.onShutdown();
            }, "journal-stage");
            final Thread responderStage = new Thread(() ->
            {
                final OutcomeJournal outcomes = journal.outcomeWriter();
                final UnsafeBuffer buffer = JournalFixtures.newMessageBuffer();
                final Decision decision = new Decision();
                outcomes.onStart();
                for (long sequence = 1; sequence <= 5_000; sequence++)
                {
                    JournalFixtures.appendOutcome(outcomes, decision, buffer, sequence);
                    if (sequence % 100 == 0)
                    {
                        outcomes.endOfBatch();
                    }
                }
                outcomes.onShutdown();
            }, "responder-stage");
            final Throwable[] failure = new Throwable[1];
            journalStage.setUncaughtExceptionHandler((thread, ex) -> failure[0] = ex);
            responderStage.setUncaughtExceptionHandler((thread, ex) -> failure[0] = ex);
            journalStage.start();
            responderStage.start();
            journalStage.join();
            responderStage.join();
            assertNull(failure[0], () -> "a writer thread failed: " + failure[0]);
        }

        try (JournalReader reader = JournalReader.open(dataDir))
        {
            assertEquals(5_000, reader.readInputs(1, new CheckingInputHandler(1)));
            assertEquals(5_000, reader.readOutcomes(1, new CheckingOutcomeHandler(1)));
        }
    }

    @Test
    void aReopenedJournalContinuesAfterItsLastRecord()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 100);
        }
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 101, 250);
        }

        try (JournalReader reader = JournalReader.open(dataDir))
        {
            assertEquals(250, reader.lastInputSequence());
            assertEquals(250, reader.lastOutcomeSequence());
            final CheckingInputHandler inputs = new CheckingInputHandler(1);
            assertEquals(250, reader.readInputs(1, inputs));
            final CheckingOutcomeHandler outcomes = new CheckingOutcomeHandler(1);
            assertEquals(250, reader.readOutcomes(1, outcomes));
        }
    }

    @Test
    void readingFromAMiddleSequenceReturnsOnlyTheRest()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 500);
        }

        try (JournalReader reader = JournalReader.open(dataDir))
        {
            final CheckingInputHandler inputs = new CheckingInputHandler(321);
            assertEquals(180, reader.readInputs(321, inputs));
            final CheckingOutcomeHandler outcomes = new CheckingOutcomeHandler(321);
            assertEquals(180, reader.readOutcomes(321, outcomes));
            assertEquals(0, reader.readInputs(501, new CheckingInputHandler(501)));
        }
    }

    @Test
    void theSameReaderCanReadAgainAndSeesRecordsAppendedSinceItOpened()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 10);
            try (JournalReader reader = JournalReader.open(dataDir))
            {
                assertEquals(10, reader.readInputs(1, new CheckingInputHandler(1)));
                JournalFixtures.write(journal, 11, 20);
                assertEquals(20, reader.readInputs(1, new CheckingInputHandler(1)));
                assertEquals(20, reader.lastInputSequence());
            }
        }
    }

    @Test
    void aJournalWithNoRecordsReportsNone()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 0);
        }

        try (JournalReader reader = JournalReader.open(dataDir))
        {
            assertEquals(-1, reader.lastInputSequence());
            assertEquals(-1, reader.lastOutcomeSequence());
            assertEquals(0, reader.inputCount());
            assertEquals(0, reader.outcomeCount());
            assertEquals(0, reader.readInputs(0, new CheckingInputHandler(0)));
            assertEquals(0, reader.readOutcomes(0, new CheckingOutcomeHandler(0)));
        }
    }

    @Test
    void anInputThatSkipsASequenceIsRefusedAfterARestart()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 5);
        }
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            final InputJournal inputs = journal.inputWriter();
            inputs.onStart();
            final UnsafeBuffer payload = JournalFixtures.newMessageBuffer();
            final IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> JournalFixtures.appendInput(inputs, payload, 7));
            assertTrue(refused.getMessage().contains("sequence 7 appended after 5"), refused.getMessage());
            inputs.onShutdown();
        }
    }

    @Test
    void anInputOfUnknownKindIsRefusedBeforeItIsWritten()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            final InputJournal inputs = journal.inputWriter();
            inputs.onStart();
            final UnsafeBuffer payload = JournalFixtures.newMessageBuffer();
            assertThrows(IllegalArgumentException.class, () -> inputs.append(1, (byte)99, 0, 0, payload, 0, 0));
            inputs.onShutdown();
        }
        try (JournalReader reader = JournalReader.open(dataDir))
        {
            assertEquals(0, reader.inputCount());
        }
    }

    @Test
    void withSyncEachBatchRecordsAreAppendedAndReadBack()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.SYNC_EACH_BATCH))
        {
            final InputJournal inputs = journal.inputWriter();
            final OutcomeJournal outcomes = journal.outcomeWriter();
            final UnsafeBuffer buffer = JournalFixtures.newMessageBuffer();
            final Decision decision = new Decision();
            inputs.onStart();
            outcomes.onStart();
            for (long sequence = 1; sequence <= 300; sequence++)
            {
                JournalFixtures.appendInput(inputs, buffer, sequence);
                JournalFixtures.appendOutcome(outcomes, decision, buffer, sequence);
                if (sequence % 10 == 0)
                {
                    inputs.endOfBatch();
                    outcomes.endOfBatch();
                }
            }
            inputs.onShutdown();
            outcomes.onShutdown();
        }

        try (JournalReader reader = JournalReader.open(dataDir))
        {
            assertEquals(300, reader.readInputs(1, new CheckingInputHandler(1)));
            assertEquals(300, reader.readOutcomes(1, new CheckingOutcomeHandler(1)));
        }
    }
}
