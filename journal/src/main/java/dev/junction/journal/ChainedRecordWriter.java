package dev.junction.journal;

import java.security.SecureRandom;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What both journal writers share: one queue's appender, the scratch record, its checksum, the queue's
 * hash chain continued from the last record across restarts, the last sequence written and, with a
 * journal key, the cipher that seals each payload and the nonce prefix drawn at {@link #start()}
 * ({@link RecordCipher}). Used from one thread, {@link #start()} first; allocates nothing per record in
 * clear (sealing costs the JCE's per-message allocation).
 */
final class ChainedRecordWriter
{
    final UnsafeBuffer record = JournalFormat.newRecordBuffer();
    final CRC32C crc = new CRC32C();
    final RecordChain chain = new RecordChain();
    /** Seals each record's payload; null writes them in clear. */
    final RecordCipher cipher;
    /** This open's 32 random nonce bits; drawn again at every {@link #start()}. */
    int noncePrefix;

    private final SingleChronicleQueue queue;
    private final String queueName;
    private final boolean inputQueue;
    private final RecordAppender appender;
    private boolean hasLastSequence;
    private long lastSequence;

    ChainedRecordWriter(final SingleChronicleQueue queue, final String queueName, final boolean inputQueue,
        final JournalOptions options)
    {
        this.cipher = options.key() == null ? null : new RecordCipher(options.key());
        this.queue = queue;
        this.queueName = queueName;
        this.inputQueue = inputQueue;
        this.appender = new RecordAppender(queue, queueName, options.syncEachBatch());
    }

    /**
     * Opens the appender on the calling thread and picks up the sequence and chain of the last record;
     * with a key, draws this open's nonce prefix.
     *
     * @throws JournalKeyException when the last record is sealed and this writer has no key or another:
     *                             a journal never goes back to clear, nor mixes keys.
     */
    void start()
    {
        final RecordCursor last = new RecordCursor(queueName, inputQueue, queue.createTailer(),
            PayloadAccess.headersOnly());
        hasLastSequence = appender.start(last);
        lastSequence = hasLastSequence ? last.sequence() : 0;
        if (hasLastSequence && JournalFormat.isSealed(last.record()))
        {
            try
            {
                PayloadAccess.requireKey(JournalFormat.keyId(last.record(), inputQueue),
                    cipher == null ? null : cipher.key(), queueName);
            }
            catch (final JournalKeyException ex)
            {
                appender.shutdown();
                throw ex;
            }
        }
        if (cipher != null)
        {
            noncePrefix = RecordCipher.randomPrefix(new SecureRandom());
        }
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
