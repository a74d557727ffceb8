package dev.junction.journal;

import dev.junction.core.pipeline.InputJournal;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The journal stage's writer: appends each input event as an input record ({@link JournalFormat}).
 * Holds the invariant that sequences are dense: each record's sequence is the previous one's plus one,
 * across restarts, and the input queue's hash chain continues from the last record. Allocates nothing
 * per append.
 */
final class InputJournalWriter implements InputJournal
{
    private final SingleChronicleQueue queue;
    private final String queueName;
    private final RecordAppender appender;
    private final UnsafeBuffer record = JournalFormat.newRecordBuffer();
    private final CRC32C crc = new CRC32C();
    private final RecordChain chain = new RecordChain();
    private boolean hasLastSequence;
    private long lastSequence;

    InputJournalWriter(final SingleChronicleQueue queue, final String queueName, final boolean syncEachBatch)
    {
        this.queue = queue;
        this.queueName = queueName;
        this.appender = new RecordAppender(queue, queueName, syncEachBatch);
    }

    @Override
    public void onStart()
    {
        final RecordCursor last = new RecordCursor(queueName, true, queue.createTailer());
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

    @Override
    public void append(
        final long sequence,
        final byte kind,
        final long ingressEpochNanos,
        final long connectionId,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        if (hasLastSequence && sequence != lastSequence + 1)
        {
            throw new IllegalStateException(queueName + ": sequence " + sequence + " appended after " +
                lastSequence + ": input sequences must increase by one");
        }
        final int recordLength = JournalFormat.encodeInput(
            record, crc, chain, sequence, kind, ingressEpochNanos, connectionId, payload, offset, length);
        appender.append(record.byteArray(), recordLength);
        lastSequence = sequence;
        hasLastSequence = true;
    }

    @Override
    public void endOfBatch()
    {
        appender.endOfBatch();
    }

    @Override
    public void onShutdown()
    {
        appender.shutdown();
    }
}
