package dev.junction.benchmarks.load;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * One connection's TLS between the load thread's plaintext buffers and its socket: the handshake is done
 * blocking at connect time; afterwards {@link #write} encrypts what the connection framed and {@link #read}
 * decrypts what arrived, both non-blocking and on reused direct buffers. The JDK's {@link SSLEngine} itself
 * allocates a little per record (its result objects), which the load report's allocation figure shows.
 */
final class TlsStream
{
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final SocketChannel channel;
    /** Ciphertext waiting for the socket, in write mode. */
    private final ByteBuffer netOut;
    /** Ciphertext read from the socket and not yet decrypted, in write mode. */
    private final ByteBuffer netIn;

    TlsStream(final SSLEngine engine, final SocketChannel channel)
    {
        this.engine = engine;
        this.channel = channel;
        final int packet = engine.getSession().getPacketBufferSize();
        this.netOut = ByteBuffer.allocateDirect(4 * packet);
        this.netIn = ByteBuffer.allocateDirect(4 * packet);
    }

    /** Runs the whole handshake on the still-blocking channel. */
    void handshake() throws IOException
    {
        // The switch sends no application data before a request; room for a record all the same.
        final ByteBuffer plainIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        while (status != SSLEngineResult.HandshakeStatus.FINISHED &&
            status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING)
        {
            switch (status)
            {
                case NEED_WRAP:
                    status = engine.wrap(EMPTY, netOut).getHandshakeStatus();
                    writeAllBlocking();
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    netIn.flip();
                    final SSLEngineResult result = engine.unwrap(netIn, plainIn);
                    netIn.compact();
                    status = result.getHandshakeStatus();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && channel.read(netIn) < 0)
                    {
                        throw new EOFException("the switch closed the connection during the TLS handshake");
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED)
                    {
                        throw new SSLException("the switch refused the TLS handshake");
                    }
                    break;
                case NEED_TASK:
                    runTasks();
                    status = engine.getHandshakeStatus();
                    break;
                default:
                    throw new SSLException("unexpected TLS handshake state " + status);
            }
        }
    }

    /** @return the negotiated protocol and cipher suite, e.g. {@code TLSv1.3 TLS_AES_256_GCM_SHA384}. */
    String describe()
    {
        return engine.getSession().getProtocol() + " " + engine.getSession().getCipherSuite();
    }

    /** Encrypts as much of {@code plain} (read mode) as fits and writes what the socket takes. */
    void write(final ByteBuffer plain) throws IOException
    {
        while (plain.hasRemaining())
        {
            final SSLEngineResult result = engine.wrap(plain, netOut);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED)
            {
                throw new SSLException("the TLS session is closed");
            }
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW || result.bytesConsumed() == 0)
            {
                break;
            }
        }
        flushNet();
    }

    /** @return true when encrypted bytes still wait for the socket. */
    boolean hasPendingOutput()
    {
        return netOut.position() > 0;
    }

    /** @return true when ciphertext already read waits to be decrypted (the plaintext buffer was full). */
    boolean hasBufferedInput()
    {
        return netIn.position() > 0;
    }

    /**
     * Reads what arrived (when {@code fromSocket}) and decrypts what it can into {@code plainIn} (write mode),
     * as far as that has room.
     *
     * @return false when the peer closed the connection or the TLS session.
     */
    boolean read(final ByteBuffer plainIn, final boolean fromSocket) throws IOException
    {
        final int read = fromSocket && netIn.hasRemaining() ? channel.read(netIn) : 0;
        netIn.flip();
        boolean open = read >= 0;
        while (netIn.hasRemaining())
        {
            final SSLEngineResult result = engine.unwrap(netIn, plainIn);
            if (result.getStatus() == SSLEngineResult.Status.CLOSED)
            {
                open = false;
                break;
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK)
            {
                runTasks();
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP)
            {
                // A post-handshake message asks for an answer (a key update): send it with the next flush.
                engine.wrap(EMPTY, netOut);
            }
            if (result.getStatus() != SSLEngineResult.Status.OK ||
                (result.bytesConsumed() == 0 && result.bytesProduced() == 0))
            {
                break;
            }
        }
        netIn.compact();
        return open;
    }

    private void flushNet() throws IOException
    {
        netOut.flip();
        channel.write(netOut);
        netOut.compact();
    }

    private void writeAllBlocking() throws IOException
    {
        netOut.flip();
        while (netOut.hasRemaining())
        {
            channel.write(netOut);
        }
        netOut.compact();
    }

    private void runTasks()
    {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null)
        {
            task.run();
        }
    }
}
