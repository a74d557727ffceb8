package dev.junction.benchmarks.load;

import dev.junction.network.traffic.RequestEncoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One TCP connection to the switch as the load thread sees it: the non-blocking channel, its reused
 * direct input and output buffers (frames are a 2-byte big-endian length and the message, no
 * header), the requests awaiting answers, and where it is in its share of the open-loop schedule.
 * Nothing allocates after construction. Used by the load thread only.
 */
final class Connection
{
    /** The largest request the generator writes, with room to spare (an 0400 is about 110 bytes). */
    static final int MAX_REQUEST_BYTES = 256;
    private static final int LENGTH_PREFIX_BYTES = 2;
    /** Any frame the 2-byte length can announce fits, with room for a partial one behind it. */
    private static final int INPUT_BYTES = 2 * (LENGTH_PREFIX_BYTES + 65_535);

    final int index;
    final SocketChannel channel;
    /** The connection's TLS, or null on a plaintext port. */
    private final TlsStream tls;
    final InFlightTable inFlight;
    /** Where the input bytes are read as ISO 8583 messages. */
    final UnsafeBuffer inputView;

    private final ByteBuffer input;
    private final ByteBuffer output;
    private final UnsafeBuffer outputView;

    /** Requests of this connection's share of the open-loop schedule sent so far. */
    long scheduledSent;
    /** The schedule index up to which late requests have been counted as backlogged. */
    long backlogCountedTo;
    /** How many requests of the schedule fall to this connection. */
    long scheduledTotal;
    /** The STAN of the last authorization sent, which the next reversal reverses (0: none yet). */
    int lastAuthStan;
    /** The PAN of that authorization. */
    long lastAuthPan;
    /** Its field 7. */
    long lastAuthTransmission;
    /** Field 41 of this connection's requests: each connection is a terminal of its own. */
    final byte[] terminalId;
    boolean open = true;
    /** How far apart in the STAN range two neighbouring connections start. */
    static final int STAN_STRIDE = 100_003;

    Connection(final int index, final SocketChannel channel, final int inFlightCapacity, final long runEpochSecond)
    {
        this(index, channel, null, inFlightCapacity, runEpochSecond);
    }

    /** @param tls the connection's TLS, its handshake done, or null for plaintext. */
    Connection(final int index, final SocketChannel channel, final TlsStream tls, final int inFlightCapacity,
        final long runEpochSecond)
    {
        this.index = index;
        this.channel = channel;
        this.tls = tls;
        // Connections share the acquirer id, so each walks its own part of the STAN range (see InFlightTable).
        this.inFlight = new InFlightTable(inFlightCapacity, index * STAN_STRIDE);
        this.terminalId = RequestEncoder.terminalId(runEpochSecond, index);
        this.input = ByteBuffer.allocateDirect(INPUT_BYTES);
        this.inputView = new UnsafeBuffer(input);
        final int outputBytes = Math.max(64 * 1024, inFlightCapacity * (LENGTH_PREFIX_BYTES + MAX_REQUEST_BYTES));
        this.output = ByteBuffer.allocateDirect(outputBytes);
        this.outputView = new UnsafeBuffer(output);
    }

    /** @return true when a request can be sent now: a STAN is free and the output buffer has room. */
    boolean canSend()
    {
        return open && !inFlight.isFull() && output.remaining() >= LENGTH_PREFIX_BYTES + MAX_REQUEST_BYTES;
    }

    /** @return the output buffer, for the encoder to write a message at {@link #messageOffset()}. */
    UnsafeBuffer outputView()
    {
        return outputView;
    }

    /** @return where the next message goes in {@link #outputView()}: after its length prefix. */
    int messageOffset()
    {
        return output.position() + LENGTH_PREFIX_BYTES;
    }

    /** Frames the message just written at {@link #messageOffset()}: it leaves with the next flush. */
    void commitMessage(final int length)
    {
        final int frameStart = output.position();
        outputView.putShort(frameStart, (short)length, ByteOrder.BIG_ENDIAN);
        output.position(frameStart + LENGTH_PREFIX_BYTES + length);
    }

    /** @return true when bytes wait to be written. */
    boolean hasPendingOutput()
    {
        return output.position() > 0 || (tls != null && tls.hasPendingOutput());
    }

    /** @return bytes written into the output buffer that the socket has not taken yet. */
    int pendingOutputBytes()
    {
        return output.position();
    }

    /** Writes what the socket takes now; the rest waits for the next call. */
    void flush() throws IOException
    {
        if (!hasPendingOutput())
        {
            return;
        }
        output.flip();
        if (tls == null)
        {
            channel.write(output);
        }
        else
        {
            tls.write(output);
        }
        output.compact();
    }

    /**
     * Reads what has arrived and hands each complete frame to {@code frames}; keeps a partial frame
     * for the next read. A zero-length frame is a keep-alive and is skipped.
     *
     * @return false when the peer closed the connection.
     */
    boolean read(final FrameHandler frames) throws IOException
    {
        if (tls == null)
        {
            if (channel.read(input) < 0)
            {
                return false;
            }
            takeFrames(frames);
            return true;
        }
        boolean fromSocket = true;
        do
        {
            // Decrypted input may fill the buffer before all the ciphertext read is decrypted: take the frames
            // and decrypt the rest, which no selector wake-up would announce.
            if (!tls.read(input, fromSocket))
            {
                return false;
            }
            fromSocket = false;
        }
        while (takeFrames(frames) && tls.hasBufferedInput());
        return true;
    }

    /** Hands each complete frame in the input buffer to {@code frames}. @return whether any was taken. */
    private boolean takeFrames(final FrameHandler frames)
    {
        final int limit = input.position();
        int position = 0;
        while (limit - position >= LENGTH_PREFIX_BYTES)
        {
            final int length = inputView.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (limit - position - LENGTH_PREFIX_BYTES < length)
            {
                break;
            }
            if (length > 0)
            {
                frames.onFrame(this, position + LENGTH_PREFIX_BYTES, length);
            }
            position += LENGTH_PREFIX_BYTES + length;
        }
        if (position > 0)
        {
            input.limit(limit).position(position);
            input.compact();
        }
        return position > 0;
    }

    void close()
    {
        open = false;
        try
        {
            channel.close();
        }
        catch (final IOException e)
        {
            // Closing a socket we are done with: nothing is lost if it fails.
        }
    }

    /** Receives each complete answer frame, as a span of {@link Connection#inputView}. */
    interface FrameHandler
    {
        void onFrame(Connection connection, int offset, int length);
    }
}
