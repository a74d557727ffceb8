package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.junction.network.admin.Readiness;
import dev.junction.network.traffic.WarmUpTraffic;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up before the acquirer port opens: it drives a scratch switch and leaves the real journal and
 * state exactly as a start without it would; {@code /health} says "warming" meanwhile; a warm-up that
 * fails is reported and the switch starts all the same; the warm-up's traffic takes no answer that does
 * not pair with its request.
 */
@ExtendWith(NettyLeaks.class)
class WarmUpTest
{
    @TempDir
    Path dir;

    @Test
    void aWarmedSwitchHasTheJournalAndStateOfAColdOneAndLeavesNoScratchBehind() throws Exception
    {
        final Path warmData = dir.resolve("warm").resolve("data");
        // What a process killed during a warm-up leaves behind: removed before the next one.
        final Path stale = Files.createDirectories(warmData.resolve(WarmUp.DIRECTORY).resolve("journal"));
        Files.writeString(stale.resolve("leftover"), "x");
        final List<Readiness.State> states = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> fatal = new AtomicReference<>();
        final ServerConfig warmConfig = TestSwitch.configIn(Files.createDirectories(dir.resolve("warm")))
            .warmUpMillis(1_000).build();
        final JunctionServer.StartupReport warm;
        final JunctionServer warmServer = new JunctionServer(warmConfig, fatal::set, null, new Readiness(states::add));
        try
        {
            warm = warmServer.start();
            assertTrue(answersApproval(warmServer.address().getPort()), "a warmed switch approves a purchase");
        }
        finally
        {
            warmServer.close();
        }
        assertNull(fatal.get());
        final WarmUp.Result result = warm.warmUp();
        assertNull(result.problem(), "warm-up problem");
        assertTrue(result.requests() > 1_000, "requests through the scratch switch: " + result.requests());
        assertTrue(result.approved() > result.requests() / 2, "approved: " + result.approved() + " of " + result.requests());
        assertTrue(result.millis() >= 1_000, "took " + result.millis() + " ms");
        assertFalse(Files.exists(warmData.resolve(WarmUp.DIRECTORY)), "the scratch directory is removed");
        assertEquals(List.of(Readiness.State.RECOVERING, Readiness.State.IMPORTING, Readiness.State.WARMING,
            Readiness.State.READY, Readiness.State.STOPPING), states);

        final JunctionServer.StartupReport cold;
        try (TestSwitch coldSwitch = TestSwitch.start(Files.createDirectories(dir.resolve("cold"))))
        {
            cold = coldSwitch.report;
            assertTrue(answersApproval(coldSwitch.port()));
        }
        assertEquals(WarmUp.Result.NONE, cold.warmUp());
        assertEquals(cold.nextSequence(), warm.nextSequence(), "the real journal holds the same events");
        assertEquals(cold.stateDigest(), warm.stateDigest(), "the real state is the same");

    }

    @Test
    void aWarmUpThatFailsIsReportedAndTheSwitchStartsWithoutIt() throws Exception
    {
        // The scratch switch inherits the frame limit; the warm-up's requests are over 64 bytes, so the scratch
        // switch closes each connection at its first request.
        final ServerConfig config = TestSwitch.configIn(dir).maxFrameBytes(64).warmUpMillis(2_000).build();
        final List<Readiness.State> states = new CopyOnWriteArrayList<>();
        final JunctionServer server = new JunctionServer(config, e -> { }, null, new Readiness(states::add));
        try
        {
            final long started = System.nanoTime();
            final JunctionServer.StartupReport report = server.start();
            final WarmUp.Result result = report.warmUp();
            assertTrue(result.problem() != null && result.problem().contains("closed a connection"),
                "problem: " + result.problem());
            assertEquals(0, result.requests());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 10_000, "the failure was not waited out");
            assertEquals(Readiness.State.READY, states.get(states.size() - 1));
            assertFalse(Files.exists(config.dataDir().resolve(WarmUp.DIRECTORY)), "the scratch directory is removed");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort()))
            {
                assertTrue(socket.isConnected(), "the acquirer port is open");
            }
        }
        finally
        {
            server.close();
        }
    }

    @Test
    void warmUpTrafficStopsAtAnAnswerThatDoesNotPairWithItsRequest() throws Exception
    {
        // A server that answers each frame with itself: an 0200 comes back as 0200, not 0210.
        try (ServerSocket mirror = new ServerSocket(0, 8, InetAddress.getLoopbackAddress()))
        {
            final Thread server = new Thread(() -> mirrorFrames(mirror), "mirror");
            server.setDaemon(true);
            server.start();
            final IOException e = assertThrows(IOException.class, () -> WarmUpTraffic.drive(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), mirror.getLocalPort()),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
            assertTrue(e.getMessage().contains("did not pair"), e.getMessage());
        }
    }

    private static void mirrorFrames(final ServerSocket mirror)
    {
        try
        {
            while (true)
            {
                final Socket socket = mirror.accept();
                final Thread connection = new Thread(() ->
                {
                    try (socket;
                         DataInputStream in = new DataInputStream(socket.getInputStream());
                         DataOutputStream out = new DataOutputStream(socket.getOutputStream()))
                    {
                        while (true)
                        {
                            final byte[] frame = new byte[in.readUnsignedShort()];
                            in.readFully(frame);
                            out.writeShort(frame.length);
                            out.write(frame);
                            out.flush();
                        }
                    }
                    catch (final IOException closed)
                    {
                        // The client gave up: the test is over.
                    }
                });
                connection.setDaemon(true);
                connection.start();
            }
        }
        catch (final IOException closed)
        {
            // The test closed the server socket.
        }
    }

    private static boolean answersApproval(final int port) throws Exception
    {
        final NACChannel channel = new NACChannel("127.0.0.1", port, new org.jpos.iso.packager.ISO87BPackager(), null);
        channel.setTimeout(10_000);
        channel.connect();
        try
        {
            channel.send(TestSwitch.request("0200", TestSwitch.RICH, 1_500, 1));
            final ISOMsg answer = channel.receive();
            return "0210".equals(answer.getMTI()) && "00".equals(answer.getString(39));
        }
        finally
        {
            channel.disconnect();
        }
    }
}
