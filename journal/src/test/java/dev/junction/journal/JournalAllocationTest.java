package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot paths allocate nothing in steady state: measured with the JVM's per-thread allocation
 * counter around 100,000 operations after a warm-up. The bound leaves room for the counter's own
 * noise and the odd bookkeeping object, not for a per-record allocation (100,000 of those would be
 * at least 1.6 MB).
 */
class JournalAllocationTest
{
    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 100_000;
    private static final long ALLOWED_BYTES = 64 * 1024;
    /** What one sealed record may allocate: the JCE's per-message state (about 1 KB), with room to spare. */
    private static final long SEALED_BYTES_PER_RECORD_MAX = 2_048;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @TempDir
    Path dataDir;

    @Test
    void appendingInputsAndOutcomesAllocatesNothingInSteadyState()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            final InputJournal inputs = journal.inputWriter();
            final OutcomeJournal outcomes = journal.outcomeWriter();
            final UnsafeBuffer buffer = JournalFixtures.newMessageBuffer();
            final Decision decision = new Decision();
            inputs.onStart();
            outcomes.onStart();
            append(inputs, outcomes, buffer, decision, 1, WARM_UP);

            final long before = allocatedBytes();
            append(inputs, outcomes, buffer, decision, WARM_UP + 1, WARM_UP + MEASURED);
            final long allocated = allocatedBytes() - before;

            inputs.onShutdown();
            outcomes.onShutdown();
            assertTrue(allocated < ALLOWED_BYTES, MEASURED + " appends of each allocated " + allocated + " bytes");
        }
    }

    /**
     * Sealing cannot be allocation-free with the JCE: GCM needs a {@code Cipher.init} with a fresh
     * {@code GCMParameterSpec} per message, and init builds the mode's state anew (about 1 KB per record
     * on JDK 17 and 25). This bounds it, so that a regression to more (a copy of every payload, a new
     * Cipher per record) fails; everything else on the path stays allocation-free.
     */
    @Test
    void appendingSealedRecordsAllocatesOnlyTheCiphersPerMessageState()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir,
            JournalOptions.DEFAULT.withKey(JournalEncryptionTest.KEY)))
        {
            final InputJournal inputs = journal.inputWriter();
            final OutcomeJournal outcomes = journal.outcomeWriter();
            final UnsafeBuffer buffer = JournalFixtures.newMessageBuffer();
            final Decision decision = new Decision();
            inputs.onStart();
            outcomes.onStart();
            append(inputs, outcomes, buffer, decision, 1, WARM_UP);

            final long before = allocatedBytes();
            append(inputs, outcomes, buffer, decision, WARM_UP + 1, WARM_UP + MEASURED);
            final long perRecord = (allocatedBytes() - before) / (2L * MEASURED);

            inputs.onShutdown();
            outcomes.onShutdown();
            assertTrue(perRecord < SEALED_BYTES_PER_RECORD_MAX, "a sealed record allocated " + perRecord + " bytes");
        }
    }

    @Test
    void readingAllocatesNothingPerRecord()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, MEASURED);
        }
        try (JournalReader reader = JournalReader.open(dataDir))
        {
            final SummingHandler handler = new SummingHandler();
            reader.readInputs(0, handler);
            reader.readOutcomes(0, handler);

            final long before = allocatedBytes();
            final long inputs = reader.readInputs(0, handler);
            final long outcomes = reader.readOutcomes(0, handler);
            final long allocated = allocatedBytes() - before;

            assertEquals(MEASURED, inputs);
            assertEquals(MEASURED, outcomes);
            assertTrue(allocated < ALLOWED_BYTES, "reading " + MEASURED + " of each allocated " + allocated + " bytes");
        }
    }

    private static void append(
        final InputJournal inputs,
        final OutcomeJournal outcomes,
        final UnsafeBuffer buffer,
        final Decision decision,
        final long from,
        final long to)
    {
        for (long sequence = from; sequence <= to; sequence++)
        {
            JournalFixtures.appendInput(inputs, buffer, sequence);
            JournalFixtures.appendOutcome(outcomes, decision, buffer, sequence);
            if (sequence % 64 == 0)
            {
                inputs.endOfBatch();
                outcomes.endOfBatch();
            }
        }
    }

    private static long allocatedBytes()
    {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Touches every field and byte, so that the reader cannot be credited for work it skipped. */
    private static final class SummingHandler implements InputRecordHandler, OutcomeRecordHandler
    {
        long sum;

        @Override
        public void onInput(
            final long sequence,
            final byte kind,
            final long ingressEpochNanos,
            final long connectionId,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            sum += sequence + kind + ingressEpochNanos + connectionId;
            for (int i = 0; i < length; i++)
            {
                sum += payload.getByte(offset + i);
            }
        }

        @Override
        public void onOutcome(final OutcomeRecord record)
        {
            sum += record.sequence() + record.responseMti() + record.responseCode() + record.authorizationId() +
                record.accountId() + record.amountMinor() + record.currencyCode() + record.balanceAfterMinor() +
                record.holdsAfterMinor() + record.adminResult();
            for (int i = 0; i < record.responseLength(); i++)
            {
                sum += record.response().getByte(record.responseOffset() + i);
            }
        }
    }
}
