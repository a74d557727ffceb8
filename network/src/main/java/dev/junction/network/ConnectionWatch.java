package dev.junction.network;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one connection for the ways a peer can hold the switch's resources without using them: silence
 * (an 0800 echo after {@code idle-echo-ms}, a close after {@code idle-close-ms}) and leaving its answers
 * unread (a close after {@code slow-reader-timeout-ms} unwritable). One periodic check on the connection's
 * event loop; the message path only stamps the time of inbound traffic. Event loop only.
 */
final class ConnectionWatch implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionWatch.class);
    private static final int FRAME_HEADER = 2;

    private final ConnectionTimeouts timeouts;
    private final ServerCounters counters;
    private final long idleEchoNanos;
    private final long idleCloseNanos;
    private final long slowReaderNanos;
    private NetworkEcho echo;
    private ChannelHandlerContext ctx;
    private long connectionId;
    private long lastInboundNanos;
    private long lastEchoNanos;
    private long unwritableSinceNanos;
    private boolean unwritable;
    /** The STANs of our echoes not yet answered: from {@code oldestUnansweredStan} to the last one sent. */
    private int oldestUnansweredStan = 1;
    private ScheduledFuture<?> check;

    ConnectionWatch(final ConnectionTimeouts timeouts, final ServerCounters counters)
    {
        this.timeouts = timeouts;
        this.counters = counters;
        this.idleEchoNanos = TimeUnit.MILLISECONDS.toNanos(timeouts.idleEchoMillis());
        this.idleCloseNanos = TimeUnit.MILLISECONDS.toNanos(timeouts.idleCloseMillis());
        this.slowReaderNanos = TimeUnit.MILLISECONDS.toNanos(timeouts.slowReaderTimeoutMillis());
    }

    /** Starts watching a connection just registered. */
    void start(final ChannelHandlerContext context, final long id)
    {
        ctx = context;
        connectionId = id;
        final long now = System.nanoTime();
        lastInboundNanos = now;
        lastEchoNanos = now;
        if (timeouts.idleEchoMillis() > 0)
        {
            echo = new NetworkEcho();
        }
        if (timeouts.any())
        {
            final long interval = timeouts.checkIntervalMillis();
            check = context.executor().scheduleAtFixedRate(this, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** The connection closed: no more checks. */
    void stop()
    {
        if (check != null)
        {
            check.cancel(false);
            check = null;
        }
    }

    /** Bytes arrived: the peer is not silent. */
    void onInbound()
    {
        lastInboundNanos = System.nanoTime();
    }

    void onWritabilityChanged(final boolean writable)
    {
        if (!writable && !unwritable)
        {
            unwritableSinceNanos = System.nanoTime();
        }
        unwritable = !writable;
    }

    /**
     * @return whether a message the switch does not answer is the acquirer's reply to one of our echoes,
     * to be taken quietly rather than logged as stray; counts it.
     */
    boolean isEchoReply(final int mti, final long stan)
    {
        if (mti != NetworkEcho.REPLY_MTI || echo == null || stan < oldestUnansweredStan || stan > echo.lastStan())
        {
            return false;
        }
        oldestUnansweredStan = (int)stan + 1;
        counters.echoRepliesReceived.incrementAndGet();
        return true;
    }

    @Override
    public void run()
    {
        if (!ctx.channel().isActive())
        {
            return;
        }
        final long now = System.nanoTime();
        if (!ctx.channel().config().isAutoRead())
        {
            // The session stopped reading (in-flight limit, an unwritable channel, shutdown): whatever the
            // peer sent waits in the socket, so this is not the peer's silence.
            lastInboundNanos = now;
        }
        if (slowReaderNanos > 0 && unwritable && now - unwritableSinceNanos >= slowReaderNanos)
        {
            counters.slowReaderCloses.incrementAndGet();
            LOG.warn("connection {}: its answers have gone unread for {} ms ({} bytes waiting); closing the connection",
                connectionId, TimeUnit.NANOSECONDS.toMillis(now - unwritableSinceNanos), pendingOutboundBytes());
            close();
            return;
        }
        final long silentNanos = now - lastInboundNanos;
        if (idleCloseNanos > 0 && silentNanos >= idleCloseNanos)
        {
            counters.idleCloses.incrementAndGet();
            LOG.warn("connection {}: nothing received for {} ms; closing the connection", connectionId,
                TimeUnit.NANOSECONDS.toMillis(silentNanos));
            close();
            return;
        }
        if (idleEchoNanos > 0 && silentNanos >= idleEchoNanos && now - lastEchoNanos >= idleEchoNanos &&
            ctx.channel().isWritable())
        {
            lastEchoNanos = now;
            sendEcho();
        }
    }

    private void sendEcho()
    {
        final int length = echo.encode(System.currentTimeMillis());
        final ByteBuf out = ctx.alloc().directBuffer(FRAME_HEADER + length);
        out.writeShort(length);
        out.writeBytes(echo.message().byteArray(), 0, length);
        ctx.writeAndFlush(out, ctx.voidPromise());
        counters.echoesSent.incrementAndGet();
    }

    /** @return bytes written to the channel but not yet taken by the socket, 0 once closed. Any thread. */
    long pendingOutboundBytes()
    {
        final ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private void close()
    {
        stop();
        ctx.close();
    }
}
