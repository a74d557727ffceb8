package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each queue is a SHA-256 chain from 32 zero bytes, recomputed here without the journal's own code. */
class JournalChainTest
{
    @TempDir
    Path dataDir;

    @Test
    void everyRecordLinksToThePreviousOneOfItsQueueAcrossAWriterRestart() throws Exception
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 0, 9);
        }
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 10, 19);
        }

        for (final String queue : new String[] {JournalQueues.INPUT, JournalQueues.OUTCOME})
        {
            final List<byte[]> records = rawRecords(queue);
            assertEquals(20, records.size(), queue);
            byte[] previous = new byte[32];
            for (final byte[] record : records)
            {
                final int bodyLength = record.length - 36;
                final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                sha256.update(previous);
                sha256.update(record, 0, bodyLength);
                final byte[] expected = sha256.digest();
                final byte[] stored = Arrays.copyOfRange(record, bodyLength, bodyLength + 32);
                assertArrayEquals(expected, stored, queue + " sequence " + JournalFormat.sequence(new UnsafeBuffer(record)));
                previous = stored;
            }
        }
    }

    @Test
    void aRecordOfTheLayoutBeforeTheChainIsRefusedWithAMessageThatSaysSo()
    {
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        final int length = JournalFormat.encodeInput(record, new java.util.zip.CRC32C(), new RecordChain(), null,
            0, 0, dev.junction.core.pipeline.EventKind.CONNECT, 1, 2, record, 0, 0);
        record.putByte(JournalFormat.VERSION_OFFSET, (byte)1);
        final String problem = JournalFormat.checkInput(record, length, new java.util.zip.CRC32C());
        assertTrue(problem.contains("format version 1") && problem.contains("reads versions 3 and 4 only"), problem);
    }

    private List<byte[]> rawRecords(final String queue)
    {
        final List<byte[]> records = new ArrayList<>();
        try (SingleChronicleQueue chronicle = JournalQueues.openReadOnly(dataDir, queue);
             ExcerptTailer tailer = chronicle.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return records;
                    }
                    final byte[] bytes = new byte[(int)dc.wire().bytes().readRemaining()];
                    dc.wire().bytes().read(bytes);
                    records.add(bytes);
                }
            }
        }
    }
}
