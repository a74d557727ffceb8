package dev.junction.benchmarks.floor;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Writes each frame it receives back to its sender, length prefix and all; flushes once per read
 * batch, as the switch's sessions do. The frame buffer's ownership passes to the write, which
 * releases it. Stateless, so one instance could serve every channel.
 */
@ChannelHandler.Sharable
final class EchoFrameHandler extends ChannelInboundHandlerAdapter
{
    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object frame)
    {
        ctx.write(frame, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // A frame over 65,535 bytes cannot come (the prefix has 2 bytes); a reset peer just goes away.
        ctx.close();
    }
}
