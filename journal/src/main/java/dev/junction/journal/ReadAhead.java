package dev.junction.journal;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Reads input records on a thread of its own, ahead of the thread that applies them. Replay at start-up
 * spends most of its time in the authorizer, which is single-threaded by design; reading the journal
 * (Chronicle's tailer, the copy, the record checks, and whatever else the read path does to a record)
 * can overlap it on the second core instead of adding to it.
 * <p>
 * The reading thread runs {@link JournalReader#readInputs} on a reader of its own (a reader is
 * single-threaded; it also decrypts sealed payloads, so that work leaves the applying thread too) and
 * copies each record, as its handler receives it, into a bounded single-producer
 * single-consumer ring ({@link #RING_BYTES} bytes); the calling thread takes them out in order and hands
 * them to its handler. Nothing about the records changes: every record is checked by the reader before
 * it enters the ring, the order is the journal's, and an error on either side ends both. A damaged
 * record's exception reaches the caller after the records before it were handled, as it does without
 * read-ahead. When the ring is full the reader waits; when it is empty the applier waits, spinning
 * briefly, then yielding, then parking for at most {@link #MAX_PARK_NANOS}.
 */
final class ReadAhead
{
    /** Bytes of records in flight between the two threads: thousands of records, well under any heap. */
    static final int RING_BYTES = 8 << 20;
    private static final long MAX_PARK_NANOS = 100_000;
    private static final int BATCH = 256;
    private static final int MESSAGE_TYPE = 1;
    private static final int SEQUENCE_OFFSET = 0;
    private static final int INGRESS_OFFSET = 8;
    private static final int CONNECTION_OFFSET = 16;
    private static final int KIND_OFFSET = 24;
    private static final int HEADER_LENGTH = 25;

    private final Path dataDir;
    private final JournalKey key;
    private final long fromSequence;
    private final OneToOneRingBuffer ring;
    private volatile boolean readerDone;
    private volatile boolean applierFailed;
    private volatile Throwable readerFailure;
    private long read;
    private long handled;

    private ReadAhead(final Path dataDir, final JournalKey key, final long fromSequence, final int ringBytes)
    {
        this.dataDir = dataDir;
        this.key = key;
        this.fromSequence = fromSequence;
        ring = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Does what {@code JournalReader.open(dataDir, key).readInputs(fromSequence, handler)} does, with the
     * reading (and the decryption of sealed records) on another thread; {@code handler} runs on the
     * calling thread.
     *
     * @param key the journal key, null when none was given.
     * @return how many records the handler received.
     * @throws JournalCorruptException at the first record that is not valid, after the records before it.
     * @throws JournalException        when the journal cannot be read.
     */
    static long readInputs(final Path dataDir, final JournalKey key, final long fromSequence,
        final InputRecordHandler handler)
    {
        return readInputs(dataDir, key, fromSequence, handler, RING_BYTES);
    }

    /**
     * As {@link #readInputs(Path, JournalKey, long, InputRecordHandler)} through a ring of {@code ringBytes},
     * a power of two.
     */
    static long readInputs(final Path dataDir, final JournalKey key, final long fromSequence,
        final InputRecordHandler handler, final int ringBytes)
    {
        return new ReadAhead(dataDir, key, fromSequence, ringBytes).run(handler);
    }

    private long run(final InputRecordHandler handler)
    {
        final Thread reader = new Thread(this::read, "junction-journal-read-ahead");
        reader.setDaemon(true);
        reader.start();
        try
        {
            apply(handler);
        }
        catch (final RuntimeException | Error ex)
        {
            applierFailed = true;
            join(reader);
            throw ex;
        }
        join(reader);
        final Throwable failure = readerFailure;
        if (failure instanceof RuntimeException)
        {
            throw (RuntimeException)failure;
        }
        if (failure instanceof Error)
        {
            throw (Error)failure;
        }
        if (handled != read)
        {
            throw new IllegalStateException("read ahead " + read + " records but handed on " + handled);
        }
        return handled;
    }

    /** The applying side: hands each record in the ring to {@code handler} until the reader is done. */
    private void apply(final InputRecordHandler handler)
    {
        final IdleStrategy idle = idleStrategy();
        final MessageHandler unpack = (type, buffer, index, length) ->
        {
            handler.onInput(buffer.getLong(index + SEQUENCE_OFFSET), buffer.getByte(index + KIND_OFFSET),
                buffer.getLong(index + INGRESS_OFFSET), buffer.getLong(index + CONNECTION_OFFSET), buffer,
                index + HEADER_LENGTH, length - HEADER_LENGTH);
            handled++;
        };
        while (true)
        {
            // Read the flag first: when it was set, everything the reader wrote before is in the ring.
            final boolean done = readerDone;
            final int count = ring.read(unpack, BATCH);
            if (count == 0)
            {
                // A read returns 0 also when it only skipped the padding record at the end of the buffer, with
                // records waiting at its start: only an empty ring ends the run.
                if (done && ring.size() == 0)
                {
                    return;
                }
                idle.idle();
            }
            else
            {
                idle.reset();
            }
        }
    }

    /** The reading side, on its own thread. */
    private void read()
    {
        final IdleStrategy idle = idleStrategy();
        try (JournalReader reader = JournalReader.open(dataDir, key))
        {
            read = reader.readInputs(fromSequence, (sequence, kind, ingressEpochNanos, connectionId, payload, offset,
                length) -> enqueue(idle, sequence, kind, ingressEpochNanos, connectionId, payload, offset, length));
        }
        catch (final Stopped ex)
        {
            // The applier failed: its exception is the one the caller sees.
        }
        catch (final Throwable ex)
        {
            readerFailure = ex;
        }
        finally
        {
            readerDone = true;
        }
    }

    private void enqueue(final IdleStrategy idle, final long sequence, final byte kind, final long ingressEpochNanos,
        final long connectionId, final DirectBuffer payload, final int offset, final int length)
    {
        int index;
        while ((index = ring.tryClaim(MESSAGE_TYPE, HEADER_LENGTH + length)) < 0)
        {
            if (applierFailed)
            {
                throw new Stopped();
            }
            idle.idle();
        }
        idle.reset();
        final AtomicBuffer buffer = ring.buffer();
        buffer.putLong(index + SEQUENCE_OFFSET, sequence);
        buffer.putLong(index + INGRESS_OFFSET, ingressEpochNanos);
        buffer.putLong(index + CONNECTION_OFFSET, connectionId);
        buffer.putByte(index + KIND_OFFSET, kind);
        buffer.putBytes(index + HEADER_LENGTH, payload, offset, length);
        ring.commit(index);
        if (applierFailed)
        {
            throw new Stopped();
        }
    }

    private static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(100, 10, 1_000, MAX_PARK_NANOS);
    }

    private static void join(final Thread thread)
    {
        boolean interrupted = false;
        while (thread.isAlive())
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the reading thread when the applier has failed. */
    private static final class Stopped extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Stopped()
        {
            super(null, null, false, false);
        }
    }
}
