package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.journal.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile frames over TCP ({@link FrameFuzzer}) on several connections at once, reconnecting whenever the
 * switch closes one, while a well-behaved acquirer on its own connection is answered correctly throughout.
 * The switch never dies; each frame gets what the wire rules promise: an answer with the right MTI, the
 * request's STAN and a known response code (30 when it did not decode), no answer for a well-formed
 * response MTI, or the close of that connection only when nothing can be answered. Afterwards the
 * journal holds an outcome for every input and Netty reports no leaked buffer.
 *
 * <p>Size: {@code -Djunction.fuzz.frames=N} (default 1,000,000), seed {@code -Djunction.fuzz.seed=S}
 * (default: from the clock, printed; a failure names it).
 */
@ExtendWith(NettyLeaks.class)
class FuzzOverTcpTest
{
    private static final long FRAMES = Long.getLong("junction.fuzz.frames", 1_000_000);
    private static final int CONNECTIONS = Integer.getInteger("junction.fuzz.connections", 4);
    private static final int BATCH = 64;
    private static final int MAX_FRAME_BYTES = 1024;
    private static final String GOOD_PAN = "5599990000000004";
    private static final Set<String> KNOWN_CODES = Set.of("00", "05", "12", "13", "14", "25", "30", "41", "43", "51",
        "54", "57", "59", "61", "62", "65", "91", "94", "96");

    @TempDir
    Path dir;

    @Test
    void hostileFramesNeverKillTheSwitchNorDisturbAWellBehavedAcquirer() throws Exception
    {
        final long seed = Long.getLong("junction.fuzz.seed", System.nanoTime());
        System.out.println("fuzz: " + FRAMES + " frames, seed " + seed + " (-Djunction.fuzz.seed=" + seed + ")");
        // Hundreds of thousands of connections each log their opening, their bad frame and their close: that
        // logging is BadInputTest's subject; here it would only write hundreds of megabytes.
        final Logger sessionLog = (Logger)LoggerFactory.getLogger(AcquirerSession.class);
        final Level sessionLevel = sessionLog.getLevel();
        sessionLog.setLevel(Level.ERROR);
        try
        {
            run(seed);
        }
        catch (final Throwable failure)
        {
            throw new AssertionError("fuzz seed " + seed + " (rerun with -Djunction.fuzz.seed=" + seed + "): " +
                failure.getMessage(), failure);
        }
        finally
        {
            sessionLog.setLevel(sessionLevel);
        }
    }

