package dev.junction.network;

import static dev.junction.network.RingDoubles.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;

import dev.junction.core.pipeline.Pipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A full ring changes nothing about what an unreadable frame does: it still closes the connection (it used
 * to be dropped silently, and the stream read on from a place nobody could trust), while a well-formed
 * message the switch does not answer is still just not answered.
 */
@ExtendWith(NettyLeaks.class)
class RingFullUnreadableFrameTest
{
    private final CountDownLatch journalOpen = new CountDownLatch(1);
    private final ServerCounters counters = new ServerCounters();
    private Pipeline pipeline;
    private EmbeddedChannel channel;

    @BeforeEach
    void start() throws Exception
    {
        final SessionRegistry registry = new SessionRegistry(4);
        pipeline = RingDoubles.heldRing(4, journalOpen, registry, counters);
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
}
