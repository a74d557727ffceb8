package dev.junction.network;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Pipeline;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TransactionEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One acquirer connection: it cuts the byte stream into 2-byte-length frames, copies each request
 * straight into a ring slot (decoded once, there), and writes back the answers the responder leaves
 * in its outbound buffer. Everything inbound runs on the connection's event loop and never blocks:
 * a full ring is answered 91 at once; past {@code maxInFlight} requests, or while the channel is unwritable
 * (its client is not reading its answers), the connection is simply not read until answers drain. Its
 * {@link ConnectionWatch} closes it when it stays silent or unwritable too long. The responder thread only
 * touches {@link #offer} and {@link #scheduleDrain}.
 */
final class AcquirerSession extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(AcquirerSession.class);
    private static final int ANSWER = 1;
    private static final int NO_ANSWER = 2;
    private static final int FRAME_HEADER = 2;
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    private final Pipeline pipeline;
    private final SessionRegistry registry;
    private final IngressClock clock;
    private final ServerCounters counters;
    private final int maxFrameBytes;
    private final int maxInFlight;
    private final ConnectionWatch watch;

    private final UnsafeBuffer outboundBuffer;
    private final OneToOneRingBuffer outbound;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final MessageHandler copyAnswer = this::copyAnswer;
    private final LogLimiter malformedLog = new LogLimiter(10, 1000);

    /** One answer on its way from the outbound buffer to a Netty buffer, with room for the MAC the gate adds. */
    private final byte[] copyScratch = new byte[FRAME_HEADER + TransactionEvent.RESPONSE_CAPACITY + MessageMac.MAC_LENGTH];
    /** Sign-on and MACs: decides on each frame before it claims a ring slot, seals answers as they leave. */
    private final AcquirerGate gate;
    private final UnsafeBuffer rejectFrame;
    private final IsoMessage rejectView = new IsoMessage();
    private final UnsafeBuffer rejectResponse = new UnsafeBuffer(new byte[TransactionEvent.RESPONSE_CAPACITY]);
    private final ResponseEncoder rejectEncoder = new ResponseEncoder();

    private volatile long id = -1;
    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    private ByteBuf drainTarget;
    private int inFlight;
    private boolean paused;
    private boolean stopped;
    private boolean closing;
    private boolean flushPending;
    /** Responder thread only: the batch in which this session last received an answer. */
    long responderBatchMark = -1;

    AcquirerSession(final Pipeline pipeline, final SessionRegistry registry, final IngressClock clock,
        final ServerCounters counters, final int maxFrameBytes, final int maxInFlight)
    {
        this(pipeline, registry, clock, counters, maxFrameBytes, maxInFlight, AcquirerDoor.open());
    }

    AcquirerSession(final Pipeline pipeline, final SessionRegistry registry, final IngressClock clock,
        final ServerCounters counters, final int maxFrameBytes, final int maxInFlight, final AcquirerDoor door)
    {
        this(pipeline, registry, clock, counters, maxFrameBytes, maxInFlight, door, ConnectionTimeouts.NONE);
    }

    AcquirerSession(final Pipeline pipeline, final SessionRegistry registry, final IngressClock clock,
        final ServerCounters counters, final int maxFrameBytes, final int maxInFlight, final AcquirerDoor door,
        final ConnectionTimeouts timeouts)
    {
        this.watch = new ConnectionWatch(timeouts, counters);
        this.pipeline = pipeline;
        this.registry = registry;
        this.clock = clock;
        this.counters = counters;
        this.maxFrameBytes = maxFrameBytes;
        this.maxInFlight = maxInFlight;
        // Off-heap and cache-line aligned: the ring buffer's ordered and volatile accesses need 8-byte
        // alignment, which a byte[] does not promise.
        this.outboundBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            outboundCapacity(maxInFlight) + RingBufferDescriptor.TRAILER_LENGTH, 64));
        this.outbound = new OneToOneRingBuffer(outboundBuffer);
        this.rejectFrame = new UnsafeBuffer(new byte[maxFrameBytes]);
        this.gate = door.newGate(maxFrameBytes);
    }

    /**
     * Room for every in-flight answer at once (a record header, the frame length and the largest
     * response), so a client within its in-flight limit can never overflow it.
     */
    static int outboundCapacity(final int maxInFlight)
    {
        final int record = (8 + FRAME_HEADER + TransactionEvent.RESPONSE_CAPACITY + 7) & ~7;
        final long bytes = (long)record * maxInFlight;
        return (int)Math.max(1024, Long.highestOneBit(bytes - 1) << 1);
    }

    void assignId(final long connectionId)
    {
        id = connectionId;
    }

    long id()
    {
        return id;
    }

    @Override
    public void channelActive(final ChannelHandlerContext context)
    {
        ctx = context;
        final long registered = registry.register(this, remoteAddress(context));
        if (registered < 0)
        {
            refuse(registered);
            return;
        }
        if (!publishControl(EventKind.CONNECT))
        {
            counters.connectionsRefused.incrementAndGet();
            final long suppressed = registry.lifecycleLog().admit();
            if (suppressed >= 0)
            {
                LOG.warn("refused connection {} from {}: the ring is full{}", id, context.channel().remoteAddress(),
                    RateLimitedLog.suppressedText(suppressed));
            }
            closing = true;
            context.close();
            return;
        }
        counters.connectionsAccepted.incrementAndGet();
        gate.connected(id, context.channel().remoteAddress());
        watch.start(context, id);
        final long suppressed = registry.lifecycleLog().admit();
        if (suppressed >= 0)
        {
            LOG.info("connection {} opened from {}{}", id, context.channel().remoteAddress(),
                RateLimitedLog.suppressedText(suppressed));
        }
    }

    /** Over the connection limit, in total or for the peer's address: closed at once, counted, logged (rate-limited). */
    private void refuse(final long reason)
    {
        counters.connectionsRefused.incrementAndGet();
        final boolean perAddress = reason == SessionRegistry.REFUSED_PER_ADDRESS;
        if (perAddress)
        {
            counters.connectionsRefusedPerAddress.incrementAndGet();
        }
        final long refusedSoFar = registry.admitRefusalLog();
        if (refusedSoFar > 0)
        {
            LOG.warn("refused a connection from {}: the limit of {} connections {} is reached [{} refused so far]",
                ctx.channel().remoteAddress(), perAddress ? registry.maxPerAddress() : registry.capacity(),
                perAddress ? "per address" : "in total", refusedSoFar);
        }
        closing = true;
        ctx.close();
    }

    private static java.net.InetAddress remoteAddress(final ChannelHandlerContext context)
    {
        return context.channel().remoteAddress() instanceof java.net.InetSocketAddress socket ? socket.getAddress() : null;
    }

    @Override
    public void channelInactive(final ChannelHandlerContext context)
    {
        watch.stop();
        if (cumulation != null)
        {
            if (cumulation.isReadable())
            {
                final long suppressed = registry.lifecycleLog().admit();
                if (suppressed >= 0)
                {
                    LOG.info("connection {} closed with {} bytes of an incomplete frame, discarded{}", id,
                        cumulation.readableBytes(), RateLimitedLog.suppressedText(suppressed));
                }
            }
            cumulation.release();
            cumulation = null;
        }
        if (id >= 0 && registry.find(id) == this)
        {
            if (!publishControl(EventKind.DISCONNECT))
            {
                counters.disconnectsNotJournaled.incrementAndGet();
            }
            registry.unregister(this);
            final long suppressed = registry.lifecycleLog().admit();
            if (suppressed >= 0)
            {
                LOG.info("connection {} closed{}", id, RateLimitedLog.suppressedText(suppressed));
            }
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext context, final Object msg)
    {
        final ByteBuf in = (ByteBuf)msg;
        watch.onInbound();
        if (closing)
        {
            in.release();
            return;
        }
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(context.alloc(), cumulation, in);
        readFrames();
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext context)
    {
        if (flushPending)
        {
            flushPending = false;
            context.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext context)
    {
        watch.onWritabilityChanged(context.channel().isWritable());
        if (context.channel().isWritable())
        {
            drain();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext context, final Throwable cause)
    {
        if (closing || !context.channel().isActive())
        {
            // The writes still queued when a connection closes fail one by one; its close was logged already.
            return;
        }
        if (cause instanceof IOException)
        {
            LOG.info("connection {}: {}", id, cause.getMessage());
        }
        else
        {
            LOG.warn("connection {}: closing after {}: {}", id, cause.getClass().getSimpleName(), cause.getMessage());
        }
        closing = true;
        context.close();
    }

    /** Stops taking requests in (graceful shutdown); answers still drain. Event loop only. */
    void stopReading()
    {
        stopped = true;
        ctx.channel().config().setAutoRead(false);
    }

    /** @return whether every request taken in has been answered and written. Event loop only. */
    boolean isQuiet()
    {
        return inFlight == 0 && outbound.size() == 0;
    }

    io.netty.channel.Channel channel()
    {
        return ctx.channel();
    }

    /** @return requests taken in and not yet answered. Event loop only (tests, metrics). */
    int inFlight()
    {
        return inFlight;
    }

    /** @return bytes read but not yet taken as frames: a paused connection's backlog. Event loop only. */
    int inboundBufferedBytes()
    {
        return cumulation == null ? 0 : cumulation.readableBytes();
    }

    /** @return answer bytes handed to Netty and not yet taken by the socket. Any thread. */
    long pendingOutboundBytes()
    {
        return watch.pendingOutboundBytes();
    }

    private void readFrames()
    {
        while (cumulation != null && !closing)
        {
            final int readable = cumulation.readableBytes();
            if (readable < FRAME_HEADER)
            {
                break;
            }
            final int start = cumulation.readerIndex();
            final int length = cumulation.getUnsignedShort(start);
            if (length > maxFrameBytes)
            {
                counters.oversizeFrames.incrementAndGet();
                final long suppressed = registry.lifecycleLog().admit();
                if (suppressed >= 0)
                {
                    LOG.warn("connection {}: frame of {} bytes is over the limit of {}; closing the connection{}",
                        id, length, maxFrameBytes, RateLimitedLog.suppressedText(suppressed));
                }
                closing = true;
                ctx.close();
                break;
            }
            if (readable < FRAME_HEADER + length)
            {
                break;
            }
            if (length == 0)
            {
                cumulation.skipBytes(FRAME_HEADER);
                continue;
            }
            if (inFlight >= maxInFlight || stopped || !ctx.channel().isWritable())
            {
                pause();
                break;
            }
            final int verdict = gate.admit(cumulation, start + FRAME_HEADER, length);
            if (verdict == AcquirerGate.PASS)
            {
                publishRequest(start + FRAME_HEADER, length);
            }
            else
            {
                refusedAtDoor(verdict);
            }
            cumulation.skipBytes(FRAME_HEADER + length);
        }
        if (cumulation != null && !cumulation.isReadable())
        {
            cumulation.release();
            cumulation = null;
        }
        else if (cumulation != null)
        {
            cumulation.discardSomeReadBytes();
        }
    }

    private void publishRequest(final int index, final int length)
    {
        if (counters.diskLow)
        {
            counters.diskLowRejects.incrementAndGet();
            rejectUnavailable(index, length);
            return;
        }
        final long ringSequence = pipeline.tryClaim();
        if (ringSequence < 0)
        {
            counters.ringFullRejects.incrementAndGet();
            rejectUnavailable(index, length);
            return;
        }
        final int status;
        final boolean addressable;
        final int mti;
        final int errorField;
        final long stan;
        final TransactionEvent slot = pipeline.slot(ringSequence);
        try
        {
            cumulation.getBytes(index, slot.payloadArray(), 0, length);
            slot.input(pipeline.journalSequence(ringSequence), EventKind.REQUEST, clock.epochNanos(), id, length);
            final IsoMessage request = slot.request();
            status = slot.decodeStatus();
            addressable = request.isAddressable();
            mti = addressable ? request.mti() : -1;
            errorField = request.errorField();
            stan = request.has(IsoFields.STAN) ? request.numeric(IsoFields.STAN) : -1;
        }
        finally
        {
            pipeline.publish(ringSequence);
        }
        inFlight++;
        counters.requestsPublished.incrementAndGet();
        final boolean answerable = addressable && Authorizer.responseMti(mti) >= 0;
        if (status != IsoDecodeStatus.OK)
        {
            onMalformed(status, answerable, mti, errorField, stan);
        }
        else if (!answerable && !watch.isEchoReply(mti, stan) && malformedLog.admit())
        {
            LOG.warn("connection {}: ignored a {} (STAN {}): the switch answers requests only [{} so far]",
                id, mtiText(mti), stan, malformedLog.seen());
        }
    }

    /**
     * A message that failed to decode: answered 30 by the authorizer when its MTI names a request (so an
     * answer can be addressed), otherwise the stream cannot be trusted and this connection is closed.
     */
    private void onMalformed(final int status, final boolean answerable, final int mti, final int errorField,
        final long stan)
    {
        if (answerable)
        {
            counters.malformedRequests.incrementAndGet();
            if (malformedLog.admit())
            {
                LOG.warn("connection {}: malformed {} (STAN {}): {} at field {}; answered 30 [{} so far]",
                    id, mtiText(mti), stan, IsoDecodeStatus.describe(status), errorField, malformedLog.seen());
            }
            return;
        }
        closeUnaddressable(status);
    }

    private void closeUnaddressable(final int status)
    {
        counters.unaddressableFrames.incrementAndGet();
        final long suppressed = registry.lifecycleLog().admit();
        if (suppressed >= 0)
        {
            LOG.warn("connection {}: unreadable frame ({}); no answer can be addressed, closing the connection{}",
                id, IsoDecodeStatus.describe(status), RateLimitedLog.suppressedText(suppressed));
        }
        closing = true;
        ctx.close();
    }

    /** The gate refused a frame: it never enters the ring (not journaled); the gate counted and logged it. */
    private void refusedAtDoor(final int verdict)
    {
        if (verdict == AcquirerGate.ANSWER)
        {
            final ByteBuf out = ctx.alloc().directBuffer(gate.answerLength());
            out.writeBytes(gate.answer(), 0, gate.answerLength());
            ctx.write(out, ctx.voidPromise());
            flushPending = true;
        }
        else if (verdict == AcquirerGate.CLOSE)
        {
            closing = true;
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * The ring is full, or the data directory below its floor: answer 91 at once from this thread, never
     * wait for space. The request is not journaled; the caller counted it.
     */
    private void rejectUnavailable(final int index, final int length)
    {
        cumulation.getBytes(index, rejectFrame.byteArray(), 0, length);
        final int status = rejectView.wrap(rejectFrame, 0, length);
        final int responseMti = rejectView.isAddressable() ? Authorizer.responseMti(rejectView.mti()) : -1;
        if (responseMti < 0)
        {
            // As when the ring has room: a well-formed message the switch does not answer is dropped, and
            // anything unreadable that cannot be answered closes the connection.
            if (status != IsoDecodeStatus.OK)
            {
                closeUnaddressable(status);
            }
            return;
        }
        final int responseLength = gate.ringFull(rejectResponse.byteArray(), 0, rejectEncoder.encode(rejectView,
            responseMti, ResponseCodes.SYSTEM_UNAVAILABLE, 0, rejectResponse, 0));
        final ByteBuf out = ctx.alloc().directBuffer(FRAME_HEADER + responseLength);
        out.writeShort(responseLength);
        out.writeBytes(rejectResponse.byteArray(), 0, responseLength);
        ctx.write(out, ctx.voidPromise());
        flushPending = true;
    }

    private boolean publishControl(final byte kind)
    {
        final long ringSequence = pipeline.tryClaim();
        if (ringSequence < 0)
        {
            return false;
        }
        try
        {
            pipeline.slot(ringSequence).copyInput(pipeline.journalSequence(ringSequence), kind, clock.epochNanos(), id,
                EMPTY, 0, 0);
        }
        finally
        {
            pipeline.publish(ringSequence);
        }
        return true;
    }

    private void pause()
    {
        if (!paused)
        {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    /**
     * Responder thread: queues one answer (or, with length 0, the completion of an unanswered request).
     *
     * @return false when the outbound buffer is full: the connection broke its contract and is closed.
     */
    boolean offer(final DirectBuffer response, final int offset, final int length)
    {
        if (length == 0)
        {
            return outbound.write(NO_ANSWER, EMPTY, 0, 0);
        }
        final int index = outbound.tryClaim(ANSWER, FRAME_HEADER + length);
        if (index < 0)
        {
            return false;
        }
        outboundBuffer.putShort(index, (short)length, ByteOrder.BIG_ENDIAN);
        outboundBuffer.putBytes(index + FRAME_HEADER, response, offset, length);
        outbound.commit(index);
        return true;
    }

    /** Responder thread: makes sure the event loop drains this session once after the batch. */
    void scheduleDrain()
    {
        if (drainScheduled.compareAndSet(false, true))
        {
            ctx.channel().eventLoop().execute(drainTask);
        }
    }

    /** Responder thread: the outbound buffer overflowed; close on the event loop. */
    void closeFromResponder()
    {
        ctx.channel().eventLoop().execute(() ->
        {
            counters.outboundOverflows.incrementAndGet();
            LOG.warn("connection {}: answers overflowed the outbound buffer; closing the connection", id);
            closing = true;
            ctx.close();
        });
    }

    /** Event loop: writes every queued answer in one buffer with one flush. */
    private void drain()
    {
        drainScheduled.set(false);
        if (!ctx.channel().isActive())
        {
            readAllAnswers();
            return;
        }
        if (!ctx.channel().isWritable())
        {
            return;
        }
        final int pending = outbound.size();
        if (pending > 0)
        {
            writeAnswers(pending);
        }
        if (paused && !stopped && inFlight < maxInFlight && ctx.channel().isWritable())
        {
            paused = false;
            ctx.channel().config().setAutoRead(true);
            readFrames();
        }
    }

    /** Copies the {@code pending} bytes of queued answers into one buffer and writes it with one flush. */
    private void writeAnswers(final int pending)
    {
        drainTarget = ctx.alloc().directBuffer(pending);
        readAllAnswers();
        final ByteBuf out = drainTarget;
        drainTarget = null;
        if (out.isReadable())
        {
            ctx.writeAndFlush(out, ctx.voidPromise());
        }
        else
        {
            out.release();
        }
    }

    /**
     * Takes every committed answer. One ring-buffer read stops where the buffer wraps (and returns 0 when
     * it only skipped the padding record at the end), so a second read takes the records from the start
     * of the buffer; anything committed later schedules another drain.
     */
    private void readAllAnswers()
    {
        outbound.read(copyAnswer);
        outbound.read(copyAnswer);
    }

    private void copyAnswer(final int type, final org.agrona.MutableDirectBuffer buffer, final int index, final int length)
    {
        inFlight--;
        if (type == ANSWER && drainTarget != null)
        {
            buffer.getBytes(index, copyScratch, 0, length);
            // A MAC adds 8 bytes; drainTarget was sized from the outbound size, whose 8-byte record header per
            // answer is not copied, so it still holds every sealed answer.
            drainTarget.writeBytes(copyScratch, 0, gate.seal(copyScratch, length));
        }
    }

    private static String mtiText(final int mti)
    {
        return mti < 0 ? "message" : String.format("%04d", mti);
    }
}
