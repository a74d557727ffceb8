package dev.junction.network.traffic;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.SplittableRandom;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.refdata.DemoData;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The requests of a warm-up: acquirer traffic over loopback to a scratch switch holding the demo set, in
 * the shapes a switch meets in production, so that the JIT compiles each path before real requests
 * arrive rather than while they wait:
 * <ul>
 *   <li>one request at a time on each connection, answer awaited (a lightly loaded switch: batches of one);</li>
 *   <li>bursts of {@value #BURST} requests written at once on every connection (a loaded switch: large
 *       batches, long enough in a row for the journal helper to take them);</li>
 *   <li>every kind of request (authorizations, purchases, refunds, balance inquiries, reversals of the
 *       connection's last authorization, echoes) and, one request in {@value #DECLINE_ONE_IN}, a demo decline
 *       card (lost, stolen, blocked, expired, no funds), so the decline paths are compiled too.</li>
 * </ul>
 * Every answer is read and its MTI checked against the request's; a wrong or missing answer stops the
 * warm-up with an {@link IOException} saying which. Nothing here is on a request path of the real switch:
 * it allocates freely.
 */
public final class WarmUpTraffic
{
    /** Connections opened to the scratch switch. */
    public static final int CONNECTIONS = 4;
    /** Requests written at once per connection in a burst (within the default in-flight limit of 128). */
    public static final int BURST = 32;
    /** Requests sent one at a time, answer awaited, in each quiet phase. */
    private static final int QUIET_REQUESTS = 500;
    /** Burst rounds (every connection) in each loaded phase. */
    private static final int BURST_ROUNDS = 25;
    private static final int DECLINE_ONE_IN = 100;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_REQUEST_BYTES = 512;
    private static final String INSTITUTION = "123456";
    private static final long AMOUNT_MINOR = 1_000;
    private static final int MAX_STAN = 999_999;
    /** Every kind of request, in about the shares of the benchmarks' mix; refunds (no original: 25) few. */
    private static final TransactionMix MIX =
        TransactionMix.parse("auth=20,purchase=58,refund=2,inquiry=5,reversal=5,echo=10");

    private final RequestEncoder encoder = new RequestEncoder(INSTITUTION);
    private final DemoCards cards = new DemoCards(DemoData.CARD_COUNT, false);
    private final SplittableRandom random = new SplittableRandom(8583);
    private final IsoMessage answer = new IsoMessage();
    private final Lane[] lanes = new Lane[CONNECTIONS];
    private long requests;
    private long approved;
    private long rrn;

    private WarmUpTraffic()
    {
    }

    /** What the traffic did. */
    public record Counts(long requests, long approved)
    {
    }

    /**
     * Sends quiet and loaded phases in turn until {@code deadlineNanos} ({@link System#nanoTime()}), each
     * phase's answers all read before the next.
     *
     * @throws IOException when a connection fails, an answer does not come within 10 s, or an answer does
     *                     not decode or pair with its request.
     */
    public static Counts drive(final InetSocketAddress address, final long deadlineNanos) throws IOException
    {
        final WarmUpTraffic traffic = new WarmUpTraffic();
        try
        {
            traffic.connect(address);
            while (System.nanoTime() < deadlineNanos)
            {
                traffic.quiet(deadlineNanos);
                traffic.loaded(deadlineNanos);
            }
            return new Counts(traffic.requests, traffic.approved);
        }
        finally
        {
            traffic.closeAll();
        }
    }

    private void connect(final InetSocketAddress address) throws IOException
    {
        final long runSecond = Math.floorDiv(System.currentTimeMillis(), 1_000L);
        for (int i = 0; i < CONNECTIONS; i++)
        {
            final Socket socket = new Socket();
            lanes[i] = new Lane(socket, RequestEncoder.terminalId(runSecond, i));
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.connect(address, READ_TIMEOUT_MILLIS);
            lanes[i].open();
        }
    }

    private void quiet(final long deadlineNanos) throws IOException
    {
        for (int i = 0; i < QUIET_REQUESTS && System.nanoTime() < deadlineNanos; i++)
        {
            final Lane lane = lanes[i % CONNECTIONS];
            lane.write(this);
            lane.flush();
            readAnswers(lane);
        }
    }

    private void loaded(final long deadlineNanos) throws IOException
    {
        for (int round = 0; round < BURST_ROUNDS && System.nanoTime() < deadlineNanos; round++)
        {
            for (final Lane lane : lanes)
            {
                for (int i = 0; i < BURST; i++)
                {
                    lane.write(this);
                }
                lane.flush();
            }
            for (final Lane lane : lanes)
            {
                readAnswers(lane);
            }
        }
    }

    private long drawPan()
    {
        return random.nextInt(DECLINE_ONE_IN) == 0 ? DemoCards.pan(1 + random.nextInt(DemoData.FIRST_ACTIVE_CARD - 1)) :
            cards.drawPan(random);
    }

    private void readAnswers(final Lane lane) throws IOException
    {
        while (lane.outstanding > 0)
        {
            final byte[] frame;
            final int length;
            try
            {
                length = lane.in.readUnsignedShort();
                frame = new byte[length];
                lane.in.readFully(frame);
            }
            catch (final EOFException e)
            {
                throw new IOException("the scratch switch closed a connection with " + lane.outstanding +
                    " requests unanswered", e);
            }
            catch (final SocketTimeoutException e)
            {
                throw new IOException("the scratch switch did not answer within " + READ_TIMEOUT_MILLIS + " ms", e);
            }
            if (answer.wrap(new UnsafeBuffer(frame), 0, length) != IsoDecodeStatus.OK || !answer.has(IsoFields.STAN))
            {
                throw new IOException("an answer of the scratch switch did not decode");
            }
            final int stan = (int)answer.numeric(IsoFields.STAN);
            final int slot = stan & (Lane.SLOTS - 1);
            final RequestKind kind = lane.sentKinds[slot];
            if (lane.sentStans[slot] != stan || kind == null || answer.mti() != kind.answerMti())
            {
                throw new IOException("an answer of the scratch switch (MTI " + answer.mti() + ", STAN " + stan +
                    ") did not pair with a request outstanding");
            }
            lane.sentKinds[slot] = null;
            lane.outstanding--;
            if (answer.has(IsoFields.RESPONSE_CODE) && answer.charAt(IsoFields.RESPONSE_CODE, 0) == '0' &&
                answer.charAt(IsoFields.RESPONSE_CODE, 1) == '0')
            {
                approved++;
            }
        }
    }

    private void closeAll()
    {
        for (final Lane lane : lanes)
        {
            if (lane != null)
            {
                try
                {
                    lane.socket.close();
                }
                catch (final IOException ignored)
                {
                    // Closing a warm-up connection: nothing is left to lose.
                }
            }
        }
    }

    /** One connection: its terminal, its STANs, the last authorization a reversal names. */
    private static final class Lane
    {
        private final Socket socket;
        private final byte[] terminalId;
        private final byte[] output = new byte[(MAX_REQUEST_BYTES + 2) * BURST];
        private final UnsafeBuffer outputView = new UnsafeBuffer(output);
        /** Outstanding requests by STAN modulo this: at most {@link #BURST} consecutive STANs are outstanding. */
        static final int SLOTS = 2 * BURST;
        private final RequestKind[] sentKinds = new RequestKind[SLOTS];
        private final int[] sentStans = new int[SLOTS];
        private int outstanding;
        private int written;
        private int stan;
        private int lastAuthStan;
        private long lastAuthPan;
        private long lastAuthTransmission;
        private OutputStream out;
        private DataInputStream in;

        Lane(final Socket socket, final byte[] terminalId)
        {
            this.socket = socket;
            this.terminalId = terminalId;
        }

        void open() throws IOException
        {
            out = socket.getOutputStream();
            final InputStream raw = socket.getInputStream();
            in = new DataInputStream(new BufferedInputStream(raw));
        }

        void write(final WarmUpTraffic traffic)
        {
            final RequestKind drawn = MIX.draw(traffic.random);
            final RequestKind kind = drawn == RequestKind.REVERSAL && lastAuthStan == 0 ? RequestKind.AUTH : drawn;
            stan = stan == MAX_STAN ? 1 : stan + 1;
            final long pan = kind == RequestKind.REVERSAL ? lastAuthPan : traffic.drawPan();
            traffic.encoder.clock(System.currentTimeMillis());
            final int length = traffic.encoder.encode(kind, outputView, written + 2, stan, pan, AMOUNT_MINOR,
                ++traffic.rrn, terminalId, lastAuthStan, lastAuthTransmission);
            outputView.putByte(written, (byte)(length >>> 8));
            outputView.putByte(written + 1, (byte)length);
            written += length + 2;
            if (kind == RequestKind.AUTH)
            {
                lastAuthStan = stan;
                lastAuthPan = pan;
                lastAuthTransmission = traffic.encoder.transmissionDateTime();
            }
            else if (kind == RequestKind.REVERSAL)
            {
                lastAuthStan = 0;
            }
            sentKinds[stan & (SLOTS - 1)] = kind;
            sentStans[stan & (SLOTS - 1)] = stan;
            outstanding++;
            traffic.requests++;
        }

        void flush() throws IOException
        {
            out.write(output, 0, written);
            out.flush();
            written = 0;
        }
    }
}
