package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.junction.core.pipeline.Pipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session's limits, driven on an embedded channel against a real ring whose journal stage can be
 * held shut: a full ring is answered 91 at once, and past the in-flight limit the connection is not read.
 */
@ExtendWith(NettyLeaks.class)
class AcquirerSessionTest
{
    private final CountDownLatch journalOpen = new CountDownLatch(1);
    private final ServerCounters counters = new ServerCounters();
    private final SessionRegistry registry = new SessionRegistry(4);
    private final java.util.ArrayDeque<byte[]> written = new java.util.ArrayDeque<>();
    private Pipeline pipeline;
    private EmbeddedChannel channel;

    @AfterEach
    void stop()
    {
        journalOpen.countDown();
        if (channel != null)
        {
            channel.finishAndReleaseAll();
        }
        if (pipeline != null)
        {
            pipeline.shutdown(5_000);
        }
    }

    @Test
    void aFullRingIsAnswered91AtOnceWithoutWaiting() throws Exception
    {
        start(4, 100);

        for (int stan = 1; stan <= 6; stan++)
        {
            channel.writeInbound(frame(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, stan)));
        }

        // The connection's CONNECT event and the first three requests fill the held ring of four;
        // the fourth to sixth are answered at once.
        for (int stan = 4; stan <= 6; stan++)
        {
            final ISOMsg answer = readAnswer();
            assertNotNull(answer, "an immediate answer for STAN " + stan);
            assertEquals("0110", answer.getMTI());
            assertEquals("91", answer.getString(39));
            assertEquals(String.format("%06d", stan), answer.getString(11));
        }
        assertNull(channel.readOutbound());
        assertEquals(3, counters.ringFullRejects.get());
    }

    @Test
    void pastTheInFlightLimitTheConnectionIsNotReadUntilAnswersDrain() throws Exception
    {
        start(64, 3);

        for (int stan = 1; stan <= 5; stan++)
        {
            channel.writeInbound(frame(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, stan)));
        }
        assertFalse(channel.config().isAutoRead(), "reading stops at the limit");
        assertEquals(3, counters.requestsPublished.get());
        assertEquals(0, counters.ringFullRejects.get());

        journalOpen.countDown();
        int answered = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (answered < 5 && System.nanoTime() < deadline)
        {
            channel.runPendingTasks();
            final ISOMsg answer = readAnswer();
            if (answer == null)
            {
                Thread.sleep(1);
                continue;
            }
            answered++;
            assertEquals("14", answer.getString(39), "the test authorizer knows no cards");
        }
        assertEquals(5, answered, "the held frames are read and answered once answers drain");
        assertEquals(5, counters.requestsPublished.get());
        assertTrue(channel.config().isAutoRead());
    }

    @Test
    void answersKeepFlowingWhenTheOutboundBufferWrapsAround() throws Exception
    {
        start(64, 3);
        journalOpen.countDown();

        // One request at a time: each answer must arrive by itself, with no later request to push it out.
        // The outbound buffer of a 3-in-flight session holds about 18 answers, so 300 wrap it many times.
        for (int stan = 1; stan <= 300; stan++)
        {
            channel.writeInbound(frame(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, stan)));
            ISOMsg answer = null;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (answer == null && System.nanoTime() < deadline)
            {
                channel.runPendingTasks();
                answer = readAnswer();
                if (answer == null)
                {
                    Thread.sleep(0, 100_000);
                }
            }
            assertNotNull(answer, "no answer for STAN " + stan);
            assertEquals(String.format("%06d", stan), answer.getString(11));
        }
    }

    private void start(final int ringSize, final int maxInFlight)
    {
        pipeline = RingDoubles.heldRing(ringSize, journalOpen, registry, counters);
        channel = new EmbeddedChannel(new AcquirerSession(pipeline, registry, new IngressClock(), counters, 1024,
            maxInFlight));
    }

    /** @return the next answer the session wrote (a write may carry several), or null when none is waiting. */
    private ISOMsg readAnswer() throws Exception
    {
        if (written.isEmpty())
        {
            final ByteBuf out = channel.readOutbound();
            if (out == null)
            {
                return null;
            }
            RingDoubles.unframe(out, written);
        }
        return RawClient.unpack(written.poll());
    }

    private static ByteBuf frame(final ISOMsg msg) throws Exception
    {
        return RingDoubles.frame(RawClient.pack(msg));
    }
}
