package dev.junction.network.admin;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

/**
 * Decides on a request's head, before its body is read: an HTTP message that did not parse is refused
 * (400, 414, 431); an admin action without the right bearer token is refused (403 when no token is
 * configured, 401 otherwise); a declared body over {@code --admin-max-body-bytes} is refused (413). So
 * nobody without the token can make the switch buffer a body. A refused request's body is read and
 * dropped, then the connection is closed: closing with unread input would reset the connection and
 * the client might never see the answer.
 */
final class AdminGate extends ChannelInboundHandlerAdapter
{
    private final AdminToken token;
    private final int maxBodyBytes;
    private final AdminAudit audit;
    private final AdminCounters counters;
    /** A refusal was answered: drop what follows, close after its last part. */
    private boolean refused;
    private ChannelFuture refusal;

    AdminGate(final AdminToken token, final int maxBodyBytes, final AdminAudit audit, final AdminCounters counters)
    {
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
        this.audit = audit;
        this.counters = counters;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (refused)
        {
            final boolean last = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (last)
            {
                refusal.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (msg instanceof HttpObject && ((HttpObject)msg).decoderResult().isFailure())
        {
            refuse(ctx, msg, malformed(ctx, ((HttpObject)msg).decoderResult()));
            return;
        }
        if (msg instanceof HttpRequest)
        {
            final FullHttpResponse refusalAnswer = check(ctx, (HttpRequest)msg);
            if (refusalAnswer != null)
            {
                refuse(ctx, msg, refusalAnswer);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** @return the refusal of this request's head, or null to let it through. */
    private FullHttpResponse check(final ChannelHandlerContext ctx, final HttpRequest request)
    {
        final String path = new QueryStringDecoder(request.uri()).path();
        if (path.startsWith(AdminRoute.PREFIX))
        {
            if (!token.configured())
            {
                counters.badRequests.incrementAndGet();
                return HttpAnswers.text(ctx.alloc(), 403, "admin actions are disabled: no --admin-token-file");
            }
            if (!token.admits(request.headers().get(HttpHeaderNames.AUTHORIZATION)))
            {
                audit.authFailure(AdminHandler.remote(ctx), path);
                final FullHttpResponse answer = HttpAnswers.text(ctx.alloc(), 401,
                    "missing or wrong bearer token: send Authorization: Bearer <token>");
                answer.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
                return answer;
            }
        }
        if (HttpUtil.getContentLength(request, -1L) > maxBodyBytes)
        {
            counters.badRequests.incrementAndGet();
            return HttpAnswers.text(ctx.alloc(), 413, "request body over --admin-max-body-bytes " + maxBodyBytes);
        }
        return null;
    }

    private FullHttpResponse malformed(final ChannelHandlerContext ctx, final DecoderResult result)
    {
        counters.badRequests.incrementAndGet();
        final Throwable cause = result.cause();
        if (cause instanceof TooLongHttpLineException)
        {
            return HttpAnswers.text(ctx.alloc(), 414, "request line too long");
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException)
        {
            return HttpAnswers.text(ctx.alloc(), 431, "request headers too large");
        }
        return HttpAnswers.text(ctx.alloc(), 400, "malformed HTTP request");
    }

    private void refuse(final ChannelHandlerContext ctx, final Object msg, final FullHttpResponse answer)
    {
        final boolean last = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        answer.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        refused = true;
        refusal = ctx.writeAndFlush(answer);
        if (last || !(msg instanceof HttpRequest || msg instanceof HttpContent))
        {
            refusal.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
