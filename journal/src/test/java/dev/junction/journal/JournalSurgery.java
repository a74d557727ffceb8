package dev.junction.journal;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.OutcomeJournal;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a forger or a failing disk does to a journal, for tests of the operator tools: raw edits of the
 * queue files, records rewritten through raw Chronicle appends that bypass the writers' checks, and
 * outcomes rewritten through the real writer (valid chain and CRC, wrong content).
 */
public final class JournalSurgery
{
    public static final String INPUT = JournalQueues.INPUT;
    public static final String OUTCOME = JournalQueues.OUTCOME;
    /** The offset of the first response byte in an outcome record. */
    public static final int OUTCOME_RESPONSE_OFFSET = JournalFormat.OUTCOME_RESPONSE_OFFSET;
    /** The offset of the response code in an outcome record. */
    public static final int OUTCOME_RESPONSE_CODE_OFFSET = JournalFormat.OUTCOME_RESPONSE_CODE_OFFSET;
    /** The offset of the risk score in an outcome record. */
    public static final int OUTCOME_RISK_SCORE_OFFSET = JournalFormat.OUTCOME_RISK_SCORE_OFFSET;
    /** The offset of the flag byte (duplicate, balance inquiry, flagged) in an outcome record. */
    public static final int OUTCOME_FLAGS_OFFSET = JournalFormat.OUTCOME_FLAGS_OFFSET;

    private JournalSurgery()
    {
    }

    /** @return every document of a queue, as raw bytes, in order. */
    public static List<byte[]> records(final Path dataDir, final String queue)
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

    /** Replaces a queue with the given records, appended raw: no writer checks them. */
    public static void replace(final Path dataDir, final String queue, final List<byte[]> records) throws IOException
    {
        final Path directory = JournalQueues.queueDirectory(dataDir, queue);
        deleteTree(directory);
        try (SingleChronicleQueue chronicle = JournalQueues.openForAppending(directory);
             ExcerptAppender appender = chronicle.createAppender())
        {
            for (final byte[] record : records)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(record);
                }
            }
        }
    }

    /** Rewrites a queue's records raw after {@code edit} has changed the list. */
    public static void edit(final Path dataDir, final String queue, final UnaryOperator<List<byte[]>> edit)
        throws IOException
    {
        replace(dataDir, queue, edit.apply(new ArrayList<>(records(dataDir, queue))));
    }

    /** Flips one bit of the record at {@code position} inside its .cq4 file, as a disk or an editor would. */
    public static void flipByteInFile(final Path dataDir, final String queue, final int position, final int offsetInRecord)
        throws IOException
    {
        final byte[] record = records(dataDir, queue).get(position);
        final Path file = cycleFile(dataDir, queue);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            final int at = indexOf(bytes, record);
            if (at < 0)
            {
                throw new IllegalStateException("record " + position + " not found in " + file);
            }
            bytes.put(at + offsetInRecord, (byte)(bytes.get(at + offsetInRecord) ^ 0x01));
            bytes.force();
        }
    }

    /** @return the queue's one cycle file. */
    public static Path cycleFile(final Path dataDir, final String queue) throws IOException
    {
        try (Stream<Path> listing = Files.list(JournalQueues.queueDirectory(dataDir, queue)))
        {
            final List<Path> files = listing.filter(path -> path.toString().endsWith(".cq4")).toList();
            if (files.size() != 1)
            {
                throw new IllegalStateException("expected one cycle file: " + files);
            }
            return files.get(0);
        }
    }

    /** Changes one byte of a record and recomputes its CRC, leaving its chain link as it was. */
    public static byte[] alterAndReseal(final byte[] record, final int offset)
    {
        final byte[] altered = record.clone();
        altered[offset] ^= 0x01;
        return reseal(altered);
    }

    /** Recomputes a record's CRC in place, so that only what a test changed is wrong. */
    public static byte[] reseal(final byte[] record)
    {
        final CRC32C crc = new CRC32C();
        crc.update(record, 0, record.length - JournalFormat.CRC_LENGTH);
        new UnsafeBuffer(record).putInt(record.length - JournalFormat.CRC_LENGTH, (int)crc.getValue(),
            JournalFormat.BYTE_ORDER);
        return record;
    }

    /** An input record of the given sequence and format version, with a valid CRC and a genesis chain. */
    public static byte[] inputRecord(final long sequence, final byte version)
    {
        final UnsafeBuffer record = JournalFormat.newRecordBuffer();
        final int length = JournalFormat.encodeInput(record, new CRC32C(), new RecordChain(), null, 0,
            sequence, dev.junction.core.pipeline.EventKind.CONNECT, 1_000, 7, record, 0, 0);
        record.putByte(JournalFormat.VERSION_OFFSET, version);
        final byte[] bytes = new byte[length];
        record.getBytes(0, bytes);
        return reseal(bytes);
    }

    /**
     * Rewrites the outcome queue through the real writer with one bit of the outcome of {@code sequence}
     * flipped at {@code recordOffset}: chain and CRC are valid, only the content is wrong.
     */
    public static void rewriteOutcomeThroughWriter(final Path dataDir, final long sequence, final int recordOffset)
        throws IOException
    {
        final List<byte[]> outcomes = records(dataDir, OUTCOME);
        deleteTree(JournalQueues.queueDirectory(dataDir, OUTCOME));
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            final OutcomeJournal writer = journal.outcomeWriter();
            writer.onStart();
            final OutcomeRecord view = new OutcomeRecord();
            final Decision decision = new Decision();
            for (final byte[] bytes : outcomes)
            {
                final UnsafeBuffer record = new UnsafeBuffer(bytes.clone());
                view.wrap(record);
                if (view.sequence() == sequence)
                {
                    record.putByte(recordOffset, (byte)(record.getByte(recordOffset) ^ 0x01));
                }
                copy(view, decision);
                writer.append(view.sequence(), decision, record, view.responseOffset(), view.responseLength());
            }
            writer.onShutdown();
        }
    }

    /** Sets {@code decision} to every value {@code view} journaled, so that the writer journals them again. */
    public static void copy(final OutcomeRecord view, final Decision decision)
    {
        decision.reset();
        decision.respond(view.responseMti(), view.responseCode());
        decision.authorizationId(view.authorizationId());
        decision.account(view.accountId(), view.amountMinor(), view.currencyCode(), view.balanceAfterMinor(),
            view.holdsAfterMinor());
        decision.adminResult(view.adminResult());
        decision.availableAfterMinor(view.availableAfterMinor());
        decision.movements(view.balanceDeltaMinor(), view.holdsDeltaMinor());
        decision.expiredHoldsMinor(view.expiredHoldsMinor());
        decision.originalAuthorizationId(view.originalAuthorizationId());
        decision.duplicate(view.isDuplicate());
        if (view.isBalanceInquiry())
        {
            decision.balanceInquiry(view.accountType());
        }
        decision.rulesVersion(view.rulesVersion());
        decision.risk(view.riskScore(), view.riskReasons(), view.isFlaggedForReview());
        decision.limitRule(view.limitRule());
        decision.conversion(view.billingAmountMinor(), view.billingCurrencyCode(), view.conversionRate());
    }

    private static void deleteTree(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory))
        {
            for (final Path path : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }

    private static int indexOf(final MappedByteBuffer bytes, final byte[] pattern)
    {
        final int last = bytes.limit() - pattern.length;
        outer:
        for (int i = 0; i <= last; i++)
        {
            for (int j = 0; j < pattern.length; j++)
            {
                if (bytes.get(i + j) != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
