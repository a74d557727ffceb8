package dev.junction.network;

import static dev.junction.network.RingDoubles.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Pipeline;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frame the door let through but the full ring answered 91 never entered the switch: a sign-on
 * answered so has not happened, and a 91 to a keyed acquirer whose MAC verified carries a MAC.
 * Driven on an embedded channel from 127.0.0.1 against a real ring whose journal stage is held shut.
 */
@ExtendWith(NettyLeaks.class)
class DoorRingFullTest
{
    private static final SocketAddress PEER = new InetSocketAddress("127.0.0.1", 40_000);

    @TempDir
    Path dir;

    private final CountDownLatch journalOpen = new CountDownLatch(1);
    private final ServerCounters counters = new ServerCounters();
    private final SessionRegistry registry = new SessionRegistry(4);
    private final ArrayDeque<byte[]> written = new ArrayDeque<>();
    private Pipeline pipeline;
    private EmbeddedChannel channel;
    private AcquirerDoor door;

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
    void aSignOnAnswered91ForAFullRingLeavesTheConnectionNotSignedOn() throws Exception
    {
        start(",,");
        fillTheRing();

        channel.writeInbound(frame(RawClient.pack(SignOnTest.signOn(SignOnTest.LOCAL_BANK, 1))));

        final ISOMsg refused = RawClient.unpack(nextAnswer());
        assertEquals("0810", refused.getMTI());
        assertEquals("91", refused.getString(39));
        assertEquals(1, counters.ringFullRejects.get());
        assertEquals(0, door.counters().signOns.get());

        journalOpen.countDown();
        channel.writeInbound(frame(RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2))));
        assertEquals("91", RawClient.unpack(nextAnswer()).getString(39));
        assertEquals(1, door.counters().beforeSignOn.get(), "refused at the door: the sign-on did not happen");
    }

    @Test
    void aFullRings91ToAKeyedAcquirerCarriesAMac() throws Exception
    {
        Files.writeString(dir.resolve("bank.key"), HexFormat.of().formatHex(MessageMacTest.EXAMPLE_KEY));
        start(",hmac-sha256,file:bank.key");
        final MessageMac mac = MessageMac.of(MacAlgorithm.HMAC_SHA256, MessageMacTest.EXAMPLE_KEY);
        channel.writeInbound(frame(MacOverTcpTest.sealed(mac, SignOnTest.signOn(SignOnTest.LOCAL_BANK, 1))));
        fillTheRing();

        channel.writeInbound(frame(MacOverTcpTest.sealed(mac, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 2))));

        final byte[] answer = nextAnswer();
        assertEquals("91", RawClient.unpack(answer).getString(39));
        assertEquals(MessageMac.VERIFIED, mac.verify(answer, 0, answer.length));
        assertEquals(1, door.counters().signOns.get());
    }

    private void start(final String macColumns) throws Exception
    {
        final Path file = Files.writeString(dir.resolve("acquirers.csv"),
            "institution_id,allowed_addresses,mac_algorithm,mac_key\n" + SignOnTest.LOCAL_BANK + ",127.0.0.1" +
                macColumns + "\n");
        door = new AcquirerDoor(Acquirers.load(file, name -> null), AcquirerDoor.REJECT, 10);
        pipeline = RingDoubles.heldRing(64, journalOpen, registry, counters);
        final AcquirerSession session = new AcquirerSession(pipeline, registry, new IngressClock(), counters, 1024, 100,
            door);
        channel = new EmbeddedChannel(session)
        {
            @Override
            protected SocketAddress remoteAddress0()
            {
                return PEER;
            }
        };
    }

    /** Takes every free slot with ticks, so the next request finds the ring full. */
    private void fillTheRing()
    {
        final UnsafeBuffer empty = new UnsafeBuffer(new byte[0]);
        long ringSequence;
        while ((ringSequence = pipeline.tryClaim()) >= 0)
        {
            pipeline.slot(ringSequence).copyInput(pipeline.journalSequence(ringSequence), EventKind.TICK, 0, 0, empty, 0, 0);
            pipeline.publish(ringSequence);
        }
    }

    /** @return the next answer frame's message, waiting for it (generously) when it comes through the ring. */
    private byte[] nextAnswer() throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (written.isEmpty() && System.nanoTime() < deadline)
        {
            channel.runPendingTasks();
            final ByteBuf out = channel.readOutbound();
            if (out == null)
            {
                Thread.sleep(1);
                continue;
            }
            RingDoubles.unframe(out, written);
        }
        final byte[] answer = written.poll();
        assertNotNull(answer, "no answer within 10 s");
        return answer;
    }
}
