package dev.junction.network;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.jpos.iso.ISOMsg;

/**
 * An acquirer that keeps up to {@code window} requests in flight on one plain socket until the switch
 * goes away: one thread writes, one reads, and answers are matched by STAN. It remembers every request
 * it began to write (a request cut off mid-write may still have reached the switch) and every answer.
 */
final class StreamingAcquirer
{
    /** A request as sent: its STAN and exact bytes, kept to resend it byte for byte. */
    record Request(int stan, String mti, int card, long amountMinor, byte[] bytes)
    {
    }

    /** The parts of an answer a test checks. */
    record Answer(String code, String authorizationId)
    {
        static Answer of(final ISOMsg message)
        {
            return new Answer(message.getString(39), message.hasField(38) ? message.getString(38) : "");
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Semaphore window;
    private final AtomicInteger answeredEverywhere;
    private final List<Request> attempted = new ArrayList<>();
    private final Map<Integer, Answer> answers = new ConcurrentHashMap<>();
    private final Thread writer;
    private final Thread reader;
    private volatile boolean closed;

    /**
     * Connects and starts streaming {@code count} requests made by {@code requests} (given 0, 1, ...).
     *
     * @param answeredEverywhere counts answers across all acquirers, so a test can pick its moment.
     */
    StreamingAcquirer(final int port, final int window, final int count, final IntFunction<Request> requests,
        final AtomicInteger answeredEverywhere) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        this.window = new Semaphore(window);
        this.answeredEverywhere = answeredEverywhere;
        writer = new Thread(() -> write(count, requests), "acquirer-writer");
        reader = new Thread(this::read, "acquirer-reader");
        reader.start();
        writer.start();
    }

    /** Waits for both threads to end (they end when the switch is gone, or all is sent and answered). */
    void await() throws InterruptedException
    {
        writer.join(30_000);
        reader.join(30_000);
        if (writer.isAlive() || reader.isAlive())
        {
            throw new IllegalStateException("an acquirer thread did not end");
        }
    }

    /** @return every request this acquirer began to send, in order; call after {@link #await()}. */
    List<Request> attempted()
    {
        synchronized (attempted)
        {
            return List.copyOf(attempted);
        }
    }

    /** @return the answers received by STAN; call after {@link #await()}. */
    Map<Integer, Answer> answers()
    {
        return Map.copyOf(answers);
    }

    private void write(final int count, final IntFunction<Request> requests)
    {
        try
        {
            for (int i = 0; i < count && !closed; i++)
            {
                if (!window.tryAcquire(10, TimeUnit.SECONDS))
                {
                    return;
                }
                final Request request = requests.apply(i);
                synchronized (attempted)
                {
                    attempted.add(request);
                }
                final byte[] frame = new byte[2 + request.bytes().length];
                frame[0] = (byte)(request.bytes().length >>> 8);
                frame[1] = (byte)request.bytes().length;
                System.arraycopy(request.bytes(), 0, frame, 2, request.bytes().length);
                out.write(frame);
                out.flush();
            }
        }
        catch (final IOException | InterruptedException gone)
        {
            // The switch was killed: what was attempted is what the test resends.
        }
    }

    private void read()
    {
        try
        {
            while (true)
            {
                final byte[] body = new byte[in.readUnsignedShort()];
                in.readFully(body);
                final ISOMsg answer = RawClient.unpack(body);
                answers.put(Integer.parseInt(answer.getString(11)), Answer.of(answer));
                answeredEverywhere.incrementAndGet();
                window.release();
                if (writer.getState() == Thread.State.TERMINATED && answers.size() == attemptedCount())
                {
                    break;
                }
            }
        }
        catch (final IOException | org.jpos.iso.ISOException gone)
        {
            // The switch closed the connection or was killed.
        }
        finally
        {
            closed = true;
            window.release(1_000_000);
            try
            {
                socket.close();
            }
            catch (final IOException ignored)
            {
                // Closing a socket that is already gone.
            }
        }
    }

    private int attemptedCount()
    {
        synchronized (attempted)
        {
            return attempted.size();
        }
    }
}
