package dev.junction.core.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.junction.core.auth.Authorizer;
import org.agrona.DirectBuffer;

/**
 * The ring and its stages, wired in one place:
 * <pre>
 *   producers ─▶ ring ─▶ journal stage  ─┐
 *                    └─▶ authorizer stage ─┴─▶ responder stage (outcome journal, then the sink)
 * </pre>
 * ({@value PipelineConfig#SINGLE}: one thread does all three in turn; {@value PipelineConfig#INLINE}: the
 * thread of an executor named by {@link #runInlineOn}, the event loop, does them, see {@link InlineStage}.)
 * One multi-producer Disruptor: Netty event loops claim with {@link #tryClaim()}, which never blocks;
 * the operator's admin publisher may block in {@link #claim()}. Journal sequences continue across
 * restarts: the slot at ring sequence {@code s} carries journal sequence {@code firstSequence + s}.
 */
public final class Pipeline
{
    private static final String[] STAGE_THREAD_NAMES = {"junction-journal", "junction-authorizer", "junction-responder"};
    private static final String SINGLE_STAGE_THREAD_NAME = "junction-business";

    /** The ring's consumers on threads of their own; null in the inline layout. */
    private final Disruptor<TransactionEvent> disruptor;
    /** The inline layout's consumer, on the executor named by {@link #runInlineOn}; null otherwise. */
    private final InlineStage inline;
    /** The inline layout's journal helper, null when none runs. */
    private final JournalHelper journalHelper;
    private final RingBuffer<TransactionEvent> ring;
    /** The stage whose sequence says an event is answered: the responder, or the single stage. */
    private final EventHandler<TransactionEvent> lastStage;
    /** The stage whose sequence says an input is journaled: the journal stage, or the single stage. */
    private final EventHandler<TransactionEvent> journalingStage;
    private final long firstSequence;
    private final int payloadCapacity;
    private final List<Thread> stageThreads = new CopyOnWriteArrayList<>();

    public Pipeline(
        final PipelineConfig config,
        final Authorizer authorizer,
        final InputJournal inputJournal,
        final OutcomeJournal outcomeJournal,
        final ResponseSink sink,
        final long firstSequence,
        final ExceptionHandler<TransactionEvent> exceptionHandler)
    {
        this(config, authorizer, inputJournal, outcomeJournal, sink, firstSequence, exceptionHandler,
            PipelineMetrics.NONE);
    }

    /** @param metrics told of every request the responder finishes, on the responder's thread. */
    public Pipeline(
        final PipelineConfig config,
        final Authorizer authorizer,
        final InputJournal inputJournal,
        final OutcomeJournal outcomeJournal,
        final ResponseSink sink,
        final long firstSequence,
        final ExceptionHandler<TransactionEvent> exceptionHandler,
        final PipelineMetrics metrics)
    {
        this.firstSequence = firstSequence;
        this.payloadCapacity = config.payloadCapacity();
        final WaitStrategy waitStrategy = WaitStrategies.named(config.waitStrategy());
        final ResponderStage responder = new ResponderStage(outcomeJournal, sink, metrics);
        if (PipelineConfig.INLINE.equals(config.threadLayout()))
        {
            // No thread waits on this ring, so its wait strategy only has to be told of publications: the
            // busy-spin strategy's signal does nothing, where the blocking one's would take a lock.
            ring = RingBuffer.createMultiProducer(() -> new TransactionEvent(payloadCapacity), config.ringSize(),
                new BusySpinWaitStrategy());
            final SingleThreadStage single = new SingleThreadStage(inputJournal, authorizer, responder,
                exceptionHandler);
            single.ring(ring);
            if (config.journalHelperBatch() > 0)
            {
                journalHelper = new JournalHelper(ring, inputJournal, responder, JournalHelper::daemonThread);
                single.helper(journalHelper, config.journalHelperBatch());
            }
            else
            {
                journalHelper = null;
            }
            inline = new InlineStage(ring, single, exceptionHandler);
            disruptor = null;
            lastStage = null;
            journalingStage = null;
            return;
        }
        inline = null;
        journalHelper = null;
        disruptor = new Disruptor<>(() -> new TransactionEvent(payloadCapacity), config.ringSize(),
            stageThreads(PipelineConfig.SINGLE.equals(config.threadLayout())), ProducerType.MULTI, waitStrategy);
        disruptor.setDefaultExceptionHandler(exceptionHandler);
        if (PipelineConfig.SINGLE.equals(config.threadLayout()))
        {
            final SingleThreadStage single = new SingleThreadStage(inputJournal, authorizer, responder,
                exceptionHandler);
            single.ring(disruptor.getRingBuffer());
            lastStage = single;
            journalingStage = single;
            disruptor.handleEventsWith(lastStage);
        }
        else
        {
            lastStage = responder;
            journalingStage = new JournalStage(inputJournal, waitStrategy);
            final AuthorizerStage authorizing = new AuthorizerStage(authorizer, waitStrategy);
            authorizing.ring(disruptor.getRingBuffer());
            disruptor
                .handleEventsWith(journalingStage, authorizing)
                .then(responder);
        }
        ring = disruptor.getRingBuffer();
    }

    /**
     * The inline layout's consumer thread: the executor must run its tasks on one thread, in order (a Netty
     * event loop). Call before {@link #start}; the journals are started, written and shut down on it.
     *
     * @throws IllegalStateException when the layout is not inline.
     */
    public void runInlineOn(final Executor executor)
    {
        if (inline == null)
        {
            throw new IllegalStateException("only the " + PipelineConfig.INLINE + " thread layout runs on an executor");
        }
        inline.executor(executor);
    }

