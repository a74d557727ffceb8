package dev.junction.journal;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code journal verify}'s engine: reads every document of both queues as raw bytes, checks each
 * record's framing and CRC32C, recomputes each queue's SHA-256 chain ({@link JournalFormat}) and
 * checks the order of sequences, then checks that the queues agree (each outcome has its input; each
 * input but the last few has its outcome). At the first record of a queue that fails it says what
 * broke, looking one record ahead to tell an altered record from a removed, an inserted or a swapped
 * one. The chain covers sealed payloads as ciphertext, so all of this needs no key; given the journal
 * key, it also opens every sealed payload and checks its tag. Read-only, like {@link JournalReader}.
 */
public final class JournalVerifier
{
    private static final HexFormat HEX = HexFormat.of();

    private JournalVerifier()
    {
    }

    /** Verifies without a key: the chains, checksums and order; sealed payloads are not opened. */
    public static JournalVerification verify(final Path dataDir, final ReadProgress progress)
    {
        return verify(dataDir, null, progress);
    }

    /**
     * @param key the journal key, or null: with it, every sealed payload is also authenticated.
     * @throws JournalNotFoundException when {@code dataDir} holds no journal.
     * @throws JournalKeyException      when a sealed record names another key than {@code key}.
     * @throws JournalException         when a queue cannot be opened.
     */
    public static JournalVerification verify(final Path dataDir, final JournalKey key, final ReadProgress progress)
    {
        return verify(dataDir, key, progress, () -> { });
    }

    /**
     * A running switch appends while this reads: an input before its outcome, always. So the outcome
     * queue's end is taken first, the inputs are then read to their end, and the outcomes only up to that
     * end: every outcome checked has its input among those read, and one appended meanwhile is left for
     * the next run instead of being reported as an outcome without an input.
     *
     * @param afterInputs run between reading the inputs and reading the outcomes (tests append there).
     */
    static JournalVerification verify(final Path dataDir, final JournalKey key, final ReadProgress progress,
        final Runnable afterInputs)
    {
        try (SingleChronicleQueue inputQueue = JournalQueues.openReadOnly(dataDir, JournalQueues.INPUT);
             SingleChronicleQueue outcomeQueue = JournalQueues.openReadOnly(dataDir, JournalQueues.OUTCOME))
        {
            final long outcomesEnd = outcomeQueue.lastIndex();
            final QueueScan inputs = new QueueScan(JournalQueues.INPUT, true, inputQueue, key, progress, null);
            final JournalVerification.Queue input = inputs.run(Long.MAX_VALUE);
            afterInputs.run();
            final CrossCheck crossCheck = new CrossCheck(input);
            final QueueScan outcomes =
                new QueueScan(JournalQueues.OUTCOME, false, outcomeQueue, key, progress, crossCheck);
            final JournalVerification.Queue outcome = outcomes.run(outcomesEnd);
            final List<String> errors = new ArrayList<>();
            final List<String> notes = new ArrayList<>();
            crossCheck.report(input, outcome, errors, notes);
            if (outcomes.leftForLater)
            {
                notes.add("the switch was appending: outcomes written after the check began are left for the next run");
            }
            return new JournalVerification(input, outcome, List.copyOf(errors), List.copyOf(notes));
        }
    }

    /** One queue, front to back. */
    private static final class QueueScan
    {
        private static final int END = -1;
        private static final int UNREADABLE = -2;

        private final String name;
        private final boolean input;
        private final SingleChronicleQueue queue;
        private final ReadProgress progress;
        private final CrossCheck crossCheck;
        private final JournalKey key;
        private final RecordCipher cipher;
        private final List<String> keyIds = new ArrayList<>();
        private long sealed;
        private long lastKeyId;
        private final RecordChain chain = new RecordChain();
        private final CRC32C crc = new CRC32C();
        private final UnsafeBuffer current = JournalFormat.newRecordBuffer();
        private final UnsafeBuffer next = JournalFormat.newRecordBuffer();
        private final byte[] computed = new byte[JournalFormat.CHAIN_LENGTH];
        private final byte[] previousLink = Arrays.copyOf(JournalFormat.GENESIS_LINK, JournalFormat.CHAIN_LENGTH);
        private ExcerptTailer tailer;
        private long readIndex;
        private String readFailure;
        /** The last queue index to read, taken before the scan began; later records are not read. */
        private long lastIndexToRead;
        /** Whether a record after {@link #lastIndexToRead} was found (the switch appended meanwhile). */
        boolean leftForLater;

