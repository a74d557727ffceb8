package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends and sends and never reads its answers: the switch stops reading it once it cannot
 * take more answers, holds a bounded amount of memory for it, keeps serving everyone else, and closes it
 * after --slow-reader-timeout-ms, counted and logged once.
 */
@ExtendWith(NettyLeaks.class)
class SlowReaderTest
{
    private static final int MAX_IN_FLIGHT = 32;
    private static final int LOW_WATERMARK = 8 * 1024;
    private static final int HIGH_WATERMARK = 32 * 1024;
    private static final long SLOW_READER_TIMEOUT_MILLIS = 3_000;
    /** Netty's accounting adds a fixed overhead per queued write; a few writes at most are queued. */
    private static final long WRITE_OVERHEAD_SLACK = 4 * 1024;

    @TempDir
    Path dir;

    @Test
    void aClientThatNeverReadsIsBoundedDoesNotStallOthersAndIsClosedAfterTheTimeout() throws Exception
    {
        try (LogCapture logs = new LogCapture();
            TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).maxInFlightPerConnection(MAX_IN_FLIGHT)
                .writeBufferLowBytes(LOW_WATERMARK).writeBufferHighBytes(HIGH_WATERMARK)
                .slowReaderTimeoutMillis(SLOW_READER_TIMEOUT_MILLIS).idleEchoMillis(0).idleCloseMillis(0).build()))
        {
            final Socket slow = new Socket();
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", junction.port()), 10_000);
            final AtomicLong sent = new AtomicLong();
            final Thread sender = new Thread(() -> sendUntilClosed(slow, sent), "slow-reader");
            sender.setDaemon(true);
            sender.start();

            final AcquirerSession session = awaitSession(junction, slow.getLocalPort());
            final long unwritableSeenNanos = awaitUnwritable(session);

            // (a) and (b): for a second, the slow connection's memory stays bounded and it is not read,
            // while a well-behaved client on another connection is answered correctly throughout.
            final long outboundBound = HIGH_WATERMARK + AcquirerSession.outboundCapacity(MAX_IN_FLIGHT) +
                WRITE_OVERHEAD_SLACK;
            final NACChannel good = junction.connect();
            int exchanges = 0;
            long maxPending = 0;
            final long sampleUntil = unwritableSeenNanos + TimeUnit.MILLISECONDS.toNanos(1_000);
            while (System.nanoTime() < sampleUntil)
            {
                final int stan = ++exchanges;
                good.send(TestSwitch.request("0200", TestSwitch.RICH, 100, stan));
                final ISOMsg answer = good.receive();
                assertEquals("0210", answer.getMTI());
                assertEquals(String.format("%06d", stan), answer.getString(11));
                assertEquals("00", answer.getString(39));

                final long[] state = onEventLoop(session, () -> new long[] {
                    session.pendingOutboundBytes(), session.channel().config().isAutoRead() ? 1 : 0,
                    session.inFlight(), session.inboundBufferedBytes(), session.channel().isActive() ? 1 : 0});
                assertEquals(1, state[4], "the slow connection is closed only after the timeout");
                maxPending = Math.max(maxPending, state[0]);
                assertTrue(state[0] <= outboundBound, "outbound bytes " + state[0] + " over " + outboundBound);
                assertEquals(0, state[1], "the slow connection is not read");
                assertTrue(state[2] <= MAX_IN_FLIGHT, "in flight " + state[2]);
                assertTrue(state[3] <= 2 * 65_536 + 4_096, "inbound backlog " + state[3]);
            }
            assertTrue(exchanges >= 10, "the well-behaved client was served " + exchanges + " times in a second");
            assertTrue(maxPending >= HIGH_WATERMARK, "the slow connection did fill its write buffer: " + maxPending);
            final long sentWhileStuck = sent.get();

            // (c): closed after the timeout, counted, logged once. Watched from the switch's side: reading the
            // socket here would make the client a reader again.
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (session.channel().isActive() && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertFalse(session.channel().isActive(), "the switch closes the slow connection");
            final long closedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unwritableSeenNanos);
            assertNull(drainUntilClosed(slow), "the client sees the close");
            assertEquals(1, junction.server.counters().slowReaderCloses.get());
            assertTrue(closedAfterMillis >= SLOW_READER_TIMEOUT_MILLIS - 500,
                "closed " + closedAfterMillis + " ms after it became unwritable");
            assertEquals(1, logs.lines().stream().filter(line -> line.contains("answers have gone unread")).count(),
                logs.lines().toString());
            assertTrue(sentWhileStuck > 0);

            good.send(TestSwitch.request("0200", TestSwitch.RICH, 100, 999_999));
            assertEquals("00", good.receive().getString(39), "the well-behaved client is still served");
            good.disconnect();
            slow.close();
            assertFalse(sender.isAlive() && !awaitEnd(sender), "the slow sender ends once its socket closes");
        }
    }

    private static void sendUntilClosed(final Socket socket, final AtomicLong sent)
    {
        try
        {
            final byte[] body = RawClient.pack(TestSwitch.networkManagement("301", 1));
            final byte[] frame = new byte[2 + body.length];
            frame[0] = (byte)(body.length >>> 8);
            frame[1] = (byte)body.length;
            System.arraycopy(body, 0, frame, 2, body.length);
            final OutputStream out = socket.getOutputStream();
            while (true)
            {
                out.write(frame);
                sent.incrementAndGet();
            }
        }
        catch (final IOException | org.jpos.iso.ISOException closed)
        {
            // The switch closed the connection (or the test did): the sender's work is over.
        }
    }

    /** @return null once the switch has closed the connection, reading whatever answers were queued before. */
    private static byte[] drainUntilClosed(final Socket socket) throws IOException
    {
        socket.setSoTimeout((int)(SLOW_READER_TIMEOUT_MILLIS * 5));
        final InputStream in = socket.getInputStream();
        final byte[] scratch = new byte[65_536];
        try
        {
            while (in.read(scratch) >= 0)
            {
                // Answers queued before the close; not of interest.
            }
        }
        catch (final java.net.SocketException reset)
        {
            // A close with unread bytes on the switch's side arrives as a reset.
        }
        return null;
    }

    private static AcquirerSession awaitSession(final TestSwitch junction, final int clientPort) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            for (final AcquirerSession session : junction.server.sessions().open())
            {
                if (((InetSocketAddress)session.channel().remoteAddress()).getPort() == clientPort)
                {
                    return session;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no session for client port " + clientPort);
    }

    private static long awaitUnwritable(final AcquirerSession session) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (session.channel().isWritable() && System.nanoTime() < deadline)
        {
            Thread.sleep(2);
        }
        assertFalse(session.channel().isWritable(), "the slow connection's write buffer never filled");
        return System.nanoTime();
    }

    private static <T> T onEventLoop(final AcquirerSession session, final Callable<T> read) throws Exception
    {
        final T value = session.channel().eventLoop().submit(read).get(10, TimeUnit.SECONDS);
        assertNotNull(value);
        return value;
    }

    private static boolean awaitEnd(final Thread thread) throws InterruptedException
    {
        thread.join(10_000);
        return !thread.isAlive();
    }
}
