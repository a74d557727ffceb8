package dev.junction.network;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between the {@link SslHandler} and the acquirer session of a TLS connection. An acquirer is an
 * acquirer only once its handshake is done: until then this gate holds back {@code channelActive}, so a
 * port scanner, a plaintext client or an untrusted certificate never takes a session slot, never puts a
 * CONNECT in the journal and never counts as an accepted connection. On success it adds the
 * {@link AcquirerSession} behind itself and lets {@code channelActive} through, and the session works as
 * on a plaintext port. A failure is counted and logged, rate-limited across the whole server; the
 * {@link SslHandler} closes the connection.
 *
 * <p>It stays in the pipeline afterwards for one more job: Netty's {@link NotSslRecordException} carries
 * a hex dump of the bytes it could not read, which can be a plaintext ISO 8583 message with its PAN; its
 * message never reaches a log line.
 */
final class TlsHandshakeGate extends ChannelInboundHandlerAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeGate.class);

    private final Shared shared;
    private boolean pending;
    private boolean open;

    TlsHandshakeGate(final Shared shared)
    {
        this.shared = shared;
    }

    /** What every connection's gate shares: the handshakes-in-progress bound, the counters, the log limit. */
    static final class Shared
    {
        private final int maxPending;
        private final AtomicInteger pending = new AtomicInteger();
        private final ServerCounters counters;
        private final RateLimitedLog failureLog;
        private final Supplier<AcquirerSession> sessions;

        /**
         * @param maxPending handshakes in progress at once (the connection limit: each will be a connection).
         * @param sessions   makes the session of a connection whose handshake succeeded.
         */
        Shared(final int maxPending, final ServerCounters counters, final int logLinesPerSecond,
            final Supplier<AcquirerSession> sessions)
        {
            this.maxPending = maxPending;
            this.counters = counters;
            this.failureLog = new RateLimitedLog(logLinesPerSecond);
            this.sessions = sessions;
        }

        int pending()
        {
            return pending.get();
        }
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        if (shared.pending.incrementAndGet() > shared.maxPending)
        {
            shared.pending.decrementAndGet();
            shared.counters.connectionsRefused.incrementAndGet();
            final long suppressed = shared.failureLog.admit();
            if (suppressed >= 0)
            {
                LOG.warn("refused a connection from {}: {} TLS handshakes are already in progress{}",
                    ctx.channel().remoteAddress(), shared.maxPending, RateLimitedLog.suppressedText(suppressed));
            }
            ctx.close();
            return;
        }
        pending = true;
        // Not passed on: the session hears channelActive once the handshake is done.
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (!(event instanceof SslHandshakeCompletionEvent))
        {
            ctx.fireUserEventTriggered(event);
            return;
        }
        final SslHandshakeCompletionEvent completion = (SslHandshakeCompletionEvent)event;
        releasePending();
        if (completion.isSuccess())
        {
            admit(ctx);
        }
        else
        {
            onFailure(ctx, completion.cause());
        }
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (open)
        {
            ctx.fireChannelRead(msg);
            return;
        }
        // The SslHandler passes nothing on before the handshake is done (no early data); should it ever,
        // nobody is there to read it.
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        releasePending();
        if (open)
        {
            ctx.fireChannelInactive();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        final Throwable safe = withoutPayload(cause);
        if (open)
        {
            ctx.fireExceptionCaught(safe);
            return;
        }
        // During the handshake the completion event reports the failure; the SslHandler closes.
        ctx.close();
    }

    private void admit(final ChannelHandlerContext ctx)
    {
        final AcquirerSession session = shared.sessions.get();
        ctx.pipeline().addAfter(ctx.name(), "acquirer", session);
        open = true;
        ctx.fireChannelActive();
        if (session.id() >= 0 && ctx.channel().isActive())
        {
            final SSLSession tls = ctx.pipeline().get(SslHandler.class).engine().getSession();
            LOG.info("connection {}: {} {}, {}", session.id(), tls.getProtocol(), tls.getCipherSuite(), peer(tls));
        }
    }

    private void onFailure(final ChannelHandlerContext ctx, final Throwable cause)
    {
        final boolean timeout = cause instanceof SslHandshakeTimeoutException;
        (timeout ? shared.counters.tlsHandshakeTimeouts : shared.counters.tlsHandshakeFailures).incrementAndGet();
        final long suppressed = shared.failureLog.admit();
        if (suppressed >= 0)
        {
            LOG.warn("TLS handshake with {} failed: {}; connection closed{}", ctx.channel().remoteAddress(),
                describe(cause), RateLimitedLog.suppressedText(suppressed));
        }
        ctx.close();
    }

    private void releasePending()
    {
        if (pending)
        {
            pending = false;
            shared.pending.decrementAndGet();
        }
    }

    /** @return the acquirer's identity from its certificate's subject (a name, nothing secret), if it sent one. */
    private static String peer(final SSLSession tls)
    {
        try
        {
            final Certificate[] chain = tls.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate)
            {
                final X509Certificate leaf = (X509Certificate)chain[0];
                return "client certificate " + leaf.getSubjectX500Principal().getName() + " (issuer " +
                    leaf.getIssuerX500Principal().getName() + ")";
            }
        }
        catch (final SSLPeerUnverifiedException none)
        {
            // No client certificate: client auth none, or optional and the acquirer sent none.
        }
        return "no client certificate";
    }

    private static String describe(final Throwable cause)
    {
        if (cause instanceof SslHandshakeTimeoutException)
        {
            return "not done within the handshake timeout (--tls-handshake-timeout-ms)";
        }
        if (findNotSslRecord(cause))
        {
            return "not a TLS record (a plaintext client?)";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root)
        {
            root = root.getCause();
        }
        final String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    private static Throwable withoutPayload(final Throwable cause)
    {
        return findNotSslRecord(cause) ? new SSLException("not a TLS record") : cause;
    }

    private static boolean findNotSslRecord(final Throwable cause)
    {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause())
        {
            if (t instanceof NotSslRecordException)
            {
                return true;
            }
        }
        return false;
    }

}
