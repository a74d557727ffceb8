package dev.junction.network;

import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.lmax.disruptor.ExceptionHandler;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import dev.junction.core.pipeline.Pipeline;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.pipeline.ResponseSink;
import dev.junction.core.pipeline.TransactionEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.agrona.DirectBuffer;

/**
 * Stand-ins for a real ring's journals, sink and failure handler, and the framing of an embedded channel,
 * for the tests that drive a real {@link Pipeline} without a disk: one copy, so that every such test holds
 * its ring shut, discards its outcomes and fails on a stage error the same way.
 */
public final class RingDoubles
{
    private RingDoubles()
    {
    }

    /**
     * @return a started ring of {@code ringSize} slots whose journal stage waits until {@code journalOpen} is
     * counted down (a ring that cannot drain), answering through {@code registry}; a stage error fails the test.
     */
    static Pipeline heldRing(final int ringSize, final CountDownLatch journalOpen, final SessionRegistry registry,
        final ServerCounters counters)
    {
        final Pipeline pipeline = new Pipeline(new PipelineConfig(ringSize, 1024, "blocking"),
            new Authorizer(new AuthorizerConfig(1, 1)), new HeldJournal(journalOpen), new DiscardingOutcomes(),
            new ChannelResponseSink(registry, counters), 0, rethrow());
        pipeline.start();
        return pipeline;
    }

    /** @return {@code body} behind its 2-byte length, as a frame arrives on the wire. */
    static ByteBuf frame(final byte[] body)
    {
        final ByteBuf frame = Unpooled.buffer(body.length + 2);
        frame.writeShort(body.length);
        frame.writeBytes(body);
        return frame;
    }

    /** Adds each length-prefixed message of one outbound write to {@code into}, then releases the write. */
    static void unframe(final ByteBuf out, final Queue<byte[]> into)
    {
        try
        {
            while (out.isReadable())
            {
                final byte[] body = new byte[out.readUnsignedShort()];
                out.readBytes(body);
                into.add(body);
            }
        }
        finally
        {
            out.release();
        }
    }

    /** @return a handler under which any stage error fails the test on the spot. */
    private static ExceptionHandler<TransactionEvent> rethrow()
    {
        return new OnFailure(ex ->
        {
            throw new AssertionError(ex);
        });
    }

    /** @return a handler that keeps the first stage error in {@code fatal}, for the test to assert on. */
    public static ExceptionHandler<TransactionEvent> recordFirst(final AtomicReference<Throwable> fatal)
    {
        return new OnFailure(ex -> fatal.compareAndSet(null, ex));
    }

    /** An input journal that keeps nothing: what the ring publishes passes its journal stage at once. */
    public static class DiscardingInputs implements InputJournal
    {
        @Override
        public void onStart()
        {
        }

        @Override
        public void append(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
            final DirectBuffer payload, final int offset, final int length)
        {
        }

        @Override
        public void endOfBatch()
        {
        }

        @Override
        public void onShutdown()
        {
        }
    }

    /** An input journal whose stage waits until the test opens it: a ring that cannot drain. */
    private static final class HeldJournal extends DiscardingInputs
    {
        private final CountDownLatch open;

        HeldJournal(final CountDownLatch open)
        {
            this.open = open;
        }

        @Override
        public void append(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
            final DirectBuffer payload, final int offset, final int length)
        {
            try
            {
                open.await();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An outcome journal that keeps nothing. */
    public static final class DiscardingOutcomes implements OutcomeJournal
    {
        @Override
        public void onStart()
        {
        }

        @Override
        public void append(final long sequence, final Decision decision, final DirectBuffer response, final int offset,
            final int length)
        {
        }

        @Override
        public void endOfBatch()
        {
        }

        @Override
        public void onShutdown()
        {
        }
    }

    /** A response sink that answers nobody. */
    public static final class DiscardingResponses implements ResponseSink
    {
        @Override
        public void onResponse(final long connectionId, final DirectBuffer response, final int offset, final int length)
        {
        }

        @Override
        public void endOfBatch()
        {
        }
    }

    /** Hands every stage error, whatever stage or phase it came from, to one action. */
    private static final class OnFailure implements ExceptionHandler<TransactionEvent>
    {
        private final Consumer<Throwable> action;

        OnFailure(final Consumer<Throwable> action)
        {
            this.action = action;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TransactionEvent event)
        {
            action.accept(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            action.accept(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            action.accept(ex);
        }
    }
}
