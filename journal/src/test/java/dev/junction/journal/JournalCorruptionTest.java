package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.InputJournal;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCorruptionTest
{
    @TempDir
    Path dataDir;

    @Test
    void aFlippedPayloadByteMakesTheReaderNameTheDamagedRecord() throws IOException
    {
        final byte[] marker = "MARKER-OF-RECORD-SEVEN".getBytes(StandardCharsets.US_ASCII);
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            final InputJournal inputs = journal.inputWriter();
            inputs.onStart();
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
            for (long sequence = 1; sequence <= 10; sequence++)
            {
                payload.setMemory(0, payload.capacity(), (byte)'x');
                if (sequence == 7)
                {
                    payload.putBytes(0, marker);
                }
                inputs.append(sequence, EventKind.REQUEST, sequence, 1, payload, 0, payload.capacity());
            }
            inputs.onShutdown();
        }

        flipByteInside(marker, JournalQueues.queueDirectory(dataDir, JournalQueues.INPUT));

        try (JournalReader reader = JournalReader.open(dataDir))
        {
            final long[] seen = new long[1];
            final JournalCorruptException corrupt = assertThrows(JournalCorruptException.class,
                () -> reader.readInputs(0, (sequence, kind, ingress, connection, buffer, offset, length) -> seen[0]++));
            final String message = corrupt.getMessage();
            assertTrue(message.startsWith("input journal "), message);
            assertTrue(message.contains("sequence 7 as stored"), message);
            assertTrue(message.contains("CRC32C mismatch"), message);
            assertFalse(message.contains("\n"), message);
            assertEquals(6, seen[0], "the records before the damaged one are delivered");
        }
    }

    @Test
    void aRecordWithAnUnknownVersionIsReportedAsSuch()
    {
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        final int length = encodeInput(record, 1, EventKind.CONNECT);
        record.putByte(JournalFormat.VERSION_OFFSET, (byte)9);
        appendRaw(JournalQueues.INPUT, record, length);

        final JournalCorruptException corrupt = readInputsExpectingCorruption();
        assertTrue(corrupt.getMessage().contains("unknown format version 9"), corrupt.getMessage());
    }

    @Test
    void aRecordWithAnUnknownKindIsReportedAsSuch()
    {
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        final int length = encodeInput(record, 1, EventKind.CONNECT);
        record.putByte(JournalFormat.INPUT_KIND_OFFSET, (byte)42);
        reseal(record, length);
        appendRaw(JournalQueues.INPUT, record, length);

        final JournalCorruptException corrupt = readInputsExpectingCorruption();
        assertTrue(corrupt.getMessage().contains("unknown event kind 42"), corrupt.getMessage());
    }

    @Test
    void aTruncatedRecordIsReportedAsSuch()
    {
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        encodeInput(record, 1, EventKind.REQUEST);
        appendRaw(JournalQueues.INPUT, record, 20);

        final JournalCorruptException corrupt = readInputsExpectingCorruption();
        assertTrue(corrupt.getMessage().contains("truncated"), corrupt.getMessage());
    }

    @Test
    void aMissingInputSequenceIsReportedAtTheRecordAfterTheGap()
    {
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        appendRaw(JournalQueues.INPUT, record, encodeInput(record, 1, EventKind.REQUEST));
        appendRaw(JournalQueues.INPUT, record, encodeInput(record, 3, EventKind.REQUEST));

        final JournalCorruptException corrupt = readInputsExpectingCorruption();
        assertTrue(corrupt.getMessage().contains("sequence 3 follows 1"), corrupt.getMessage());
    }

    @Test
    void aDamagedOutcomeIsReportedWithItsQueueAndSequence()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 3);
        }
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        final dev.junction.core.auth.Decision decision = new dev.junction.core.auth.Decision();
        decision.reset();
        decision.respond(110, 0);
        decision.authorizationId(1);
        decision.account(2, 3, 840, 4, 5);
        final int length = JournalFormat.encodeOutcome(
            record, new CRC32C(), new RecordChain(), null, 0, 4, decision, record, 0, 0);
        record.putByte(JournalFormat.OUTCOME_AMOUNT_MINOR_OFFSET, (byte)0x55);
        appendRaw(JournalQueues.OUTCOME, record, length);

        try (JournalReader reader = JournalReader.open(dataDir))
        {
            final JournalCorruptException corrupt =
                assertThrows(JournalCorruptException.class, () -> reader.readOutcomes(0, outcome -> { }));
            assertTrue(corrupt.getMessage().startsWith("outcome journal "), corrupt.getMessage());
            assertTrue(corrupt.getMessage().contains("sequence 4 as stored"), corrupt.getMessage());
            assertTrue(corrupt.getMessage().contains("CRC32C mismatch"), corrupt.getMessage());
        }
    }

    @Test
    void anOutcomeOfFormatVersionTwoIsRefusedInOneLine()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 3);
        }
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        final int length = encodeOutcome(record, 4);
        record.putByte(JournalFormat.VERSION_OFFSET, (byte)2);
        reseal(record, length);
        appendRaw(JournalQueues.OUTCOME, record, length);

        final String message = readOutcomesExpectingCorruption().getMessage();
        assertTrue(message.contains("sequence 4 as stored") && message.contains("format version 2 (the layout before " +
            "outcomes kept the risk score, reasons, rule-set version and conversion): this build reads versions 3 and 4 only"),
            message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void anOutcomeWithAnUnknownFlagIsReportedAsSuch()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 3);
        }
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        final int length = encodeOutcome(record, 4);
        record.putByte(JournalFormat.OUTCOME_FLAGS_OFFSET, (byte)0x09);
        reseal(record, length);
        appendRaw(JournalQueues.OUTCOME, record, length);

        final String message = readOutcomesExpectingCorruption().getMessage();
        assertTrue(message.contains("unknown outcome flags 0x09"), message);
    }

    private static int encodeOutcome(final UnsafeBuffer record, final long sequence)
    {
        final dev.junction.core.auth.Decision decision = new dev.junction.core.auth.Decision();
        decision.reset();
        decision.respond(110, 0);
        decision.risk(622, 0x18, true);
        decision.rulesVersion(3);
        return JournalFormat.encodeOutcome(record, new CRC32C(), new RecordChain(), null, 0, sequence, decision,
            record, 0, 0);
    }

    private JournalCorruptException readOutcomesExpectingCorruption()
    {
        try (JournalReader reader = JournalReader.open(dataDir))
        {
            return assertThrows(JournalCorruptException.class, () -> reader.readOutcomes(0, outcome -> { }));
        }
    }

    @Test
    void aWriterRefusesToContinueAJournalWhoseLastRecordIsDamaged()
    {
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        final int length = encodeInput(record, 1, EventKind.REQUEST);
        record.putByte(JournalFormat.INPUT_CONNECTION_ID_OFFSET, (byte)0x7f);
        appendRaw(JournalQueues.INPUT, record, length);

        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            assertThrows(JournalCorruptException.class, () -> journal.inputWriter().onStart());
        }
    }

    private JournalCorruptException readInputsExpectingCorruption()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            // creates the outcome queue, so that the directory is a whole journal
        }
        try (JournalReader reader = JournalReader.open(dataDir))
        {
            final JournalCorruptException corrupt = assertThrows(JournalCorruptException.class,
                () -> reader.readInputs(0, (sequence, kind, ingress, connection, buffer, offset, length) -> { }));
            assertTrue(corrupt.getMessage().startsWith("input journal "), corrupt.getMessage());
            assertFalse(corrupt.getMessage().contains("\n"), corrupt.getMessage());
            return corrupt;
        }
    }

    private static int encodeInput(final UnsafeBuffer record, final long sequence, final byte kind)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[] {1, 2, 3, 4});
        return JournalFormat.encodeInput(record, new CRC32C(), new RecordChain(), null, 0, sequence, kind, 1000, 7,
            payload, 0, 4);
    }

    /** Writes a fresh checksum, so that only the field a test changed is wrong. */
    private static void reseal(final UnsafeBuffer record, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(record.byteArray(), 0, length - JournalFormat.CRC_LENGTH);
        record.putInt(length - JournalFormat.CRC_LENGTH, (int)crc.getValue(), JournalFormat.BYTE_ORDER);
    }

    /** Appends bytes as one document, bypassing the journal's writers, as a damaged or foreign writer would. */
    private void appendRaw(final String queue, final UnsafeBuffer record, final int length)
    {
        try (SingleChronicleQueue chronicle =
                 JournalQueues.openForAppending(JournalQueues.queueDirectory(dataDir, queue));
             ExcerptAppender appender = chronicle.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(record.byteArray(), 0, length);
            }
        }
    }

    private static void flipByteInside(final byte[] marker, final Path queueDirectory) throws IOException
    {
        final List<Path> files;
        try (Stream<Path> listing = Files.list(queueDirectory))
        {
            files = listing.filter(path -> path.toString().endsWith(".cq4")).collect(Collectors.toList());
        }
        assertEquals(1, files.size(), "one cycle file: " + files);
        try (FileChannel channel = FileChannel.open(files.get(0), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            final int at = indexOf(bytes, marker);
            assertTrue(at >= 0, "the marker is in the queue file");
            final int flipped = at + marker.length / 2;
            bytes.put(flipped, (byte)(bytes.get(flipped) ^ 0x01));
            bytes.force();
        }
    }

    private static int indexOf(final MappedByteBuffer bytes, final byte[] marker)
    {
        final int last = bytes.limit() - marker.length;
        outer:
        for (int i = 0; i <= last; i++)
        {
            for (int j = 0; j < marker.length; j++)
            {
                if (bytes.get(i + j) != marker[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
