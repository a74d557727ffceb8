package dev.junction.core.pipeline;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * The {@value PipelineConfig#INLINE} thread layout: no ring thread at all. The ring is consumed by the
 * thread of an {@link Executor} the caller names (the switch's single Netty event loop), which journals,
 * authorizes and answers each batch as the {@link SingleThreadStage} does, in that order. A request that the
 * event loop decodes and publishes is applied by the same thread moments later, after the loop has read
 * every connection that was ready: no thread is woken and no thread waits, which on a machine of two cores
 * is where the pipelined layout's CPU goes at moderate rates (each hand-off a futex wake and a context
 * switch on both sides).
 * <p>
 * Publishers on other threads (the ticker, admin actions, reference data at start-up) ask the executor to
 * drain; one request stands until the drain starts, so a burst of publications costs one task. The
 * executor's own thread drains at once when it finds the ring full, instead of refusing the claim.
 * <p>
 * Failures follow the other layouts: an exception reaches the exception handler with its sequence, and a
 * handler that throws (the switch's fatal handler) stops this stage for good where it failed, so that
 * nothing after the failed event is journaled, decided or answered.
 */
final class InlineStage
{
    private final RingBuffer<TransactionEvent> ring;
    private final SingleThreadStage stage;
    private final ExceptionHandler<TransactionEvent> exceptionHandler;
    /** The last ring sequence this stage finished (journaled, decided and answered); gates the producers. */
    private final Sequence processed = new Sequence(-1);
    private final AtomicBoolean drainRequested = new AtomicBoolean();
    private final Runnable drainTask = this::requestedDrain;
    private Executor executor;
    /** The executor's thread, once the stage has started on it: the only thread that consumes. */
    private volatile Thread owner;
    private volatile boolean stopped;
    private boolean shutDown;

    InlineStage(final RingBuffer<TransactionEvent> ring, final SingleThreadStage stage,
        final ExceptionHandler<TransactionEvent> exceptionHandler)
    {
        this.ring = ring;
        this.stage = stage;
        this.exceptionHandler = exceptionHandler;
        ring.addGatingSequences(processed);
    }

    /** Names the thread that consumes the ring: every task it is given must run on one thread, in order. */
    void executor(final Executor value)
    {
        executor = value;
    }

    /** Starts the stage on the executor's thread; anything published before it is drained after it. */
    void start()
    {
        if (executor == null)
        {
            throw new IllegalStateException("the inline thread layout needs an executor to run on before start");
        }
        executor.execute(() ->
        {
            owner = Thread.currentThread();
            try
            {
                stage.onStart();
            }
            catch (final RuntimeException e)
            {
                stopped = true;
                exceptionHandler.handleOnStartException(e);
            }
        });
        published();
    }

    /** After a publication: makes sure the executor drains the ring soon. Any thread; allocation-free. */
    void published()
    {
        if (!drainRequested.get() && drainRequested.compareAndSet(false, true))
        {
            try
            {
                executor.execute(drainTask);
            }
            catch (final RejectedExecutionException stopping)
            {
                // The executor is shutting down: the stage's shutdown drains what is left.
                drainRequested.set(false);
            }
        }
    }

    /** @return whether the calling thread is the one that consumes the ring. */
    boolean isOwner()
    {
        return Thread.currentThread() == owner;
    }

    /**
     * Consumes the ring if the caller is its owner (the ring is full: make room); otherwise does nothing.
     *
     * @return whether it consumed (the caller may claim again).
     */
    boolean drainIfOwner()
    {
        if (!isOwner())
        {
            return false;
        }
        drain();
        return true;
    }

    private void requestedDrain()
    {
        // Cleared before the scan: a publication after this point requests another drain.
        drainRequested.set(false);
        drain();
    }

    /** Journals, decides and answers every published event after the last one finished. Owner only. */
    private void drain()
    {
        long next = processed.get() + 1;
        while (!stopped && !shutDown)
        {
            final long cursor = ring.getCursor();
            long available = next - 1;
            while (available < cursor && ring.isAvailable(available + 1))
            {
                available++;
            }
            if (available < next)
            {
                // Nothing, or the next slot is claimed and not yet published: its publication requests a drain.
                return;
            }
            stage.onBatchStart(available - next + 1, cursor - next + 1);
            for (long sequence = next; sequence <= available; sequence++)
            {
                final TransactionEvent event = ring.get(sequence);
                try
                {
                    stage.onEvent(event, sequence, sequence == available);
                }
                catch (final Throwable failure)
                {
                    if (!handled(failure, sequence, event))
                    {
                        return;
                    }
                }
            }
            processed.set(available);
            next = available + 1;
        }
    }

    /** @return false when the handler stopped the stage (it threw), as a ring processor would stop. */
    private boolean handled(final Throwable failure, final long sequence, final TransactionEvent event)
    {
        try
        {
            exceptionHandler.handleEventException(failure, sequence, event);
            return true;
        }
        catch (final Throwable fatal)
        {
            stopped = true;
            return false;
        }
    }

    /** @return the last ring sequence journaled, decided and answered, -1 before the first. */
    long processedSequence()
    {
        return processed.get();
    }

    /**
     * Drains what is published and runs the journals' shutdown on the executor's thread, waiting for both.
     *
     * @return false when that did not happen within the timeout (or the executor no longer runs tasks).
     */
    boolean shutdown(final long timeoutMillis) throws InterruptedException
    {
        if (isOwner())
        {
            finish();
            return true;
        }
        final CountDownLatch done = new CountDownLatch(1);
        try
        {
            executor.execute(() ->
            {
                try
                {
                    finish();
                }
                finally
                {
                    done.countDown();
                }
            });
        }
        catch (final RejectedExecutionException e)
        {
            return false;
        }
        return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void finish()
    {
        if (shutDown)
        {
            return;
        }
        try
        {
            drain();
            shutDown = true;
            stage.onShutdown();
        }
        catch (final RuntimeException e)
        {
            exceptionHandler.handleOnShutdownException(e);
        }
    }
}
