package dev.junction.journal;

import dev.junction.core.pipeline.InputJournal;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.DirectBuffer;

/**
 * The journal stage's writer: appends each input event as an input record ({@link JournalFormat}).
 * Holds the invariant that sequences are dense: each record's sequence is the previous one's plus one,
 * across restarts, and the input queue's hash chain continues from the last record. With a journal key
 * each payload is sealed (AES-256-GCM). Allocates nothing per append in clear; see {@link RecordCipher}
 * for what sealing costs.
 */
final class InputJournalWriter implements InputJournal
{
    private final ChainedRecordWriter writer;

    InputJournalWriter(final SingleChronicleQueue queue, final String queueName, final JournalOptions options)
    {
        this.writer = new ChainedRecordWriter(queue, queueName, true, options);
    }

    @Override
    public void onStart()
    {
        writer.start();
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
        writer.checkSequence(sequence, true);
        final int recordLength = JournalFormat.encodeInput(
            writer.record, writer.crc, writer.chain, writer.cipher, writer.noncePrefix, sequence, kind, ingressEpochNanos, connectionId, payload, offset, length);
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