        QueueScan(final String name, final boolean input, final SingleChronicleQueue queue, final JournalKey key,
            final ReadProgress progress, final CrossCheck crossCheck)
        {
            this.key = key;
            this.cipher = key == null ? null : new RecordCipher(key);
            this.name = name;
            this.input = input;
            this.queue = queue;
            this.progress = progress;
            this.crossCheck = crossCheck;
        }

        /** @param lastIndex the last queue index to read ({@code Long.MAX_VALUE}: to the end as found). */
        JournalVerification.Queue run(final long lastIndex)
        {
            lastIndexToRead = lastIndex;
            try (ExcerptTailer opened = queue.createTailer())
            {
                tailer = opened;
                return scan();
            }
        }

        private JournalVerification.Queue scan()
        {
            long records = 0;
            long firstSequence = -1;
            long previousSequence = -1;
            while (true)
            {
                final int length = read(current);
                if (length == END)
                {
                    return result(records, firstSequence, previousSequence, null);
                }
                final long index = readIndex;
                if (index > lastIndexToRead && length != UNREADABLE)
                {
                    leftForLater = true;
                    return result(records, firstSequence, previousSequence, null);
                }
                if (length == UNREADABLE)
                {
                    return result(records, firstSequence, previousSequence,
                        breakAt(index, -1, ChainBreak.Problem.UNREADABLE, readFailure));
                }
                progress.onRecord();
                final String problem = check(current, length);
                final long sequence = length >= JournalFormat.SEQUENCE_OFFSET + Long.BYTES ?
                    JournalFormat.sequence(current) : -1;
                if (problem != null)
                {
                    final boolean checksum = problem.startsWith("CRC32C mismatch");
                    return result(records, firstSequence, previousSequence, breakAt(index, sequence,
                        checksum ? ChainBreak.Problem.CHECKSUM : ChainBreak.Problem.FORMAT, checksum ?
                        problem + ": its bytes changed after it was written (damage, or an edit that did not reseal it)" :
                        problem));
                }
                final int linkOffset = JournalFormat.chainOffset(length);
                chain.computeInto(previousLink, current.byteArray(), JournalFormat.bodyLength(length), computed, 0);
                final boolean linked = Arrays.equals(computed, 0, JournalFormat.CHAIN_LENGTH,
                    current.byteArray(), linkOffset, linkOffset + JournalFormat.CHAIN_LENGTH);
                final boolean ordered = records == 0 ||
                    (input ? sequence == previousSequence + 1 : sequence > previousSequence);
                if (!linked)
                {
                    return result(records, firstSequence, previousSequence,
                        diagnoseBrokenLink(index, length, sequence, records == 0, previousSequence));
                }
                if (!ordered)
                {
                    return result(records, firstSequence, previousSequence, breakAt(index, sequence,
                        ChainBreak.Problem.SEQUENCE, "sequence " + sequence + " follows " + previousSequence +
                        " though the chain is intact: the writer itself wrote it out of order"));
                }
                if (JournalFormat.isSealed(current) && !sealedPayloadChecks(sequence))
                {
                    return result(records, firstSequence, previousSequence, breakAt(index, sequence,
                        ChainBreak.Problem.AUTHENTICATION, "its chain link holds but its encrypted payload fails the " +
                        "AES-256-GCM tag under the key given: it was forged by someone who could recompute the chain " +
                        "but does not hold the key"));
                }
                System.arraycopy(current.byteArray(), linkOffset, previousLink, 0, JournalFormat.CHAIN_LENGTH);
                if (records == 0)
                {
                    firstSequence = sequence;
                }
                previousSequence = sequence;
                records++;
                if (crossCheck != null)
                {
                    crossCheck.onOutcome(sequence);
                }
            }
        }

