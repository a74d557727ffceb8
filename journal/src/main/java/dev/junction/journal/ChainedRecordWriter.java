package dev.junction.journal;

import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What both journal writers share: one queue's appender, the scratch record, its checksum, the queue's
 * hash chain continued from the last record across restarts, and the last sequence written. Used from
 * one thread, {@link #start()} first; allocates nothing per record.
 */
final class ChainedRecordWriter
{
    final UnsafeBuffer record = JournalFormat.newRecordBuffer();
    final CRC32C crc = new CRC32C();
    final RecordChain chain = new RecordChain();

    private final SingleChronicleQueue queue;
    private final String queueName;
    private final boolean inputQueue;
    private final RecordAppender appender;
    private boolean hasLastSequence;
    private long lastSequence;

    ChainedRecordWriter(final SingleChronicleQueue queue, final String queueName, final boolean inputQueue,
        final boolean syncEachBatch)
    {
        this.queue = queue;
        this.queueName = queueName;
        this.inputQueue = inputQueue;
        this.appender = new RecordAppender(queue, queueName, syncEachBatch);
    }

    /** Opens the appender on the calling thread and picks up the sequence and chain of the last record. */
    void start()
    {
        final RecordCursor last = new RecordCursor(queueName, inputQueue, queue.createTailer());
        hasLastSequence = appender.start(last);
        lastSequence = hasLastSequence ? last.sequence() : 0;
        if (hasLastSequence)
        {
            chain.continueAfter(last.record().byteArray(), JournalFormat.chainOffset(last.recordLength()));
        }
        else
        {
            chain.restart();
        }
    }

    /**
     * @param dense whether the sequence must be exactly the previous one plus one (inputs), rather than
     *              merely greater (outcomes).
     * @throws IllegalStateException when {@code sequence} breaks that order.
     */
    void checkSequence(final long sequence, final boolean dense)
    {
        if (hasLastSequence && (dense ? sequence != lastSequence + 1 : sequence <= lastSequence))
        {
            throw new IllegalStateException(queueName + ": sequence " + sequence + " appended after " +
                lastSequence + (dense ? ": input sequences must increase by one" : ": outcome sequences must increase"));
        }
    }

    /** Appends the {@code recordLength} bytes laid out in {@link #record} as the record of {@code sequence}. */
    void append(final long sequence, final int recordLength)
    {
        appender.append(record.byteArray(), recordLength);
        lastSequence = sequence;
        hasLastSequence = true;
    }

    void endOfBatch()
    {
        appender.endOfBatch();
    }

    void shutdown()
    {
        appender.shutdown();
    }
}