    public void start()
    {
        if (inline != null)
        {
            inline.start();
        }
        else
        {
            disruptor.start();
        }
    }

    /**
     * @return a claimed ring sequence, or -1 when the ring is full (the caller answers 91). Never blocks. In
     * the inline layout the consuming thread first makes room itself when it finds the ring full.
     */
    public long tryClaim()
    {
        final long claimed = tryClaimOnce();
        return claimed < 0 && inline != null && inline.drainIfOwner() ? tryClaimOnce() : claimed;
    }

    private long tryClaimOnce()
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException full)
        {
            return -1;
        }
    }

    /** @return a claimed ring sequence, waiting for space; never call it from an event loop. */
    public long claim()
    {
        return ring.next();
    }

    /** @return the slot of a claimed ring sequence, to fill before {@link #publish}. */
    public TransactionEvent slot(final long ringSequence)
    {
        return ring.get(ringSequence);
    }

    /** @return the journal sequence an event claimed at {@code ringSequence} carries. */
    public long journalSequence(final long ringSequence)
    {
        return firstSequence + ringSequence;
    }

    public void publish(final long ringSequence)
    {
        ring.publish(ringSequence);
        if (inline != null)
        {
            inline.published();
        }
    }

    /**
     * Publishes an input from a buffer, waiting for space (admin commands at start-up and from operators).
     *
     * @return the ring sequence it was given.
     * @throws IllegalArgumentException when the input is larger than a slot; it takes no sequence.
     */
    public long publishBlocking(final byte kind, final long ingressEpochNanos, final long connectionId,
        final DirectBuffer payload, final int offset, final int length)
    {
        if (length < 0 || length > payloadCapacity)
        {
            // Checked before claiming: a claimed slot must be published, and one that failed to fill
            // would go out with the previous lap's input and journal sequence.
            throw new IllegalArgumentException("an input of " + length + " bytes does not fit a slot of " +
                payloadCapacity);
        }
        final long ringSequence = claim();
        try
        {
            slot(ringSequence).copyInput(journalSequence(ringSequence), kind, ingressEpochNanos, connectionId,
                payload, offset, length);
        }
        finally
        {
            publish(ringSequence);
        }
        return ringSequence;
    }

    /**
     * @return how many batches the inline layout's journal helper has journaled beside the event loop; -1 when
     * the pipeline runs no helper. Any thread.
     */
    public long journalHelperBatches()
    {
        return journalHelper == null ? -1 : journalHelper.batchesJournaled();
    }

    /** @return the highest ring sequence the responder has finished, -1 before the first. */
    public long processedRingSequence()
    {
        return inline != null ? inline.processedSequence() : disruptor.getSequenceValueFor(lastStage);
    }

    /** @return the highest ring sequence the journal stage has appended, -1 before the first. */
    public long journaledRingSequence()
    {
        // The inline stage journals and answers a batch before it moves its one sequence.
        return inline != null ? inline.processedSequence() : disruptor.getSequenceValueFor(journalingStage);
    }

    /**
     * @return the highest ring sequence claimed so far (a claimed slot is published moments later),
     * -1 before the first; the responder is idle when it has processed this far.
     */
    public long claimedRingSequence()
    {
        return ring.getCursor();
    }

    /** @return how many slots are free: the ring's spare capacity for load shedding and metrics. */
    public long remainingCapacity()
    {
        return ring.remainingCapacity();
    }

    public int ringSize()
    {
        return ring.getBufferSize();
    }

    /** Waits until the responder has finished {@code ringSequence}; false on timeout. */
    public boolean awaitProcessed(final long ringSequence, final long timeoutMillis) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (processedRingSequence() < ringSequence)
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /**
     * Stops the stages after every published event has been processed (journaled, authorized, answered),
     * and returns once the stage threads have run their journals' {@code onShutdown()} and ended, so the
     * caller may close what the journals write to.
     *
     * @return false when the events were not all processed, or the stages did not end, within the
     * timeout (the stages are halted anyway).
     */
    public boolean shutdown(final long timeoutMillis)
    {
        // Not Disruptor.shutdown: it counts only stages that are already running, so right after start()
        // it returned at once and the stages, halted before they ran, dropped what was published;
        // and it returned before the stages' onShutdown(), while the journals were still being closed.
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean stopped;
        try
        {
            if (inline != null && inline.isOwner())
            {
                // On the consuming thread itself: nothing else would drain while it waited.
                return inline.shutdown(timeoutMillis);
            }
            stopped = awaitProcessed(ring.getCursor(), timeoutMillis);
            if (inline != null)
            {
                final long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                return inline.shutdown(remainingMillis) && stopped;
            }
            disruptor.halt();
            for (final Thread thread : stageThreads)
            {
                final long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis > 0)
                {
                    thread.join(remainingMillis);
                }
                stopped &= !thread.isAlive();
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            if (disruptor != null)
            {
                disruptor.halt();
            }
            stopped = false;
        }
        return stopped;
    }

    private ThreadFactory stageThreads(final boolean single)
    {
        final AtomicInteger created = new AtomicInteger();
        return runnable ->
        {
            final int index = created.getAndIncrement();
            final String name = single && index == 0 ? SINGLE_STAGE_THREAD_NAME :
                !single && index < STAGE_THREAD_NAMES.length ? STAGE_THREAD_NAMES[index] : "junction-stage-" + index;
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(false);
            stageThreads.add(thread);
            return thread;
        };
    }
}
