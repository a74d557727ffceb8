package dev.junction.core.pipeline;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * The {@value PipelineConfig#INLINE} layout's journal helper: a second thread that journals a large batch
 * (its inputs, then its outcomes) while the event loop authorizes and encodes the same batch, so that a
 * saturated switch uses the core the event loop leaves idle. The stage offers a batch only under sustained
 * load ({@link SingleThreadStage#HELPER_AFTER_LARGE_BATCHES} large batches in a row); below saturation
 * batches are small and the event loop journals them itself, waking no thread.
 * <p>
 * One batch at a time is offered and then, by whichever side comes first, either taken by the helper or
 * revoked by the event loop (which then journals the batch itself), so the journals are never used by
 * both threads at once. Each hand-over is a volatile write and read of {@link #state}: what one thread
 * wrote in the journals happens-before the other's next use of them. The helper appends the batch's
 * inputs in order, then each outcome as soon as the event loop has encoded its answer ({@link #decided}),
 * and reports {@code DONE}; the event loop releases no answer of the batch before that, so the durability
 * contract (an answer leaves after its input is journaled) holds as in the other layouts.
 * <p>
 * A failure while journaling is kept with its ring sequence and handed to the event loop, which reports it
 * as the stage would have. The helper waits for work by spinning briefly, then yielding, then parking;
 * the event loop unparks it only when it is parked.
 */
final class JournalHelper implements Runnable
{
    static final String THREAD_NAME = "junction-journal-helper";
    private static final int IDLE = 0;
    private static final int OFFERED = 1;
    private static final int TAKEN = 2;
    private static final int DONE = 3;
    /** How long an idle helper polls (spinning, then yielding) before it parks. */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final int SPINS_BEFORE_YIELD = 100;

    private final RingBuffer<TransactionEvent> ring;
    private final InputJournal inputs;
    private final ResponderStage responder;
    private final ThreadFactory threads;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** The last ring sequence of the offered batch whose answer the event loop has encoded. */
    private final Sequence decided = new Sequence(-1);
    /** The offered batch; written before {@code OFFERED}, read after {@code TAKEN}. */
    private long first;
    private long last;
    /** A journaling failure and the ring sequence it struck; written before {@code DONE}. */
    private Throwable failure;
    private long failedSequence;
    /** The ring sequence {@link #journal} is at: where a failure struck. */
    private long journaling;
    /** Batches offered; written and read by the event loop only. */
    private long batchesOffered;
    /** Batches the helper journaled; written by its thread only, read by any (metrics). */
    private volatile long batchesJournaled;
    private volatile Thread thread;
    private volatile boolean parked;
    private volatile boolean stopping;
    /** Past this ring sequence the event loop decides nothing more of the batch (it stopped there). */
    private volatile long lastDecidable = Long.MAX_VALUE;

    /** @param threads makes the helper's one thread ({@link #daemonThread} in the switch). */
    JournalHelper(final RingBuffer<TransactionEvent> ring, final InputJournal inputs, final ResponderStage responder,
        final ThreadFactory threads)
    {
        this.ring = ring;
        this.inputs = inputs;
        this.responder = responder;
        this.threads = threads;
    }

    /**
     * The helper's thread: a daemon, since the stage stops it ({@link #stop}) once its last batch is done and
     * nothing of a batch is left with it after the event loop has finished the batch.
     */
    static Thread daemonThread(final Runnable runnable)
    {
        final Thread created = new Thread(runnable, THREAD_NAME);
        created.setDaemon(true);
        return created;
    }

    /** Starts the helper's thread. */
    void start()
    {
        final Thread started = threads.newThread(this);
        thread = started;
        started.start();
    }

    /**
     * Offers the batch {@code [firstSequence, lastSequence]} to the helper. Event loop only.
     *
     * @return whether it was offered; false when the helper is not running.
     */
    boolean offer(final long firstSequence, final long lastSequence)
    {
        if (thread == null || stopping || state.get() != IDLE)
        {
            return false;
        }
        batchesOffered++;
        first = firstSequence;
        last = lastSequence;
        failure = null;
        lastDecidable = Long.MAX_VALUE;
        decided.set(firstSequence - 1);
        state.set(OFFERED);
        if (parked)
        {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** The event loop has encoded the answer at {@code ringSequence}: its outcome may be journaled. */
    void decided(final long ringSequence)
    {
        decided.set(ringSequence);
    }

    /**
     * The event loop stopped inside the offered batch (its stage failed for good) after deciding up to
     * {@code lastDecided}: the helper journals no outcome after it. Event loop only; {@link #revoke()} or
     * {@link #awaitDone()} follows.
     */
    void abandonAfter(final long lastDecided)
    {
        lastDecidable = lastDecided;
        decided.set(Long.MAX_VALUE);
    }

    /**
     * Takes the offered batch back if the helper has not started it. Event loop only.
     *
     * @return true when the batch is back with the caller, which must journal it itself; false when the
     * helper has it, and {@link #awaitDone()} must follow.
     */
    boolean revoke()
    {
        return state.compareAndSet(OFFERED, IDLE);
    }

    /**
     * Waits until the helper has journaled the batch it took. Event loop only.
     *
     * @return the failure that stopped the journaling, or null when the whole batch is journaled.
     */
    Throwable awaitDone()
    {
        int spins = 0;
        while (state.get() != DONE)
        {
            if (++spins % SPINS_BEFORE_YIELD == 0)
            {
                Thread.yield();
            }
            else
            {
                Thread.onSpinWait();
            }
        }
        final Throwable failed = failure;
        failure = null;
        state.set(IDLE);
        return failed;
    }

    /** @return the ring sequence the failure {@link #awaitDone()} returned struck. */
    long failedSequence()
    {
        return failedSequence;
    }

    /** @return how many batches the event loop has offered (taken back ones included). Event loop only. */
    long batchesOffered()
    {
        return batchesOffered;
    }

    /** @return how many batches the helper has journaled (taken and finished, failed ones included). Any thread. */
    long batchesJournaled()
    {
        return batchesJournaled;
    }

    /** Stops the thread once it is idle and waits up to {@code timeoutMillis} for it to end. */
    void stop(final long timeoutMillis) throws InterruptedException
    {
        stopping = true;
        final Thread running = thread;
        if (running != null)
        {
            LockSupport.unpark(running);
            running.join(timeoutMillis);
        }
    }

    @Override
    public void run()
    {
        while (awaitOffer())
        {
            if (state.compareAndSet(OFFERED, TAKEN))
            {
                journalBatch();
                batchesJournaled++;
                state.set(DONE);
            }
        }
    }

    /** @return true when a batch is offered, false when the helper is to stop. */
    private boolean awaitOffer()
    {
        int spins = 0;
        long pollStart = 0;
        while (true)
        {
            if (state.get() == OFFERED)
            {
                return true;
            }
            if (stopping)
            {
                return false;
            }
            if (++spins < SPINS_BEFORE_YIELD)
            {
                Thread.onSpinWait();
                continue;
            }
            final long now = System.nanoTime();
            if (pollStart == 0)
            {
                pollStart = now;
            }
            if (now - pollStart < POLL_NANOS)
            {
                Thread.yield();
                continue;
            }
            parked = true;
            if (state.get() != OFFERED && !stopping)
            {
                LockSupport.park(this);
            }
            parked = false;
            spins = 0;
            pollStart = 0;
        }
    }

    private void awaitDecided(final long sequence)
    {
        int spins = 0;
        while (decided.get() < sequence)
        {
            if (++spins % SPINS_BEFORE_YIELD == 0)
            {
                Thread.yield();
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }

    /** The helper's side: journals the batch it took, keeping a failure for the event loop. */
    private void journalBatch()
    {
        try
        {
            journal(first, last);
        }
        catch (final Throwable e)
        {
            failure = e;
            failedSequence = Math.min(journaling, last);
        }
    }

    /**
     * Appends the inputs of {@code [from, to]}, then each outcome once the event loop has decided it (none past
     * {@link #abandonAfter}). Run by the helper for a batch it took, and by the event loop for one it took
     * back ({@link #revoke()}; every event is decided by then), so the batch is journaled one way either way.
     * Throws what the journals throw.
     */
    void journal(final long from, final long to)
    {
        for (journaling = from; journaling <= to; journaling++)
        {
            final TransactionEvent event = ring.get(journaling);
            inputs.append(event.sequence(), event.kind(), event.ingressEpochNanos(), event.connectionId(),
                event.payload(), 0, event.payloadLength());
        }
        inputs.endOfBatch();
        for (journaling = from; journaling <= to; journaling++)
        {
            awaitDecided(journaling);
            if (journaling > lastDecidable)
            {
                return;
            }
            responder.journal(ring.get(journaling));
        }
        responder.endOfJournalBatch();
    }
}
