package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import dev.junction.core.pipeline.EventKind;
import dev.junction.journal.JournalReader;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the acquirer port does over TLS, whichever provider serves it: each subclass names one
 * ({@link TlsOverJdkTest}, {@link TlsOverOpenSslTest}). Clients are the JDK's {@link SSLSocket}, an
 * implementation independent of both server providers' code paths in Netty.
 */
@ExtendWith(NettyLeaks.class)
abstract class TlsServerContract
{
    private static final long AWAIT_MILLIS = 30_000;

    @TempDir
    static Path pkiDir;
    static TlsTestPki pki;

    @TempDir
    Path dir;

    /** @return the {@code --tls-provider} under test. */
    abstract String provider();

    @BeforeAll
    static void makeCertificates() throws Exception
    {
        pki = new TlsTestPki(pkiDir);
    }

    @Test
    void aTlsClientIsAnsweredOverTls13() throws Exception
    {
        try (TestSwitch server = start(config("none")))
        {
            assertEquals("TLS 1.3 (" + provider() + "), client auth none", server.report.security());
            try (SSLSocket socket = TlsTestPki.connect(pki.clientContext(null, null), server.port()))
            {
                socket.startHandshake();
                assertEquals("TLSv1.3", socket.getSession().getProtocol());

                final ISOMsg authorization = exchange(socket, TestSwitch.request("0100", TestSwitch.ACTIVE, 1_000, 1));
                assertEquals("0110", authorization.getMTI());
                assertEquals("00", authorization.getString(39));
                assertEquals("000001", authorization.getString(11));
                assertNotNull(authorization.getString(38), "approval carries an authorization id");

                final ISOMsg lost = exchange(socket, TestSwitch.request("0100", TestSwitch.LOST, 1_000, 2));
                assertEquals("41", lost.getString(39));

                final ISOMsg echo = exchange(socket, TestSwitch.networkManagement("301", 3));
                assertEquals("0810", echo.getMTI());
                assertEquals("00", echo.getString(39));
                assertEquals("301", echo.getString(70));
            }
            awaitValue(1, () -> server.server.counters().connectionsAccepted.get(), "accepted connections");
        }
    }

    @Test
    void aTls12OnlyClientIsRefusedByDefaultAndNeverBecomesAConnection() throws Exception
    {
        final Path data;
        try (TestSwitch server = start(config("none")))
        {
            data = server.dataDir;
            try (SSLSocket socket = TlsTestPki.connect(pki.clientContext(null, null), server.port(), "TLSv1.2"))
            {
                assertThrows(IOException.class, socket::startHandshake);
            }
            awaitValue(1, () -> server.server.counters().tlsHandshakeFailures.get(), "handshake failures");
            assertEquals(0, server.server.counters().connectionsAccepted.get());
        }
        try (JournalReader reader = JournalReader.open(data))
        {
            assertEquals(0, JournalCounts.ofKind(reader, EventKind.CONNECT), "a refused handshake is not journaled");
        }
    }

    @Test
    void tls12IsServedWhenTheOperatorAllowsIt() throws Exception
    {
        try (TestSwitch server = start(config("none").tlsProtocols("TLSv1.3,TLSv1.2").build()))
        {
            assertEquals("TLS 1.3, 1.2 (" + provider() + "), client auth none", server.report.security());
            try (SSLSocket socket = TlsTestPki.connect(pki.clientContext(null, null), server.port(), "TLSv1.2"))
            {
                socket.startHandshake();
                assertEquals("TLSv1.2", socket.getSession().getProtocol());
                assertTrue(socket.getSession().getCipherSuite().startsWith("TLS_ECDHE_"), socket.getSession().getCipherSuite());
                assertEquals("00", exchange(socket, TestSwitch.request("0100", TestSwitch.ACTIVE, 500, 7)).getString(39));
            }
        }
    }

