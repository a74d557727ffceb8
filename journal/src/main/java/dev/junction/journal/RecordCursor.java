package dev.junction.journal;

import java.io.File;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Steps through one queue's records with a Chronicle tailer, copying each into a scratch buffer and
 * checking it against {@link JournalFormat} before anyone sees it; a sealed record is then decrypted in
 * place by its {@link PayloadAccess}. Allocates nothing per record in clear (a sealed one costs the
 * JCE's per-message allocation, see {@link RecordCipher}); the buffer is overwritten by the next call to
 * {@link #next()}. Single-threaded, like the tailer.
 */
final class RecordCursor implements AutoCloseable
{
    private final String queueName;
    private final boolean input;
    private final ExcerptTailer tailer;
    private final PayloadAccess payloads;
    private final UnsafeBuffer record = JournalFormat.newRecordBuffer();
    private final CRC32C crc = new CRC32C();
    private int recordLength;
    private long index;

    /**
     * @param queueName names the queue in error messages, e.g. "input journal /data/journal/input".
     * @param input     whether the queue holds input records (else outcome records).
     * @param payloads  what to do with sealed records: open them with the key, or leave them sealed.
     */
    RecordCursor(final String queueName, final boolean input, final ExcerptTailer tailer, final PayloadAccess payloads)
    {
        this.queueName = queueName;
        this.input = input;
        this.tailer = tailer;
        this.payloads = payloads;
    }

    ExcerptTailer tailer()
    {
        return tailer;
    }

    /**
     * Moves to the next record in the tailer's direction and checks it.
     *
     * @return false when there is no further record.
     * @throws JournalCorruptException when the record is not valid.
     * @throws JournalKeyException     when it is sealed and the key is missing or another.
     * @throws JournalException        when Chronicle cannot read the queue.
     */
    boolean next()
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            index = dc.index();
            final Bytes<?> bytes = dc.wire().bytes();
            final long available = bytes.readRemaining();
            if (available > JournalFormat.MAX_RECORD_LENGTH)
            {
                throw corrupt("overlong: " + available + " bytes, more than any record can hold");
            }
            recordLength = (int)available;
            bytes.read(record.byteArray(), 0, recordLength);
        }
        catch (final JournalException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException(queueName + ": cannot read the record after index " + hex(index) + ": " +
                JournalQueues.oneLine(ex), ex);
        }
        final String problem = input ?
            JournalFormat.checkInput(record, recordLength, crc) :
            JournalFormat.checkOutcome(record, recordLength, crc);
        if (problem != null)
        {
            throw corrupt(problem);
        }
        final String unauthentic = payloads.apply(record, input, queueName);
        if (unauthentic != null)
        {
            throw corrupt(unauthentic);
        }
        return true;
    }

    /** @return the current record; valid until the next call to {@link #next()}. */
    UnsafeBuffer record()
    {
        return record;
    }

    /** @return the current record's length in bytes. */
    int recordLength()
    {
        return recordLength;
    }

    long sequence()
    {
        return JournalFormat.sequence(record);
    }

    /** @return an exception naming the current record and {@code problem}. */
    JournalCorruptException corrupt(final String problem)
    {
        final File file = tailer.currentFile();
        final long numberInFile = tailer.queue().rollCycle().toSequenceNumber(index);
        final String claimedSequence = recordLength >= JournalFormat.SEQUENCE_OFFSET + Long.BYTES ?
            ", sequence " + sequence() + " as stored" : "";
        return new JournalCorruptException(queueName + ": record " + numberInFile + " of " +
            (file == null ? "?" : file.getName()) + " (index " + hex(index) + claimedSequence + "): " + problem);
    }

    @Override
    public void close()
    {
        tailer.close();
    }

    private static String hex(final long value)
    {
        return "0x" + Long.toHexString(value);
    }
}
