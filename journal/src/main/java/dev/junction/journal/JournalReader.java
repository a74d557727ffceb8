package dev.junction.journal;

import static dev.junction.journal.JournalFormat.BYTE_ORDER;

import java.nio.file.Path;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a journal written by {@link ChronicleJournal}, for replay at restart and for the operator
 * tools. Read-only: it never creates, writes or repairs the journal, and it may read one that a live
 * switch is appending to. Every record is checked ({@link JournalFormat}) before a handler sees it,
 * and input sequences must increase by one, outcome sequences must increase; a record that fails
 * raises {@link JournalCorruptException}. Allocates nothing per record.
 *
 * <p>Single-threaded: use an instance from one thread only.
 */
public final class JournalReader implements AutoCloseable
{
    private final SingleChronicleQueue inputQueue;
    private final SingleChronicleQueue outcomeQueue;
    private final RecordCursor inputs;
    private final RecordCursor outcomes;
    private final OutcomeRecord outcomeRecord = new OutcomeRecord();
    private final InputRecord inputRecord = new InputRecord();

    private JournalReader(final SingleChronicleQueue inputQueue, final SingleChronicleQueue outcomeQueue,
        final JournalKey key)
    {
        this.inputQueue = inputQueue;
        this.outcomeQueue = outcomeQueue;
        inputs = new RecordCursor("input journal " + inputQueue.file(), true, inputQueue.createTailer(),
            PayloadAccess.open(key));
        outcomes = new RecordCursor("outcome journal " + outcomeQueue.file(), false, outcomeQueue.createTailer(),
            PayloadAccess.open(key));
    }

    /**
     * Opens a journal whose payloads are in clear; see {@link #open(Path, JournalKey)}.
     *
     * @throws JournalException when {@code dataDir} is missing or holds no Junction journal.
     */
    public static JournalReader open(final Path dataDir)
    {
        return open(dataDir, null);
    }

    /**
     * Opens the journal under {@code dataDir} without changing anything in it. Sealed records are
     * decrypted with {@code key} before a handler sees them.
     *
     * @param key the journal key; null when none was given, and a sealed record then raises
     *            {@link JournalKeyException}.
     * @throws JournalException when {@code dataDir} is missing or holds no Junction journal.
     */
    public static JournalReader open(final Path dataDir, final JournalKey key)
    {
        final SingleChronicleQueue inputQueue = JournalQueues.openReadOnly(dataDir, JournalQueues.INPUT);
        try
        {
            final SingleChronicleQueue outcomeQueue = JournalQueues.openReadOnly(dataDir, JournalQueues.OUTCOME);
            try
            {
                return new JournalReader(inputQueue, outcomeQueue, key);
            }
            catch (final RuntimeException ex)
            {
                outcomeQueue.close();
                throw ex;
            }
        }
        catch (final RuntimeException ex)
        {
            inputQueue.close();
            throw ex;
        }
    }

    /** @return the sequence of the last input record, -1 when there is none. */
    public long lastInputSequence()
    {
        return lastSequence(inputs);
    }

    /** @return the sequence of the last outcome record, -1 when there is none. */
    public long lastOutcomeSequence()
    {
        return lastSequence(outcomes);
    }

    /** @return how many input records the journal holds (from Chronicle's index; records are not checked). */
    public long inputCount()
    {
        return inputQueue.entryCount();
    }

    /** @return how many outcome records the journal holds (from Chronicle's index; records are not checked). */
    public long outcomeCount()
    {
        return outcomeQueue.entryCount();
    }

    /**
     * Hands every input record with a sequence at or after {@code fromSequence} to {@code handler}, in
     * order. Every record from the start is checked, including those skipped.
     *
     * @return how many records the handler received.
     * @throws JournalCorruptException at the first record that is not valid.
     */
    public long readInputs(final long fromSequence, final InputRecordHandler handler)
    {
        final RecordCursor cursor = inputs;
        cursor.tailer().direction(TailerDirection.FORWARD).toStart();
        long count = 0;
        long previous = 0;
        boolean first = true;
        while (cursor.next())
        {
            final long sequence = cursor.sequence();
            if (!first && sequence != previous + 1)
            {
                throw cursor.corrupt("sequence " + sequence + " follows " + previous + ": input sequences increase by one");
            }
            first = false;
            previous = sequence;
            if (sequence >= fromSequence)
            {
                final UnsafeBuffer record = cursor.record();
                handler.onInput(
                    sequence,
                    record.getByte(JournalFormat.INPUT_KIND_OFFSET),
                    record.getLong(JournalFormat.INPUT_INGRESS_EPOCH_NANOS_OFFSET, BYTE_ORDER),
                    record.getLong(JournalFormat.INPUT_CONNECTION_ID_OFFSET, BYTE_ORDER),
                    record,
                    JournalFormat.inputPayloadOffset(record),
                    record.getInt(JournalFormat.INPUT_PAYLOAD_LENGTH_OFFSET, BYTE_ORDER));
                count++;
            }
        }
        return count;
    }

