package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections are limited in total and per remote address: one over either limit is closed at once,
 * counted and logged, and the others keep being served; a connection that closes frees its place.
 */
@ExtendWith(NettyLeaks.class)
class ConnectionLimitsTest
{
    @TempDir
    Path dir;

    @Test
    void oneAddressOverItsLimitIsRefusedWhileAnotherAddressIsStillServed() throws Exception
    {
        try (LogCapture logs = new LogCapture();
            TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).maxConnectionsPerAddress(2).build()))
        {
            final Client first = new Client(junction.port(), "127.0.0.1");
            final Client second = new Client(junction.port(), "127.0.0.1");
            assertEquals("00", first.echo(1));
            assertEquals("00", second.echo(2));

            try (Client third = new Client(junction.port(), "127.0.0.1"))
            {
                assertNull(third.readFrame(), "the third connection from 127.0.0.1 is closed at once");
            }
            assertEquals(1, junction.server.counters().connectionsRefusedPerAddress.get());
            assertEquals(1, junction.server.counters().connectionsRefused.get());
            assertTrue(logs.lines().stream().anyMatch(line ->
                line.contains("refused a connection from /127.0.0.1") && line.contains("limit of 2 connections per address")),
                logs.lines().toString());

            // 127.0.0.2 is this machine too, but another address: it has its own two.
            try (Client other = new Client(junction.port(), "127.0.0.2"))
            {
                assertEquals("00", other.echo(3));
            }
            assertEquals("00", first.echo(4), "the connections within the limit are still served");

            second.close();
            awaitOpenFrom(junction, InetAddress.getByName("127.0.0.1"), 1);
            try (Client again = new Client(junction.port(), "127.0.0.1"))
            {
                assertEquals("00", again.echo(5), "a closed connection frees its address's place");
            }
            first.close();
            assertEquals(1, junction.server.counters().connectionsRefused.get());
        }
    }

    @Test
    void theTotalLimitHoldsAcrossAddresses() throws Exception
    {
        try (TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).maxConnections(2)
            .maxConnectionsPerAddress(2).build()))
        {
            try (Client first = new Client(junction.port(), "127.0.0.1");
                Client second = new Client(junction.port(), "127.0.0.2");
                Client third = new Client(junction.port(), "127.0.0.3"))
            {
                assertEquals("00", first.echo(1));
                assertEquals("00", second.echo(2));
                assertNull(third.readFrame(), "a third connection is over the total limit, whatever its address");
            }
            assertEquals(1, junction.server.counters().connectionsRefused.get());
            assertEquals(0, junction.server.counters().connectionsRefusedPerAddress.get());
        }
    }

    private static void awaitOpenFrom(final TestSwitch junction, final InetAddress address, final int open)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (junction.server.sessions().openFrom(address) != open && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertEquals(open, junction.server.sessions().openFrom(address));
    }

    /** A socket from a chosen local address; every loopback address 127.x.y.z is this machine. */
    private static final class Client implements AutoCloseable
    {
        private final Socket socket = new Socket();
        private final DataInputStream in;
        private final OutputStream out;

        Client(final int port, final String localAddress) throws IOException
        {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** @return the 0810's response code for an 0800 echo. */
        String echo(final int stan) throws Exception
        {
            final byte[] body = RawClient.pack(TestSwitch.networkManagement("301", stan));
            out.write(new byte[] {(byte)(body.length >>> 8), (byte)body.length});
            out.write(body);
            out.flush();
            final byte[] answer = readFrame();
            assertNotNull(answer, "an answer to echo " + stan);
            final ISOMsg msg = RawClient.unpack(answer);
            assertEquals(List.of("0810", String.format("%06d", stan)), List.of(msg.getMTI(), msg.getString(11)));
            return msg.getString(39);
        }

        byte[] readFrame() throws IOException
        {
            try
            {
                final byte[] body = new byte[in.readUnsignedShort()];
                in.readFully(body);
                return body;
            }
            catch (final EOFException | SocketException closed)
            {
                return null;
            }
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }
    }
}
