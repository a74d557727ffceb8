package dev.junction.benchmarks.load;

import dev.junction.network.traffic.DemoCards;
import dev.junction.network.traffic.RequestEncoder;
import dev.junction.network.traffic.RequestKind;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.network.MessageMac;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Drives a switch over TCP like a crowd of acquirers and measures it honestly. One load thread owns
 * every connection through one selector: it sends requests on schedule, reads and checks every
 * answer, and records latencies; the calling thread prints the live line each second.
 *
 * <p><b>Coordinated omission.</b> In open loop, request {@code i} is due at {@code start + i / rate},
 * whatever happens to earlier ones, and its latency runs from that intended time to its answer. When
 * a connection already has {@code --in-flight} requests outstanding, a due request waits (it is
 * counted as backlogged) and is sent as soon as an answer frees a STAN, still timed from when it was
 * due: a stalled switch shows as the stall's length in the percentiles instead of being hidden by a
 * generator that politely waited. In saturating mode there is no schedule; each connection keeps
 * {@code --in-flight} requests outstanding and latency runs from the actual send (closed loop: use
 * it for throughput, the open loop for latency).
 *
 * <p><b>Checks.</b> Every answer is decoded; its STAN must be outstanding on its connection and its
 * MTI must pair with the request's (0100→0110, 0200→0210, 0400→0410, 0800→0810; equal with
 * {@code expectEcho}); answers that fail are counted as unmatched or malformed. Requests still
 * unanswered a grace period after the run are counted as missing.
 *
 * <p><b>Allocation.</b> After connecting, the load thread allocates nothing per request or answer:
 * requests are encoded into reused direct buffers, answers decoded by a flyweight, counters are
 * primitives. It measures its own allocation over the run and reports it.
 */
public final class LoadGenerator
{
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A wait longer than this until the next due request blocks in the selector; shorter ones spin. */
    private static final long BLOCK_THRESHOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Saturating mode with every connection full: block until an answer arrives, at most this long. */
    private static final long SATURATED_BLOCK_MILLIS = 10;
    private static final double NANOS_PER_SECOND = 1e9;
    /** The largest frame the 2-byte length can announce. */
    private static final int MAX_ANSWER_BYTES = 65_535;
    private static final int SIGN_ON_STAN = 999_999;
    private static final long SIGN_ON_TIMEOUT_MILLIS = 10_000;

    private final LoadConfig config;
    private final LoadTls tls;
    private final PrintStream live;
    private final LoadCounters counters = new LoadCounters();
    private final LatencyHistograms latencies = new LatencyHistograms();
    private final ResponseCodeCounts codes = new ResponseCodeCounts();
    private final IsoMessage answer = new IsoMessage();
    private final RequestEncoder encoder;
    /** With a MAC key: MACs each request and checks each answer; null without one. */
    private final MessageMac mac;
    /** Where a request is sealed and an answer checked when MACs are on (MessageMac works on arrays). */
    private final byte[] macScratch;
    private final UnsafeBuffer macView;
    private final DemoCards cards;
    private final SplittableRandom random;
    private final Connection.FrameHandler onAnswer = this::onAnswer;
    private final Consumer<SelectionKey> onReadable = this::onReadable;

    private Connection[] connections;
    private static final long RRN_BLOCK = 100_000_000L;
    private static final long RRN_RUN_BLOCKS = 10_000L;

    private Selector selector;
    private long startNanos;
    private long warmupEndNanos;
    private long endNanos;
    /**
     * The last RRN (field 37) sent. A run starts at its own block of 10^8 (the run's second modulo 10^4), so that
     * a refund, which names its original by RRN, never names a request of an earlier run against the same switch.
     */
    private long nextRrn;
    private long sentInWindow;
    private long answeredInWindow;
    private long steadyAllocatedBytes = -1;
    private long steadyOperations;
    private volatile String phase = "warmup";
    private volatile IOException failure;

    /**
     * @param live where the line of each second goes (stdout for the CLI); the final report is
     *             {@link LoadResult#print}'s.
     */
    public LoadGenerator(final LoadConfig config, final PrintStream live)
    {
        this(config, null, live);
    }

