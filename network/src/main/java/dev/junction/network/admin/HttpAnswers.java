package dev.junction.network.admin;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Builds the endpoint's answers: a status and a body of one line of text (or the metrics page). */
final class HttpAnswers
{
    static final String TEXT = "text/plain; charset=utf-8";

    private HttpAnswers()
    {
    }

    /** @return an answer whose body is {@code line} and a line end. */
    static FullHttpResponse text(final ByteBufAllocator allocator, final int status, final String line)
    {
        return body(allocator, status, TEXT, line + "\n");
    }

    static FullHttpResponse body(final ByteBufAllocator allocator, final int status, final String contentType,
        final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status), allocator.buffer(bytes.length).writeBytes(bytes));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    /** Writes {@code response} and, unless {@code keepAlive}, closes the connection once it is written. */
    static ChannelFuture send(final ChannelHandlerContext ctx, final FullHttpResponse response, final boolean keepAlive)
    {
        response.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE :
            HttpHeaderValues.CLOSE);
        final ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive)
        {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        return written;
    }
}