    /**
     * Hands every outcome record with a sequence at or after {@code fromSequence} to {@code handler},
     * in order. Every record from the start is checked, including those skipped.
     *
     * @return how many records the handler received.
     * @throws JournalCorruptException at the first record that is not valid.
     */
    public long readOutcomes(final long fromSequence, final OutcomeRecordHandler handler)
    {
        final RecordCursor cursor = outcomes;
        cursor.tailer().direction(TailerDirection.FORWARD).toStart();
        long count = 0;
        long previous = 0;
        boolean first = true;
        while (cursor.next())
        {
            final long sequence = cursor.sequence();
            if (!first && sequence <= previous)
            {
                throw cursor.corrupt("sequence " + sequence + " follows " + previous + ": outcome sequences increase");
            }
            first = false;
            previous = sequence;
            if (sequence >= fromSequence)
            {
                handler.onOutcome(outcomeRecord.wrap(cursor.record()));
                count++;
            }
        }
        return count;
    }

    /**
     * Hands every input with a sequence at or after {@code fromSequence} to {@code handler} together
     * with its outcome, in order, until the handler returns false. Every record from the start of both
     * queues is checked. Each input has exactly one outcome with its sequence, except inputs at the
     * end whose outcomes were never written (a stop between the two appends): those come with null.
     *
     * @return how many events the handler received.
     * @throws JournalCorruptException at the first record that is not valid, at an outcome whose input
     *                                 is not in the journal, and at an input without an outcome that
     *                                 later inputs have.
     */
    public long readEvents(final long fromSequence, final JournalEventHandler handler)
    {
        inputs.tailer().direction(TailerDirection.FORWARD).toStart();
        outcomes.tailer().direction(TailerDirection.FORWARD).toStart();
        boolean hasOutcome = outcomes.next();
        long count = 0;
        long firstSequence = 0;
        long previous = 0;
        boolean first = true;
        while (inputs.next())
        {
            final long sequence = inputs.sequence();
            if (!first && sequence != previous + 1)
            {
                throw inputs.corrupt("sequence " + sequence + " follows " + previous + ": input sequences increase by one");
            }
            if (first)
            {
                firstSequence = sequence;
            }
            first = false;
            previous = sequence;
            if (hasOutcome && outcomes.sequence() < sequence)
            {
                throw outcomes.corrupt("an outcome without an input: the input journal starts at sequence " +
                    firstSequence);
            }
            if (hasOutcome && outcomes.sequence() > sequence)
            {
                throw inputs.corrupt("an input without an outcome, yet the outcome of the later sequence " +
                    outcomes.sequence() + " is journaled");
            }
            final OutcomeRecord outcome = hasOutcome ? outcomeRecord.wrap(outcomes.record()) : null;
            if (sequence >= fromSequence)
            {
                count++;
                if (!handler.onEvent(inputRecord.wrap(inputs.record()), outcome))
                {
                    return count;
                }
            }
            if (hasOutcome)
            {
                hasOutcome = outcomes.next();
                if (hasOutcome && outcomes.sequence() <= sequence)
                {
                    throw outcomes.corrupt("sequence " + outcomes.sequence() + " follows " + sequence +
                        ": outcome sequences increase");
                }
            }
        }
        if (hasOutcome)
        {
            throw outcomes.corrupt("an outcome without an input: the input journal ends " +
                (first ? "before its first record" : "at sequence " + previous));
        }
        return count;
    }

    @Override
    public void close()
    {
        try
        {
            inputs.close();
            outcomes.close();
        }
        finally
        {
            try
            {
                inputQueue.close();
            }
            finally
            {
                outcomeQueue.close();
            }
        }
    }

    private static long lastSequence(final RecordCursor cursor)
    {
        cursor.tailer().direction(TailerDirection.BACKWARD).toEnd();
        return cursor.next() ? cursor.sequence() : -1;
    }
}