    /**
     * @param tls the client side of TLS to speak on every connection, or null for plaintext. The handshakes
     *            are made while connecting, before the run's clock starts.
     */
    public LoadGenerator(final LoadConfig config, final LoadTls tls, final PrintStream live)
    {
        this.config = config;
        this.tls = tls;
        this.live = live;
        this.cards = new DemoCards(config.cardCount(), config.includeDeclines());
        this.random = new SplittableRandom(config.seed());
        this.encoder = new RequestEncoder(config.acquirer().fieldThirtyTwo());
        this.mac = config.acquirer().newMessageMac();
        this.macScratch = new byte[mac == null ? 0 : MAX_ANSWER_BYTES];
        this.macView = new UnsafeBuffer(macScratch);
    }

    /**
     * Connects every connection, runs the warm-up, the measured run and the grace period, and returns
     * what happened.
     *
     * @throws IOException when a connection cannot be made (the message names the address), or the
     *                     selector fails.
     */
    public LoadResult run() throws IOException, InterruptedException
    {
        connect();
        startNanos = System.nanoTime();
        warmupEndNanos = startNanos + config.warmupNanos();
        endNanos = warmupEndNanos + config.durationNanos();
        if (config.warmupNanos() == 0)
        {
            phase = "run";
        }
        schedule();
        final Thread loadThread = new Thread(this::loadLoop, "junction-load");
        loadThread.setDaemon(true);
        loadThread.start();
        reportEachSecond(loadThread);
        loadThread.join();
        if (failure != null)
        {
            throw failure;
        }
        return result();
    }