        /**
         * The record's link does not follow from the previous record. One record of lookahead tells
         * the cases apart: when the next record links to the previous one, this record is extra
         * (inserted) or belongs after the next one (swapped); otherwise its sequence tells a removal
         * before it from a change to its content.
         */
        private ChainBreak diagnoseBrokenLink(final long index, final int length, final long sequence,
            final boolean first, final long previousSequence)
        {
            final File file = tailer.currentFile();
            final long recordInFile = queue.rollCycle().toSequenceNumber(index);
            final String previous = first ? "the genesis link" : "the previous record (sequence " + previousSequence + ")";
            final int nextLength = read(next);
            if (nextLength > 0 && check(next, nextLength) == null)
            {
                final long nextSequence = JournalFormat.sequence(next);
                chain.computeInto(previousLink, next.byteArray(), JournalFormat.bodyLength(nextLength), computed, 0);
                final int nextLinkOffset = JournalFormat.chainOffset(nextLength);
                if (Arrays.equals(computed, 0, JournalFormat.CHAIN_LENGTH,
                    next.byteArray(), nextLinkOffset, nextLinkOffset + JournalFormat.CHAIN_LENGTH))
                {
                    chain.computeInto(Arrays.copyOfRange(next.byteArray(), nextLinkOffset,
                        nextLinkOffset + JournalFormat.CHAIN_LENGTH), current.byteArray(),
                        JournalFormat.bodyLength(length), computed, 0);
                    final int linkOffset = JournalFormat.chainOffset(length);
                    if (Arrays.equals(computed, 0, JournalFormat.CHAIN_LENGTH,
                        current.byteArray(), linkOffset, linkOffset + JournalFormat.CHAIN_LENGTH))
                    {
                        return breakAt(file, recordInFile, index, sequence, ChainBreak.Problem.REORDERED,
                            "it is stored before sequence " + nextSequence + " but chains after it: the two records " +
                            "were swapped");
                    }
                    return breakAt(file, recordInFile, index, sequence, ChainBreak.Problem.INSERTED,
                        "it is not part of the chain: the next record (sequence " + nextSequence +
                        ") links directly to " + previous);
                }
            }
            final long expected = first ? 0 : previousSequence + 1;
            if (sequence > expected)
            {
                final long missing = sequence - expected;
                return breakAt(file, recordInFile, index, sequence, ChainBreak.Problem.REMOVED,
                    "its link does not follow from " + previous + " and " + (missing == 1 ?
                    "sequence " + expected + " is" : "sequences " + expected + ".." + (sequence - 1) + " are") +
                    " missing: " + missing + " record" + (missing == 1 ? "" : "s") + " removed before it");
            }
            if (sequence == expected)
            {
                return breakAt(file, recordInFile, index, sequence, ChainBreak.Problem.ALTERED,
                    "its link does not follow from " + previous + " though its checksum matches: its content " +
                    "was changed and resealed, or it replaced the original record");
            }
            return breakAt(file, recordInFile, index, sequence, ChainBreak.Problem.INSERTED,
                "its link does not follow from " + previous + " and sequence " + sequence + " comes after " +
                previousSequence + ": a record inserted or moved here");
        }

        /**
         * Counts a sealed record and its key id and, with a key, opens its payload.
         *
         * @return false when the payload fails its tag.
         * @throws JournalKeyException when a key was given and the record names another.
         */
        private boolean sealedPayloadChecks(final long sequence)
        {
            sealed++;
            final long keyId = JournalFormat.keyId(current, input);
            if (sealed == 1 || keyId != lastKeyId)
            {
                lastKeyId = keyId;
                final String hex = JournalKey.idHex(keyId);
                if (!keyIds.contains(hex))
                {
                    keyIds.add(hex);
                }
            }
            if (key == null)
            {
                return true;
            }
            PayloadAccess.requireKey(keyId, key, name + " journal record of sequence " + sequence);
            return JournalFormat.open(current, input, cipher);
        }

