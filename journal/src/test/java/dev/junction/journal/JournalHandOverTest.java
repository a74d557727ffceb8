package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inline layout hands both journal writers between the event loop and its journal helper thread, batch
 * by batch, never to both at once (core's {@code JournalHelper}). Chronicle ties an appender to the first
 * thread that uses it unless told otherwise; the writers must accept the hand-over and the journal must come
 * out whole: every record once, in order, both chains intact.
 */
class JournalHandOverTest
{
    @TempDir
    Path dataDir;

    @Test
    void writersHandedBetweenThreadsBatchByBatchWriteOneIntactJournal() throws Exception
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            final InputJournal inputs = journal.inputWriter();
            final OutcomeJournal outcomes = journal.outcomeWriter();
            final UnsafeBuffer buffer = JournalFixtures.newMessageBuffer();
            final Decision decision = new Decision();
            inputs.onStart();
            outcomes.onStart();
            for (int batch = 0; batch < 6; batch++)
            {
                final long from = batch * 50L;
                final Runnable writeBatch = () ->
                {
                    for (long sequence = from; sequence < from + 50; sequence++)
                    {
                        JournalFixtures.appendInput(inputs, buffer, sequence);
                    }
                    inputs.endOfBatch();
                    for (long sequence = from; sequence < from + 50; sequence++)
                    {
                        JournalFixtures.appendOutcome(outcomes, decision, buffer, sequence);
                    }
                    outcomes.endOfBatch();
                };
                if (batch % 2 == 0)
                {
                    writeBatch.run();
                }
                else
                {
                    // The other thread, as the helper: started after the last batch here, joined before the next.
                    final AtomicReference<Throwable> failure = new AtomicReference<>();
                    final Thread helper = new Thread(() ->
                    {
                        try
                        {
                            writeBatch.run();
                        }
                        catch (final Throwable e)
                        {
                            failure.set(e);
                        }
                    }, "hand-over-helper");
                    helper.start();
                    helper.join();
                    assertNull(failure.get(), () -> "the helper's batch failed: " + failure.get());
                }
            }
            inputs.onShutdown();
            outcomes.onShutdown();
        }

        final JournalVerification verified = JournalVerifier.verify(dataDir, ReadProgress.NONE);
        assertTrue(verified.intact(), verified.toString());
        assertEquals(300, verified.input().records());
        assertEquals(300, verified.outcome().records());
        final JournalFixtures.CheckingInputHandler checked = new JournalFixtures.CheckingInputHandler(0);
        try (JournalReader reader = JournalReader.open(dataDir))
        {
            reader.readInputs(0, checked);
        }
        assertEquals(300, checked.count);
    }
}