    private void run(final long seed) throws Exception
    {
        final Path accounts = Files.writeString(dir.resolve("fuzz-accounts.csv"),
            TestSwitch.ACCOUNTS_CSV + "4,840,900000000000,0,dave\n");
        final Path cards = Files.writeString(dir.resolve("fuzz-cards.csv"),
            TestSwitch.CARDS_CSV + GOOD_PAN + ",4,3012,active\n");
        final ServerConfig config = TestSwitch.configIn(dir).accountsFile(accounts).cardsFile(cards)
            .maxFrameBytes(MAX_FRAME_BYTES).idleEchoMillis(0).idleCloseMillis(0).transactionCapacity(100_000).build();
        final Totals totals = new Totals();
        final long publishedBySwitch;
        final long started = System.nanoTime();
        try (TestSwitch junction = TestSwitch.start(config))
        {
            final AtomicLong budget = new AtomicLong(FRAMES);
            final AtomicBoolean fuzzing = new AtomicBoolean(true);
            final ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS + 1);
            final Future<Long> good = pool.submit(() -> wellBehaved(junction, fuzzing));
            final List<Future<?>> fuzzers = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++)
            {
                final FuzzConnection connection = new FuzzConnection(junction.port(), seed * 31 + c, c, totals);
                fuzzers.add(pool.submit(() ->
                {
                    connection.run(budget);
                    return null;
                }));
            }
            try
            {
                for (final Future<?> fuzzer : fuzzers)
                {
                    fuzzer.get(30, TimeUnit.MINUTES);
                }
            }
            finally
            {
                fuzzing.set(false);
            }
            final long goodExchanges = good.get(1, TimeUnit.MINUTES);
            pool.shutdownNow();
            final double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("fuzz: %,d frames in %.1f s (%,.0f/s) over %,d connections: %,d answered (%,d of them 30), " +
                "%,d silent, %,d closes, %,d lying lengths; well-behaved acquirer answered %,d times%n",
                totals.frames.get(), seconds, totals.frames.get() / seconds, totals.connections.get(),
                totals.answered.get(), totals.formatErrors.get(), totals.silent.get(), totals.closes.get(),
                totals.lies.get(), goodExchanges);
            assertTrue(goodExchanges > 0, "the well-behaved acquirer was served");
            assertEquals(FRAMES, totals.frames.get());
            junction.close();
            assertNull(junction.fatal.get(), "a ring stage failed");
            publishedBySwitch = junction.server.counters().requestsPublished.get();
            assertEquals(0, junction.server.counters().ringFullRejects.get(), "the ring was never full");
        }
        try (JournalReader reader = JournalReader.open(dir.resolve("data")))
        {
            assertEquals(reader.inputCount(), reader.outcomeCount(), "an outcome for every input");
            final long requests = JournalCounts.requests(reader);
            assertEquals(publishedBySwitch, requests, "every request taken in is journaled");
            assertTrue(requests >= totals.published.get(), "journaled " + requests + " of the " +
                totals.published.get() + " frames known to reach the ring");
        }
    }

    /** Sends purchases one at a time on its own connection and checks every answer until the fuzzing ends. */
    private static long wellBehaved(final TestSwitch junction, final AtomicBoolean fuzzing) throws Exception
    {
        final NACChannel channel = junction.connect();
        long exchanges = 0;
        int stan = 0;
        do
        {
            stan = stan % 999_999 + 1;
            final ISOMsg request = TestSwitch.request("0200", GOOD_PAN, 1, stan);
            request.set(41, "GOODTERM");
            // Its own acquirer and transmission time: a mutated 0400/0420 from the fuzzer (whose field 90 names
            // the templates' acquirer and time) could otherwise name one of these purchases before it arrives,
            // and the switch would then rightly decline it 12 as reversed before arrival.
            request.set(32, "765432");
            request.set(7, "0101000000");
            channel.send(request);
            final ISOMsg answer = channel.receive();
            final String where = "well-behaved request " + exchanges;
            assertEquals("0210", answer.getMTI(), where);
            assertEquals(String.format("%06d", stan), answer.getString(11), where);
            assertEquals("00", answer.getString(39), where);
            assertEquals("000000000001", answer.getString(4), where);
            exchanges++;
        }
        while (fuzzing.get());
        channel.disconnect();
        return exchanges;
    }

    /** What all fuzzing connections saw, for the summary and the journal check. */
    private static final class Totals
    {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong published = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong formatErrors = new AtomicLong();
        final AtomicLong silent = new AtomicLong();
        final AtomicLong closes = new AtomicLong();
        final AtomicLong lies = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
    }

    /**
     * One fuzzing client: sends frames in batches and reads each batch's answers before the next, so it
     * knows which frame each answer belongs to. A frame after which the switch must close the connection
     * is sent alone; so is one with a lying length, after which this side closes its output.
     */
    private static final class FuzzConnection
    {
        private final int port;
        private final int index;
        private final Totals totals;
        private final FrameFuzzer fuzzer;
        private final IsoMessage answerView = new IsoMessage();
        private final UnsafeBuffer answerBuffer = new UnsafeBuffer(new byte[0]);
        private final byte[] batch = new byte[BATCH * (2 + 2 * MAX_FRAME_BYTES)];
        private final int[] responseMtis = new int[BATCH];
        private final long[] stans = new long[BATCH];
        private final boolean[] whole = new boolean[BATCH];
        private final String[] descriptions = new String[BATCH];
        private final byte[][] frames = new byte[BATCH][];
        private Socket socket;
        private DataInputStream in;
        private OutputStream out;
        private long sent;
        /** A frame generated but not yet sent: it must go alone, at the start of the next batch. */
        private boolean held;
        private String heldDescription;

        FuzzConnection(final int port, final long seed, final int index, final Totals totals)
        {
            this.port = port;
            this.index = index;
            this.totals = totals;
            this.fuzzer = new FrameFuzzer(seed, MAX_FRAME_BYTES);
        }

        void run(final AtomicLong budget) throws Exception
        {
            connect();
            try
            {
                while (runBatch(budget))
                {
                    // Batch after batch until the budget of frames is spent.
                }
            }
            finally
            {
                socket.close();
            }
        }

        /** @return whether there are frames left to send. */
        private boolean runBatch(final AtomicLong budget) throws Exception
        {
            int length = 0;
            int answers = 0;
            int count = 0;
            boolean more = true;
            while (count < BATCH && answers < BATCH - 1)
            {
                final String how;
                if (held)
                {
                    how = heldDescription;
                }
                else if (budget.getAndDecrement() > 0)
                {
                    how = fuzzer.next();
                }
                else
                {
                    more = false;
                    break;
                }
                final boolean alone = fuzzer.lies() || fuzzer.expectation() == FrameFuzzer.CLOSE;
                if (alone && count > 0)
                {
                    held = true;
                    heldDescription = how;
                    break;
                }
                held = false;
                count++;
                sent++;
                totals.frames.incrementAndGet();
                length = append(length);
                if (fuzzer.lies())
                {
                    finishLyingFrame(length, how);
                    return true;
                }
                final int expectation = fuzzer.expectation();
                if (expectation == FrameFuzzer.CLOSE)
                {
                    expectClose(length, how);
                    return true;
                }
                if (expectation != FrameFuzzer.SKIP)
                {
                    totals.published.incrementAndGet();
                }
                if (expectation == FrameFuzzer.ANSWER)
                {
                    responseMtis[answers] = fuzzer.responseMti();
                    stans[answers] = fuzzer.stan();
                    whole[answers] = fuzzer.decodedWhole();
                    descriptions[answers] = how;
                    frames[answers] = fuzzer.body();
                    answers++;
                }
                else if (expectation == FrameFuzzer.SILENT)
                {
                    totals.silent.incrementAndGet();
                }
            }
            out.write(batch, 0, length);
            out.flush();
            for (int i = 0; i < answers; i++)
            {
                checkAnswer(i);
            }
            return more;
        }

        private int append(final int length)
        {
            final byte[] body = fuzzer.body();
            batch[length] = (byte)(fuzzer.declaredLength() >>> 8);
            batch[length + 1] = (byte)fuzzer.declaredLength();
            System.arraycopy(body, 0, batch, length + 2, body.length);
            return length + 2 + body.length;
        }

        private void checkAnswer(final int i) throws IOException
        {
            final String frame = "connection " + index + ", frame " + sent + " (" + descriptions[i] + ") " +
                HexFormat.of().formatHex(frames[i]);
            final byte[] answer = readFrame();
            if (answer == null)
            {
                throw new AssertionError("the switch closed the connection instead of answering " + frame);
            }
            answerBuffer.wrap(answer);
            final int status = answerView.wrap(answerBuffer, 0, answer.length);
            assertEquals(IsoDecodeStatus.OK, status, "the answer is a well-formed message: " +
                HexFormat.of().formatHex(answer) + " to " + frame);
            assertEquals(responseMtis[i], answerView.mti(), "answer MTI to " + frame);
            assertTrue(answerView.has(IsoFields.RESPONSE_CODE), "field 39 in the answer to " + frame);
            final String code = new String(new byte[] {(byte)answerView.charAt(IsoFields.RESPONSE_CODE, 0),
                (byte)answerView.charAt(IsoFields.RESPONSE_CODE, 1)});
            assertTrue(KNOWN_CODES.contains(code), "response code " + code + " to " + frame);
            if (!whole[i])
            {
                assertEquals("30", code, "a frame that did not decode is answered 30: " + frame);
                totals.formatErrors.incrementAndGet();
            }
            if (stans[i] >= 0)
            {
                assertTrue(answerView.has(IsoFields.STAN) && answerView.numeric(IsoFields.STAN) == stans[i],
                    "the answer echoes STAN " + stans[i] + ": " + frame);
            }
            totals.answered.incrementAndGet();
        }

        /** The frame sent last (alone) cannot be answered: the switch must close this connection, and only then. */
        private void expectClose(final int length, final String how) throws IOException
        {
            out.write(batch, 0, length);
            out.flush();
            final byte[] answer = readFrame();
            if (answer != null)
            {
                throw new AssertionError("connection " + index + ", frame " + sent + " (" + how + ") " +
                    HexFormat.of().formatHex(fuzzer.body()) + " should close the connection, but it was answered " +
                    HexFormat.of().formatHex(answer));
            }
            totals.closes.incrementAndGet();
            reconnect();
        }

        /**
         * After a lying length the switch reads the following bytes from the wrong place: whatever it answers
         * must still be well-formed. This side closes its output, and the switch must then close too.
         */
        private void finishLyingFrame(final int length, final String how) throws IOException
        {
            out.write(batch, 0, length);
            out.flush();
            socket.shutdownOutput();
            byte[] answer;
            while ((answer = readFrame()) != null)
            {
                answerBuffer.wrap(answer);
                assertEquals(IsoDecodeStatus.OK, answerView.wrap(answerBuffer, 0, answer.length),
                    "a well-formed answer after " + how + ": " + HexFormat.of().formatHex(answer));
            }
            totals.lies.incrementAndGet();
            reconnect();
        }

        private void reconnect() throws IOException
        {
            socket.close();
            connect();
        }

        private void connect() throws IOException
        {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 65_536));
            out = socket.getOutputStream();
            totals.connections.incrementAndGet();
        }

        /** @return the next frame, or null when the switch closed the connection. */
        private byte[] readFrame() throws IOException
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
    }
}