        /** @return the record's length, {@link #END} or {@link #UNREADABLE}; sets {@link #readIndex}. */
        private int read(final UnsafeBuffer into)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return END;
                }
                readIndex = dc.index();
                final Bytes<?> bytes = dc.wire().bytes();
                final long available = bytes.readRemaining();
                if (available > JournalFormat.MAX_RECORD_LENGTH)
                {
                    readFailure = "overlong: " + available + " bytes, more than any record can hold";
                    return UNREADABLE;
                }
                bytes.read(into.byteArray(), 0, (int)available);
                return (int)available;
            }
            catch (final RuntimeException ex)
            {
                readIndex = tailer.index();
                readFailure = "Chronicle cannot read the document: " + JournalQueues.oneLine(ex);
                return UNREADABLE;
            }
        }

        private String check(final UnsafeBuffer record, final int length)
        {
            return input ? JournalFormat.checkInput(record, length, crc) : JournalFormat.checkOutcome(record, length, crc);
        }

        private JournalVerification.Queue result(final long records, final long firstSequence, final long lastSequence,
            final ChainBreak firstBreak)
        {
            return new JournalVerification.Queue(name, records, firstSequence, lastSequence, HEX.formatHex(previousLink),
                firstBreak, sealed, List.copyOf(keyIds), key != null);
        }

        private ChainBreak breakAt(final long index, final long sequence, final ChainBreak.Problem problem,
            final String detail)
        {
            File file = null;
            try
            {
                file = tailer.currentFile();
            }
            catch (final RuntimeException ignored)
            {
                // an unreadable queue may not even name its file; the index still names the record
            }
            return breakAt(file, queue.rollCycle().toSequenceNumber(index), index, sequence, problem, detail);
        }

        private ChainBreak breakAt(final File file, final long recordInFile, final long index, final long sequence,
            final ChainBreak.Problem problem, final String detail)
        {
            return new ChainBreak(name, sequence, index, file == null ? "?" : file.getName(), recordInFile, problem,
                detail);
        }
    }

    /** Outcomes against inputs: every outcome has an input, every input but the last few an outcome. */
    private static final class CrossCheck
    {
        private final JournalVerification.Queue input;
        private long expected;
        private long orphans;
        private long firstOrphan = -1;
        private long missing;
        private long firstMissing = -1;

        CrossCheck(final JournalVerification.Queue input)
        {
            this.input = input;
            this.expected = input.firstSequence();
        }

        void onOutcome(final long sequence)
        {
            if (input.records() == 0 || sequence < input.firstSequence() || sequence > input.lastSequence())
            {
                if (orphans++ == 0)
                {
                    firstOrphan = sequence;
                }
                return;
            }
            if (sequence > expected)
            {
                if (missing == 0)
                {
                    firstMissing = expected;
                }
                missing += sequence - expected;
            }
            expected = sequence + 1;
        }

        void report(final JournalVerification.Queue inputs, final JournalVerification.Queue outcomes,
            final List<String> errors, final List<String> notes)
        {
            if (inputs.firstBreak() != null)
            {
                notes.add("outcomes not checked against inputs: the input chain is broken");
                return;
            }
            if (orphans > 0)
            {
                errors.add(orphans + " outcome" + (orphans == 1 ? " has" : "s have") + " no input, the first of " +
                    "sequence " + firstOrphan + " (" + (inputs.records() == 0 ? "the input journal is empty" :
                    "the input journal holds sequences " + inputs.firstSequence() + ".." + inputs.lastSequence()) + ")");
            }
            if (missing > 0)
            {
                errors.add(missing + " input" + (missing == 1 ? " has" : "s have") + " no outcome though later " +
                    "inputs do, the first of sequence " + firstMissing);
            }
            if (outcomes.firstBreak() == null && inputs.records() > 0 && expected <= inputs.lastSequence())
            {
                final long tail = inputs.lastSequence() - expected + 1;
                notes.add((tail == 1 ?
                    "the last input (sequence " + expected + ") has no outcome" :
                    "the last " + tail + " inputs (sequences " + expected + ".." + inputs.lastSequence() +
                    ") have no outcome") + ": the switch stopped between appending an input and its outcome, or is " +
                    "still appending; not an error, replay at start-up applies them");
            }
        }
    }
}
