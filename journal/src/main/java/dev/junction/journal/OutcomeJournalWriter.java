package dev.junction.journal;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.OutcomeJournal;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;

/**
 * The responder stage's writer: appends each event's decision and response bytes as an outcome
 * record ({@link JournalFormat}). Holds the invariant that outcome sequences increase; the outcome
 * queue's hash chain continues from the last record across restarts. With a journal key each response
 * is sealed (AES-256-GCM). Allocates nothing per append in clear; see {@link RecordCipher} for what
 * sealing costs.
 */
final class OutcomeJournalWriter implements OutcomeJournal
{
    private final ChainedRecordWriter writer;

    OutcomeJournalWriter(final SingleChronicleQueue queue, final String queueName, final JournalOptions options)
    {
        this.writer = new ChainedRecordWriter(queue, queueName, false, options);
    }

    @Override
    public void onStart()
    {
        writer.start();
    }

    @Override
    public void append(
        final long sequence,
        final Decision decision,
        final DirectBuffer response,
        final int offset,
        final int length)
    {
        writer.checkSequence(sequence, false);
        final int recordLength = JournalFormat.encodeOutcome(
            writer.record,
            writer.crc,
            writer.chain,
            writer.cipher,
            writer.noncePrefix,
            sequence,
            decision,
            response,
            offset,
            length);
        writer.append(sequence, recordLength);
    }

    @Override
    public void endOfBatch()
    {
        writer.endOfBatch();
    }

    @Override
    public void onShutdown()
    {
        writer.shutdown();
    }
}
