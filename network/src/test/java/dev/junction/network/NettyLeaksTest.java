package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check that the server tests rely on does catch a leak. */
class NettyLeaksTest
{
    static
    {
        NettyLeaks.install();
    }

    @Test
    void anUnreleasedBufferIsReported()
    {
        leakOne();
        boolean reported = false;
        for (int round = 0; round < 20 && !reported; round++)
        {
            System.gc();
            for (int i = 0; i < 16; i++)
            {
                PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            }
            reported = !NettyLeaks.takeReported().isEmpty();
        }
        assertTrue(reported, "the detector never reported the dropped buffer");
    }

    private static void leakOne()
    {
        final ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
