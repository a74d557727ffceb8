package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;

import com.lmax.disruptor.ExceptionHandler;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import dev.junction.core.pipeline.Pipeline;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.pipeline.TransactionEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.DirectBuffer;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full ring changes nothing about what an unreadable frame does: it still closes the connection (it used
 * to be dropped silently, and the stream read on from a place nobody could trust), while a well-formed
 * message the switch does not answer is still just not answered.
 */
class RingFullUnreadableFrameTest
{
    static
    {
        NettyLeaks.install();
    }

    private final CountDownLatch journalOpen = new CountDownLatch(1);
    private final ServerCounters counters = new ServerCounters();
    private Pipeline pipeline;
    private EmbeddedChannel channel;

    @BeforeEach
    void start() throws Exception
    {
        final SessionRegistry registry = new SessionRegistry(4);
        pipeline = new Pipeline(new PipelineConfig(4, 1024, "blocking"), new Authorizer(new AuthorizerConfig(1, 1)),
            new HeldJournal(journalOpen), new NoOutcomes(), new ChannelResponseSink(registry, counters), 0, new Rethrow());
        pipeline.start();
        channel = new EmbeddedChannel(new AcquirerSession(pipeline, registry, new IngressClock(), counters, 1024, 64));
        // The CONNECT event and three requests fill the held ring of four.
        for (int stan = 1; stan <= 3; stan++)
        {
            channel.writeInbound(frame(RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, stan))));
        }
        assertEquals(0, counters.ringFullRejects.get());
    }

    @AfterEach
    void stop()
    {
        journalOpen.countDown();
        channel.finishAndReleaseAll();
        pipeline.shutdown(5_000);
    }

    @AfterAll
    static void noLeaks()
    {
        NettyLeaks.assertNone();
    }

    @Test
    void anUnreadableFrameOnAFullRingClosesTheConnection() throws Exception
    {
        channel.writeInbound(frame(new byte[] {(byte)0xFA, 0x11, 0x22}));

        assertFalse(channel.isActive(), "closed: nothing can be answered");
        assertEquals(1, counters.unaddressableFrames.get());
        assertNull(channel.readOutbound());
    }

    @Test
    void aWellFormedResponseOnAFullRingIsDroppedAndTheConnectionStaysOpen() throws Exception
    {
        final ISOMsg stray = TestSwitch.request("0110", TestSwitch.ACTIVE, 100, 9);
        stray.set(39, "00");
        channel.writeInbound(frame(RawClient.pack(stray)));

        assertTrue(channel.isActive());
        assertEquals(0, counters.unaddressableFrames.get());
        assertNull(channel.readOutbound());
    }

    private static ByteBuf frame(final byte[] body)
    {
        final ByteBuf frame = Unpooled.buffer(body.length + 2);
        frame.writeShort(body.length);
        frame.writeBytes(body);
        return frame;
    }

    /** An input journal whose stage waits until the test opens it: a ring that cannot drain. */
    private static final class HeldJournal implements InputJournal
    {
        private final CountDownLatch open;

        HeldJournal(final CountDownLatch open)
        {
            this.open = open;
        }

        @Override
        public void onStart()
        {
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

        @Override
        public void endOfBatch()
        {
        }

        @Override
        public void onShutdown()
        {
        }
    }

    private static final class NoOutcomes implements OutcomeJournal
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

    private static final class Rethrow implements ExceptionHandler<TransactionEvent>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TransactionEvent event)
        {
            throw new AssertionError(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            throw new AssertionError(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            throw new AssertionError(ex);
        }
    }
}
