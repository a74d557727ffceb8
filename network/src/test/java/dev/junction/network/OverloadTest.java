package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import org.agrona.concurrent.UnsafeBuffer;
import dev.junction.core.pipeline.PipelineConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offered many times what its ring holds, the switch stays sane: memory stays bounded, the requests it takes
 * are answered in a sane time, and every request gets exactly one answer. With ring threads (pipelined) it
 * sheds load at once and visibly: the requests that find the ring full are answered 91 straight away. In
 * the inline layout the event loop that finds the ring full drains it itself, so nothing is shed: the
 * acquirers are held back by --max-in-flight and TCP instead.
 */
@ExtendWith(NettyLeaks.class)
class OverloadTest
{
    private static final int RING_SIZE = 64;
    private static final int MAX_IN_FLIGHT = 32;
    private static final int CONNECTIONS = 16;
    /** Each connection sends this many requests at once, then reads their answers: 8x the ring in total. */
    private static final int WINDOW = MAX_IN_FLIGHT;
    private static final int ROUNDS = 250;
    private static final long LATENCY_91_P99_BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LATENCY_ANSWERED_P99_BOUND_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long HEAP_GROWTH_BOUND_BYTES = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} ring stages")
    @ValueSource(strings = {PipelineConfig.PIPELINED, PipelineConfig.INLINE})
    void severalTimesTheCapacityIsShedOrHeldBackWhileMemoryStaysBoundedAndAnswersStaySane(final String threadLayout)
        throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).ringSize(RING_SIZE).maxInFlightPerConnection(MAX_IN_FLIGHT)
            .maxConnections(CONNECTIONS + 4).idleEchoMillis(0).idleCloseMillis(0).threadLayout(threadLayout).build();
        try (TestSwitch junction = TestSwitch.start(config))
        {
            final List<Acquirer> acquirers = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++)
            {
                acquirers.add(new Acquirer(junction.port(), c));
            }
            for (final Acquirer acquirer : acquirers)
            {
                acquirer.round(0);
            }
            // Round 0's answers are not counted, so neither are its rejections: on the pipelined ring a slot
            // is freed only after its batch's answers are sent, and a round can rarely meet the last one's.
            final long rejectedBeforeRounds = junction.server.counters().ringFullRejects.get();
            final long heapBefore = usedHeapAfterGc();

            final AtomicBoolean running = new AtomicBoolean(true);
            final AtomicReference<String> overBound = new AtomicReference<>();
            final long[] maxQueues = new long[3];
            final Thread sampler = new Thread(() -> sampleQueues(junction, running, overBound, maxQueues), "queues");
            sampler.start();
            final ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            final List<Future<?>> runs = new ArrayList<>();
            final long started = System.nanoTime();
            for (final Acquirer acquirer : acquirers)
            {
                runs.add(pool.submit(() ->
                {
                    for (int round = 1; round <= ROUNDS; round++)
                    {
                        acquirer.round(round);
                    }
                    return null;
                }));
            }
            for (final Future<?> run : runs)
            {
                run.get(5, TimeUnit.MINUTES);
            }
            final double seconds = (System.nanoTime() - started) / 1e9;
            running.set(false);
            sampler.join();
            pool.shutdownNow();
            final long heapAfter = usedHeapAfterGc();

            final long[] shed = merge(acquirers, true);
            final long[] answered = merge(acquirers, false);
            final long requests = (long)CONNECTIONS * WINDOW * ROUNDS;
            System.out.printf("overload: %,d requests in %.1f s over %d connections, %d in flight each, ring %d: " +
                    "%,d shed with 91 (p50 %.2f ms, p99 %.2f ms, max %.2f ms), %,d answered (p50 %.2f ms, p99 %.2f ms, " +
                    "max %.2f ms); heap %+,d bytes; most outbound %,d, inbound %,d bytes, in flight %d%n",
                requests, seconds, CONNECTIONS, WINDOW, RING_SIZE, shed.length, millis(shed, 0.5), millis(shed, 0.99),
                millis(shed, 1.0), answered.length, millis(answered, 0.5), millis(answered, 0.99), millis(answered, 1.0),
                heapAfter - heapBefore, maxQueues[0], maxQueues[1], maxQueues[2]);

            // (4) Every request got exactly one answer (each round checks its own window; here the totals).
            assertEquals(requests, shed.length + answered.length, "one answer per request");
            assertEquals(shed.length, junction.server.counters().ringFullRejects.get() - rejectedBeforeRounds,
                "every 91 is a counted ring-full rejection");
            if (PipelineConfig.INLINE.equals(threadLayout))
            {
                // (1) The event loop made room itself each time it found the ring full.
                assertEquals(0, shed.length, "offered 8x the ring, the inline layout shed nothing");
            }
            else
            {
                // (1) Load was shed, at once and visibly.
                assertTrue(shed.length > 0, "offered 8x the ring, some requests found it full");
                assertTrue(percentile(shed, 0.99) < LATENCY_91_P99_BOUND_NANOS, "91s p99 " + millis(shed, 0.99) + " ms");
            }
            // (2) Memory stayed bounded.
            assertNull(overBound.get(), overBound.get());
            assertTrue(heapAfter - heapBefore < HEAP_GROWTH_BOUND_BYTES,
                "heap grew by " + (heapAfter - heapBefore) + " bytes");
            // (3) What was taken in was answered in a sane time.
            assertTrue(answered.length > 0, "the switch kept answering");
            assertTrue(percentile(answered, 0.99) < LATENCY_ANSWERED_P99_BOUND_NANOS,
                "answered p99 " + millis(answered, 0.99) + " ms");

            for (final Acquirer acquirer : acquirers)
            {
                acquirer.close();
            }
            junction.close();
            assertNull(junction.fatal.get());
        }
    }

    /** Every few milliseconds, each session's queues: outbound bytes, inbound backlog, requests in flight. */
    private static void sampleQueues(final TestSwitch junction, final AtomicBoolean running,
        final AtomicReference<String> overBound, final long[] max)
    {
        final long outboundBound = ServerConfig.DEFAULT_WRITE_BUFFER_HIGH_BYTES +
            AcquirerSession.outboundCapacity(MAX_IN_FLIGHT) + 4096;
        // One read of the socket (at most 64 KiB here) past what a paused session had already taken.
        final long inboundBound = 2 * 65_536 + 4096;
        while (running.get())
        {
            for (final AcquirerSession session : junction.server.sessions().open())
            {
                try
                {
                    final long[] queues = session.channel().eventLoop().submit(() -> new long[] {
                        session.pendingOutboundBytes(), session.inboundBufferedBytes(), session.inFlight()})
                        .get(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 3; i++)
                    {
                        max[i] = Math.max(max[i], queues[i]);
                    }
                    if (queues[0] > outboundBound || queues[1] > inboundBound || queues[2] > MAX_IN_FLIGHT)
                    {
                        overBound.compareAndSet(null, "a session's queues went over their bounds: outbound " +
                            queues[0] + ", inbound " + queues[1] + ", in flight " + queues[2]);
                    }
                }
                catch (final Exception closing)
                {
                    // The session closed between listing and sampling.
                }
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException e)
            {
                return;
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long[] merge(final List<Acquirer> acquirers, final boolean shed)
    {
        return acquirers.stream().flatMapToLong(a -> Arrays.stream(shed ? a.shedNanos() : a.answeredNanos()))
            .sorted().toArray();
    }

    private static long percentile(final long[] sorted, final double quantile)
    {
        return sorted.length == 0 ? 0 : sorted[(int)Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
    }

    private static double millis(final long[] sorted, final double quantile)
    {
        return percentile(sorted, quantile) / 1e6;
    }

    /**
     * One acquirer connection sending its window of purchases at once and reading exactly their answers,
     * each matched to its request by STAN; latency from the window's write to the answer's arrival.
     */
    private static final class Acquirer implements AutoCloseable
    {
        private final int index;
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final IsoMessage view = new IsoMessage();
        private final UnsafeBuffer viewBuffer = new UnsafeBuffer(new byte[0]);
        private final byte[] window;
        private final int[] stanOffsets = new int[WINDOW];
        private final long[] shed = new long[WINDOW * (ROUNDS + 1)];
        private final long[] answered = new long[WINDOW * (ROUNDS + 1)];
        private int shedCount;
        private int answeredCount;

        Acquirer(final int port, final int index) throws Exception
        {
            this.index = index;
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 65_536));
            out = socket.getOutputStream();
            final byte[] body = RawClient.pack(TestSwitch.request("0200", TestSwitch.RICH, 1, 0));
            final IsoMessage decoded = new IsoMessage();
            decoded.wrap(new UnsafeBuffer(body), 0, body.length);
            final int stanOffset = decoded.valueOffset(IsoFields.STAN);
            window = new byte[WINDOW * (2 + body.length)];
            for (int i = 0; i < WINDOW; i++)
            {
                final int at = i * (2 + body.length);
                window[at] = (byte)(body.length >>> 8);
                window[at + 1] = (byte)body.length;
                System.arraycopy(body, 0, window, at + 2, body.length);
                stanOffsets[i] = at + 2 + stanOffset;
            }
        }

        /** Sends a window of requests with STANs unique on this connection and checks one answer for each. */
        void round(final int round) throws IOException
        {
            for (int i = 0; i < WINDOW; i++)
            {
                putBcd(stanOffsets[i], round * WINDOW + i + 1);
            }
            final long sentNanos = System.nanoTime();
            out.write(window);
            out.flush();
            final BitSet answeredInRound = new BitSet(WINDOW);
            for (int i = 0; i < WINDOW; i++)
            {
                final byte[] answer = new byte[in.readUnsignedShort()];
                in.readFully(answer);
                final long latency = System.nanoTime() - sentNanos;
                viewBuffer.wrap(answer);
                assertEquals(IsoDecodeStatus.OK, view.wrap(viewBuffer, 0, answer.length));
                assertEquals(210, view.mti(), "connection " + index);
                final int slot = (int)view.numeric(IsoFields.STAN) - round * WINDOW - 1;
                assertTrue(slot >= 0 && slot < WINDOW && !answeredInRound.get(slot),
                    "connection " + index + ": an answer for STAN " + view.numeric(IsoFields.STAN) +
                        ", which is not one of this round's or was answered already");
                answeredInRound.set(slot);
                final String code = new String(new byte[] {(byte)view.charAt(IsoFields.RESPONSE_CODE, 0),
                    (byte)view.charAt(IsoFields.RESPONSE_CODE, 1)});
                if (round == 0)
                {
                    continue;
                }
                if (code.equals("91"))
                {
                    shed[shedCount++] = latency;
                }
                else
                {
                    assertEquals("00", code, "connection " + index + ", STAN " + view.numeric(IsoFields.STAN));
                    answered[answeredCount++] = latency;
                }
            }
        }

        long[] shedNanos()
        {
            return Arrays.copyOf(shed, shedCount);
        }

        long[] answeredNanos()
        {
            return Arrays.copyOf(answered, answeredCount);
        }

        private void putBcd(final int offset, final int value)
        {
            // Field 11: six digits in three BCD bytes.
            window[offset] = (byte)(((value / 100_000 % 10) << 4) | (value / 10_000 % 10));
            window[offset + 1] = (byte)(((value / 1_000 % 10) << 4) | (value / 100 % 10));
            window[offset + 2] = (byte)(((value / 10 % 10) << 4) | (value % 10));
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }
    }
}
