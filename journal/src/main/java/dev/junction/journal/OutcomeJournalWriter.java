package dev.junction.journal;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.OutcomeJournal;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The responder stage's writer: appends each event's decision and response bytes as an outcome
 * record ({@link JournalFormat}). Holds the invariant that outcome sequences increase; the outcome
 * queue's hash chain continues from the last record across restarts. Allocates nothing per append.
 */
final class OutcomeJournalWriter implements OutcomeJournal
{
    private final SingleChronicleQueue queue;
    private final String queueName;
    private final RecordAppender appender;
    private final UnsafeBuffer record = JournalFormat.newRecordBuffer();
    private final CRC32C crc = new CRC32C();
    private final RecordChain chain = new RecordChain();
    private boolean hasLastSequence;
    private long lastSequence;

    OutcomeJournalWriter(final SingleChronicleQueue queue, final String queueName, final boolean syncEachBatch)
    {
        this.queue = queue;
        this.queueName = queueName;
        this.appender = new RecordAppender(queue, queueName, syncEachBatch);
    }

    @Override
    public void onStart()
    {
        final RecordCursor last = new RecordCursor(queueName, false, queue.createTailer());
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
        final Decision decision,
        final DirectBuffer response,
        final int offset,
        final int length)
    {
        if (hasLastSequence && sequence <= lastSequence)
        {
            throw new IllegalStateException(queueName + ": sequence " + sequence + " appended after " +
                lastSequence + ": outcome sequences must increase");
        }
        final int recordLength = JournalFormat.encodeOutcome(
            record,
            crc,
            chain,
            sequence,
            decision,
            response,
            offset,
            length);
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