    @Test
    void aPlaintextClientIsClosedAndCountedWithoutHurtingTheTlsConnections() throws Exception
    {
        final Path data;
        try (LogCapture log = new LogCapture(); TestSwitch server = start(config("none")))
        {
            data = server.dataDir;
            try (SSLSocket tls = TlsTestPki.connect(pki.clientContext(null, null), server.port()))
            {
                assertEquals("00", exchange(tls, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1)).getString(39));

                try (Socket plain = new Socket("127.0.0.1", server.port()))
                {
                    plain.setSoTimeout(10_000);
                    final byte[] request = RawClient.pack(TestSwitch.request("0100", TestSwitch.RICH, 100, 2));
                    writeFrame(plain.getOutputStream(), request);
                    assertClosedByPeer(plain.getInputStream());
                }
                awaitValue(1, () -> server.server.counters().tlsHandshakeFailures.get(), "handshake failures");

                assertEquals("00", exchange(tls, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 3)).getString(39),
                    "the TLS connection is still served");
            }
            final String lines = String.join("\n", log.lines());
            assertTrue(lines.contains("failed: not a TLS record (a plaintext client?); connection closed"), lines);
            assertFalse(lines.contains(TestSwitch.RICH), "no PAN in the log, not even as a hex dump: " + lines);
            assertFalse(lines.contains("not an SSL/TLS record"), "no hex dump of the plaintext bytes: " + lines);
            assertEquals(1, server.server.counters().connectionsAccepted.get());
        }
        try (JournalReader reader = JournalReader.open(data))
        {
            assertEquals(2, JournalCounts.requests(reader), "the plaintext request never reached the ring");
            assertEquals(1, JournalCounts.ofKind(reader, EventKind.CONNECT));
        }
    }

    @Test
    void requiredClientAuthRefusesNoCertificateAndAnUntrustedOneAndServesATrustedOne() throws Exception
    {
        try (LogCapture log = new LogCapture(); TestSwitch server = start(config("require")))
        {
            assertEquals("TLS 1.3 (" + provider() + "), client auth require", server.report.security());

            assertRefused(pki.clientContext(null, null), server.port());
            awaitValue(1, () -> server.server.counters().tlsHandshakeFailures.get(), "handshake failures");

            assertRefused(pki.clientContext(pki.untrustedClient, pki.untrustedClientPrivateKey), server.port());
            awaitValue(2, () -> server.server.counters().tlsHandshakeFailures.get(), "handshake failures");
            assertEquals(0, server.server.counters().connectionsAccepted.get());

            try (SSLSocket socket = TlsTestPki.connect(pki.clientContext(pki.client, pki.clientPrivateKey), server.port()))
            {
                assertEquals("00", exchange(socket, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1)).getString(39));
            }
            awaitValue(1, () -> server.server.counters().connectionsAccepted.get(), "accepted connections");
            final String lines = String.join("\n", log.lines());
            assertTrue(lines.contains("TLSv1.3") && lines.contains("client certificate " + TlsTestPki.CLIENT_SUBJECT_LOGGED),
                "the acquirer's identity is logged at connect: " + lines);
        }
    }

    @Test
    void optionalClientAuthServesNoCertificateButRefusesAnUntrustedOne() throws Exception
    {
        try (TestSwitch server = start(config("optional")))
        {
            try (SSLSocket socket = TlsTestPki.connect(pki.clientContext(null, null), server.port()))
            {
                assertEquals("00", exchange(socket, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 1)).getString(39));
            }
            assertRefused(pki.clientContext(pki.untrustedClient, pki.untrustedClientPrivateKey), server.port());
            awaitValue(1, () -> server.server.counters().tlsHandshakeFailures.get(), "handshake failures");
        }
    }

    @Test
    void aHandshakeThatNeverStartsIsClosedAfterTheTimeout() throws Exception
    {
        try (TestSwitch server = start(config("none").tlsHandshakeTimeoutMillis(300).build()))
        {
            // Timed from before the connect: the switch's timer starts at its accept, which comes later.
            final long started = System.nanoTime();
            try (Socket silent = new Socket("127.0.0.1", server.port()))
            {
                silent.setSoTimeout((int)AWAIT_MILLIS);
                assertClosedByPeer(silent.getInputStream());
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) >= 290,
                    "closed by the timeout, not at once");
            }
            awaitValue(1, () -> server.server.counters().tlsHandshakeTimeouts.get(), "handshake timeouts");
            assertEquals(0, server.server.counters().tlsHandshakeFailures.get());
        }
    }

    private ServerConfig.Builder config(final String clientAuth) throws IOException
    {
        final ServerConfig.Builder builder = TestSwitch.configIn(dir).tlsCert(pki.serverChain).tlsKey(pki.serverKey)
            .tlsProvider(provider()).tlsClientAuth(clientAuth);
        return clientAuth.equals("none") ? builder : builder.tlsTrust(pki.caCert);
    }

    private static TestSwitch start(final ServerConfig.Builder builder) throws StartupException
    {
        return start(builder.build());
    }

    private static TestSwitch start(final ServerConfig config) throws StartupException
    {
        return TestSwitch.start(config);
    }

    /**
     * A refused client: in TLS 1.3 the client finishes its side before the server has judged its certificate,
     * so the refusal may only show at the first read. Either way no answer ever comes.
     */
    private static void assertRefused(final SSLContext context, final int port) throws Exception
    {
        try (SSLSocket socket = TlsTestPki.connect(context, port))
        {
            try
            {
                socket.startHandshake();
                writeFrame(socket.getOutputStream(), RawClient.pack(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 9)));
                final byte[] answer = readFrame(socket.getInputStream());
                assertNull(answer, "a refused client got an answer");
            }
            catch (final SSLException | SocketException | EOFException expected)
            {
                // Refused: an alert, a reset or the end of the stream.
            }
        }
    }

    static ISOMsg exchange(final SSLSocket socket, final ISOMsg request) throws IOException, ISOException
    {
        writeFrame(socket.getOutputStream(), RawClient.pack(request));
        final byte[] answer = readFrame(socket.getInputStream());
        assertNotNull(answer, "no answer: the switch closed the connection");
        return RawClient.unpack(answer);
    }

    static void writeFrame(final OutputStream out, final byte[] body) throws IOException
    {
        final byte[] frame = new byte[2 + body.length];
        frame[0] = (byte)(body.length >>> 8);
        frame[1] = (byte)body.length;
        System.arraycopy(body, 0, frame, 2, body.length);
        out.write(frame);
        out.flush();
    }

    /** @return the next frame's body, or null at the end of the stream. */
    static byte[] readFrame(final InputStream in) throws IOException
    {
        final DataInputStream data = new DataInputStream(in);
        final int length;
        try
        {
            length = data.readUnsignedShort();
        }
        catch (final EOFException end)
        {
            return null;
        }
        final byte[] body = new byte[length];
        data.readFully(body);
        return body;
    }

    /** Reads (and ignores: perhaps a TLS alert) until the peer closes; fails if it does not within the timeout. */
    static void assertClosedByPeer(final InputStream in) throws IOException
    {
        final byte[] sink = new byte[1024];
        try
        {
            while (in.read(sink) >= 0)
            {
                // Whatever the switch sends before closing is not an answer.
            }
        }
        catch (final SocketTimeoutException e)
        {
            fail("the switch did not close the connection");
        }
        catch (final SocketException reset)
        {
            // Closed with a reset: closed all the same.
        }
    }

    static void awaitValue(final long expected, final LongSupplier actual, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
        while (actual.getAsLong() != expected && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        assertEquals(expected, actual.getAsLong(), what);
    }
}