    private void connect() throws IOException
    {
        selector = Selector.open();
        connections = new Connection[config.connections()];
        final InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        try
        {
            final long runEpochSecond = System.currentTimeMillis() / 1000;
            nextRrn = Math.floorMod(runEpochSecond, RRN_RUN_BLOCKS) * RRN_BLOCK;
            for (int i = 0; i < connections.length; i++)
            {
                final SocketChannel channel = SocketChannel.open();
                TlsStream stream = null;
                try
                {
                    channel.connect(address);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    if (tls != null)
                    {
                        stream = new TlsStream(tls.newEngine(config.host(), config.port()), channel);
                        stream.handshake();
                        if (i == 0)
                        {
                            live.printf("TLS: %s%n", stream.describe());
                        }
                    }
                    channel.configureBlocking(false);
                    if (config.acquirer().signsOn())
                    {
                        signOn(channel, stream, i);
                    }
                }
                catch (final IOException e)
                {
                    channel.close();
                    throw e;
                }
                connections[i] = new Connection(i, channel, stream, config.inFlightPerConnection(), runEpochSecond);
                channel.register(selector, SelectionKey.OP_READ, connections[i]);
            }
        }
        catch (final IOException e)
        {
            closeAll();
            throw new IOException("cannot connect to " + config.host() + ":" + config.port() + ": " +
                (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * Signs one connection on (0800, 70=001, field 32 the institution; with its MAC when a key is given) and
     * waits for the 0810: anything but a 00 whose MAC verifies stops the run before any traffic. Over TLS
     * ({@code stream} not null) it goes through the connection's TLS like everything after it.
     */
    private void signOn(final SocketChannel channel, final TlsStream stream, final int index) throws IOException
    {
        final String institution = config.acquirer().institutionId();
        encoder.clock(System.currentTimeMillis());
        final byte[] frame = new byte[2 + Connection.MAX_REQUEST_BYTES];
        final UnsafeBuffer frameView = new UnsafeBuffer(frame);
        final int plain = encoder.encodeSignOn(frameView, 2, SIGN_ON_STAN);
        final int length = mac == null ? plain : mac.seal(frame, 2, plain);
        frameView.putShort(0, (short)length, java.nio.ByteOrder.BIG_ENDIAN);
        final ByteBuffer out = ByteBuffer.wrap(frame, 0, 2 + length);
        final ByteBuffer in = ByteBuffer.allocate(2 + MAX_ANSWER_BYTES);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SIGN_ON_TIMEOUT_MILLIS);
        try (Selector one = Selector.open())
        {
            channel.register(one, SelectionKey.OP_READ);
            while (in.position() < 2 || in.position() < 2 + (in.getShort(0) & 0xFFFF))
            {
                final boolean unsent = out.hasRemaining() || (stream != null && stream.hasPendingOutput());
                if (unsent && stream == null)
                {
                    channel.write(out);
                }
                else if (unsent)
                {
                    stream.write(out);
                }
                final long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (leftMillis <= 0)
                {
                    throw new IOException("connection " + index + ": no answer to the sign-on as institution " + institution +
                        " within " + SIGN_ON_TIMEOUT_MILLIS + " ms");
                }
                one.select(out.hasRemaining() ? 1 : leftMillis);
                if (stream == null ? channel.read(in) < 0 : !stream.read(in, true))
                {
                    throw new IOException("connection " + index + ": the switch closed the connection at the sign-on as " +
                        "institution " + institution);
                }
            }
        }
        final int answerLength = in.getShort(0) & 0xFFFF;
        final IsoMessage signedOn = new IsoMessage();
        if (signedOn.wrap(new UnsafeBuffer(in.array()), 2, answerLength) != IsoDecodeStatus.OK ||
            !signedOn.has(IsoFields.RESPONSE_CODE))
        {
            throw new IOException("connection " + index + ": the answer to the sign-on did not decode");
        }
        final String code = "" + (char)signedOn.charAt(IsoFields.RESPONSE_CODE, 0) +
            (char)signedOn.charAt(IsoFields.RESPONSE_CODE, 1);
        if (!code.equals("00"))
        {
            throw new IOException("connection " + index + ": the sign-on as institution " + institution + " was answered " +
                code + (code.equals("63") ? " (not configured, not allowed from this address, or a bad MAC)" : ""));
        }
        if (mac != null && mac.verify(in.array(), 2, answerLength) != MessageMac.VERIFIED)
        {
            throw new IOException("connection " + index + ": the answer to the sign-on has no MAC or a bad one");
        }
    }

    /** Deals the open-loop schedule's requests out to the connections, round robin. */
    private void schedule()
    {
        if (config.isSaturating())
        {
            return;
        }
        final long total = (long)((double)(endNanos - startNanos) * config.ratePerSecond() / NANOS_PER_SECOND);
        final int n = connections.length;
        for (final Connection connection : connections)
        {
            connection.scheduledTotal = total > connection.index ? (total - connection.index + n - 1) / n : 0;
        }
    }

    private void loadLoop()
    {
        final AllocationMeter allocation = AllocationMeter.forCurrentThread();
        try
        {
            // The warm-up and the measured run are two calls of one loop, not one loop with a branch for the
            // phase: the loop the JIT compiled during the warm-up runs on unchanged (see inWindow).
            if (runUntil(warmupEndNanos) < endNanos)
            {
                phase = "run";
                final long allocatedAtWarmupEnd = allocation.bytes();
                final long operationsAtWarmupEnd = counters.sent() + counters.answered();
                runUntil(endNanos);
                if (allocatedAtWarmupEnd >= 0)
                {
                    steadyAllocatedBytes = allocation.bytes() - allocatedAtWarmupEnd;
                    steadyOperations = counters.sent() + counters.answered() - operationsAtWarmupEnd;
                }
            }
            phase = "grace";
            drain();
            describeUnanswered();
        }
        catch (final IOException e)
        {
            failure = e;
        }
        finally
        {
            phase = "done";
            closeAll();
        }
    }

    /**
     * Runs {@link #step} until {@code deadlineNanos}. The work is in {@code step}, compiled as a method of its
     * own: when this loop ends (the JIT had never seen it end, and drops its compiled form then) only this
     * loop of a few instructions is interpreted for a moment, not the load thread's work.
     *
     * @return the time it ended.
     */
    private long runUntil(final long deadlineNanos) throws IOException
    {
        long now = System.nanoTime();
        while (now < deadlineNanos)
        {
            now = step();
        }
        return now;
    }

    /** Reads, sends what is due (or fills every connection), writes, then spins or blocks briefly; @return the time after. */
    private long step() throws IOException
    {
        selector.selectNow(onReadable);
        encoder.clock(System.currentTimeMillis());
        final long nextDueNanos = config.isSaturating() ? fillEveryConnection() : sendDue(System.nanoTime());
        flushAll();
        idle(nextDueNanos);
        return System.nanoTime();
    }

    /**
     * After the run: in open loop, sends the requests still backlogged (they were due before the end),
     * and waits for the answers outstanding, until all came or the grace period is over.
     */
    private void drain() throws IOException
    {
        final long graceEndNanos = endNanos + config.graceNanos();
        long now = System.nanoTime();
        while (now < graceEndNanos)
        {
            selector.selectNow(onReadable);
            encoder.clock(System.currentTimeMillis());
            now = System.nanoTime();
            if (!config.isSaturating())
            {
                sendDue(now);
            }
            flushAll();
            if (outstanding() == 0 && unsent() == 0)
            {
                return;
            }
            if (!anyPendingOutput())
            {
                selector.select(onReadable, 1);
            }
            now = System.nanoTime();
        }
    }

    /** Names, per connection, the requests still unanswered after the grace period: evidence for a bug report. */
    private void describeUnanswered()
    {
        for (final Connection connection : connections)
        {
            if (connection.inFlight.outstanding() > 0)
            {
                live.printf("connection %d: %d requests never answered (%s%s); %s, %,d request bytes never taken by the socket%n",
                    connection.index, connection.inFlight.outstanding(), connection.inFlight.describeOutstanding(5),
                    connection.inFlight.outstanding() > 5 ? ", ..." : "", connection.open ? "open" : "closed by the peer",
                    connection.pendingOutputBytes());
            }
        }
    }

    /**
     * Sends every open-loop request that is due, on its connection, as far as the in-flight limit
     * allows; counts the ones that must wait as backlogged, once each.
     *
     * @return when the next request falls due, for {@link #idle}.
     */
    private long sendDue(final long now)
    {
        final int n = connections.length;
        final long rate = config.ratePerSecond();
        final long lastDueIndex = (long)((double)(now - startNanos) * rate / NANOS_PER_SECOND);
        long nextDueNanos = Long.MAX_VALUE;
        for (final Connection connection : connections)
        {
            if (!connection.open)
            {
                continue;
            }
            final long due = lastDueIndex < connection.index ? 0 :
                Math.min((lastDueIndex - connection.index) / n + 1, connection.scheduledTotal);
            while (connection.scheduledSent < due && connection.canSend())
            {
                send(connection, intendedNanos(connection.index + connection.scheduledSent * n), now);
                connection.scheduledSent++;
            }
            if (connection.scheduledSent < due && due > connection.backlogCountedTo)
            {
                counters.onBacklogged(due - Math.max(connection.scheduledSent, connection.backlogCountedTo));
                connection.backlogCountedTo = due;
            }
            if (connection.scheduledSent < connection.scheduledTotal && connection.canSend())
            {
                nextDueNanos = Math.min(nextDueNanos, intendedNanos(connection.index + connection.scheduledSent * n));
            }
        }
        return nextDueNanos;
    }

    private long intendedNanos(final long scheduleIndex)
    {
        return startNanos + (long)(scheduleIndex * NANOS_PER_SECOND / config.ratePerSecond());
    }

    /**
     * Saturating mode: tops every connection up to its in-flight limit; latency from the send itself.
     *
     * @return {@link Long#MAX_VALUE}: nothing is due until an answer frees a STAN.
     */
    private long fillEveryConnection()
    {
        for (final Connection connection : connections)
        {
            while (connection.canSend())
            {
                final long now = System.nanoTime();
                send(connection, now, now);
            }
        }
        return Long.MAX_VALUE;
    }

    private void send(final Connection connection, final long intendedNanos, final long now)
    {
        final RequestKind kind = config.mix().draw(random);
        final long pan = kind == RequestKind.REVERSAL && connection.lastAuthStan != 0 ?
            connection.lastAuthPan : cards.drawPan(random);
        final int stan = connection.inFlight.acquire(intendedNanos, kind);
        final int length;
        if (mac == null)
        {
            length = encoder.encode(kind, connection.outputView(), connection.messageOffset(), stan, pan,
                config.amountMinor(), ++nextRrn, connection.terminalId, connection.lastAuthStan,
                connection.lastAuthTransmission);
        }
        else
        {
            final int plain = encoder.encode(kind, macView, 0, stan, pan, config.amountMinor(), ++nextRrn,
                connection.terminalId, connection.lastAuthStan, connection.lastAuthTransmission);
            length = mac.seal(macScratch, 0, plain);
            connection.outputView().putBytes(connection.messageOffset(), macScratch, 0, length);
        }
        connection.commitMessage(length);
        if (kind == RequestKind.AUTH)
        {
            connection.lastAuthStan = stan;
            connection.lastAuthPan = pan;
            connection.lastAuthTransmission = encoder.transmissionDateTime();
        }
        counters.onSent();
        sentInWindow += inWindow(now);
    }

    /**
     * @return 1 when {@code nanos} is in the measured window, else 0, without a branch: a branch first taken
     * when the warm-up ends would make the JIT throw away the load thread's compiled loop at that moment
     * (an untaken branch is compiled as a trap), and the load thread would send late, in the interpreter,
     * for the first instants of the measured run: latency the generator made, charged to the server.
     */
    private long inWindow(final long nanos)
    {
        return (~(nanos - warmupEndNanos) & (nanos - endNanos)) >>> 63;
    }

    private void flushAll()
    {
        for (final Connection connection : connections)
        {
            if (connection.open && connection.hasPendingOutput())
            {
                try
                {
                    connection.flush();
                }
                catch (final IOException e)
                {
                    lose(connection);
                }
            }
        }
    }

    /** Spins while the next send is near or bytes wait to be written; otherwise blocks until it is due or an answer comes. */
    private void idle(final long nextDueNanos) throws IOException
    {
        if (anyPendingOutput())
        {
            Thread.onSpinWait();
            return;
        }
        final long waitNanos = nextDueNanos == Long.MAX_VALUE ?
            TimeUnit.MILLISECONDS.toNanos(SATURATED_BLOCK_MILLIS) : nextDueNanos - System.nanoTime();
        final long untilEndNanos = endNanos - System.nanoTime();
        final long blockNanos = Math.min(waitNanos, untilEndNanos);
        if (blockNanos >= BLOCK_THRESHOLD_NANOS || (nextDueNanos == Long.MAX_VALUE && blockNanos > 0))
        {
            selector.select(onReadable, Math.max(1, TimeUnit.NANOSECONDS.toMillis(blockNanos) - 1));
        }
        else
        {
            Thread.onSpinWait();
        }
    }

    private void onReadable(final SelectionKey key)
    {
        final Connection connection = (Connection)key.attachment();
        try
        {
            if (!connection.read(onAnswer))
            {
                lose(connection);
            }
        }
        catch (final IOException e)
        {
            lose(connection);
        }
    }

    /** Checks one answer and, when it matches an outstanding request, records its latency and code. */
    private void onAnswer(final Connection connection, final int offset, final int length)
    {
        final long now = System.nanoTime();
        if (mac != null)
        {
            connection.inputView.getBytes(offset, macScratch, 0, length);
            if (mac.verify(macScratch, 0, length) != MessageMac.VERIFIED)
            {
                counters.onMalformed();
                return;
            }
        }
        if (answer.wrap(connection.inputView, offset, length) != IsoDecodeStatus.OK || !answer.has(IsoFields.STAN))
        {
            counters.onMalformed();
            return;
        }
        final int slot = connection.inFlight.slotOf(answer.numeric(IsoFields.STAN));
        if (slot < 0)
        {
            counters.onUnmatched();
            return;
        }
        final RequestKind kind = connection.inFlight.kind(slot);
        if (answer.mti() != (config.expectEcho() ? kind.mti() : kind.answerMti()))
        {
            counters.onUnmatched();
            return;
        }
        final long intendedNanos = connection.inFlight.intendedNanos(slot);
        connection.inFlight.release(slot);
        if (answer.has(IsoFields.RESPONSE_CODE))
        {
            codes.record(kind, answer.charAt(IsoFields.RESPONSE_CODE, 0), answer.charAt(IsoFields.RESPONSE_CODE, 1));
        }
        else if (config.expectEcho())
        {
            codes.recordNoCode(kind);
        }
        else
        {
            counters.onMalformed();
            return;
        }
        latencies.record(now - intendedNanos, (int)(~(intendedNanos - warmupEndNanos) >>> 63));
        counters.onAnswered();
        answeredInWindow += inWindow(now);
    }

    /** The peer closed or reset a connection: its outstanding requests will be counted as missing. */
    private void lose(final Connection connection)
    {
        if (connection.open)
        {
            counters.onConnectionLost();
            connection.close();
        }
    }

    private boolean anyPendingOutput()
    {
        for (final Connection connection : connections)
        {
            if (connection.open && connection.hasPendingOutput())
            {
                return true;
            }
        }
        return false;
    }

    private long outstanding()
    {
        long outstanding = 0;
        for (final Connection connection : connections)
        {
            outstanding += connection.open ? connection.inFlight.outstanding() : 0;
        }
        return outstanding;
    }

    private long missing()
    {
        long missing = 0;
        for (final Connection connection : connections)
        {
            missing += connection.inFlight.outstanding();
        }
        return missing;
    }

    private long unsent()
    {
        long unsent = 0;
        for (final Connection connection : connections)
        {
            unsent += connection.scheduledTotal - connection.scheduledSent;
        }
        return unsent;
    }

    private void closeAll()
    {
        if (connections != null)
        {
            for (final Connection connection : connections)
            {
                if (connection != null)
                {
                    connection.close();
                }
            }
        }
        if (selector != null)
        {
            try
            {
                selector.close();
            }
            catch (final IOException e)
            {
                // The run is over; a selector that fails to close holds nothing we need.
            }
        }
    }

    private void reportEachSecond(final Thread loadThread) throws InterruptedException
    {
        final LiveLine line = new LiveLine(live, counters, startNanos);
        Histogram interval = null;
        long nextReportNanos = startNanos + REPORT_INTERVAL_NANOS;
        while (loadThread.isAlive())
        {
            final long waitMillis = TimeUnit.NANOSECONDS.toMillis(nextReportNanos - System.nanoTime());
            if (waitMillis > 0)
            {
                loadThread.join(waitMillis);
            }
            if (System.nanoTime() >= nextReportNanos && loadThread.isAlive())
            {
                interval = latencies.interval.getIntervalHistogram(interval);
                line.print(System.nanoTime(), phase, interval);
                nextReportNanos += REPORT_INTERVAL_NANOS;
            }
        }
    }

    private LoadResult result()
    {
        return new LoadResult(config, latencies.measured, latencies.clamped(), codes, counters.sent(), counters.answered(),
            sentInWindow, answeredInWindow, config.durationNanos(), counters.backlogged(), unsent(), missing(),
            counters.unmatched(), counters.malformed(), counters.connectionsLost(), steadyAllocatedBytes, steadyOperations);
    }

    /** Reads the bytes the current thread has allocated, where the JVM can tell. */
    private static final class AllocationMeter
    {
        private final com.sun.management.ThreadMXBean threads;

        private AllocationMeter(final com.sun.management.ThreadMXBean threads)
        {
            this.threads = threads;
        }

        static AllocationMeter forCurrentThread()
        {
            final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            return new AllocationMeter(bean instanceof com.sun.management.ThreadMXBean sun &&
                sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled() ? sun : null);
        }

        /** @return bytes allocated so far by the calling thread, or -1 where not supported. */
        long bytes()
        {
            return threads == null ? -1 : threads.getCurrentThreadAllocatedBytes();
        }
    }
}
