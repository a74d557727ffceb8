package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * Netty's leak detector (paranoid in tests, see the Surefire argLine), made to record what it
 * reports so a test can fail on a leak instead of a log line going unread. Installed before any
 * buffer class loads: every test class that starts a server calls {@link #install()} in a static
 * initializer, and {@link #assertNone()} after its tests.
 */
public final class NettyLeaks
{
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static
    {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory()
        {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(final Class<T> resource, final int samplingInterval,
                final long maxActive)
            {
                return new Recording<>(resource, samplingInterval);
            }
        });
    }

    private NettyLeaks()
    {
    }

    public static void install()
    {
        // The static initializer did the work; this call makes it run first.
    }

    /** Collects garbage, lets the detector poll, and fails if any buffer was never released. */
    public static void assertNone()
    {
        for (int round = 0; round < 3; round++)
        {
            System.gc();
            try
            {
                Thread.sleep(50);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            // The detector reports while tracking new buffers: allocate a few to make it poll.
            for (int i = 0; i < 16; i++)
            {
                final ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                probe.release();
            }
        }
        assertEquals(List.of(), List.copyOf(LEAKS), "Netty reported leaked buffers");
    }

    /** @return the leaks reported so far, clearing them (for the test that proves the check works). */
    static List<String> takeReported()
    {
        final List<String> reported = List.copyOf(LEAKS);
        LEAKS.clear();
        return reported;
    }

    private static final class Recording<T> extends ResourceLeakDetector<T>
    {
        Recording(final Class<?> resourceType, final int samplingInterval)
        {
            super(resourceType, samplingInterval);
        }

        @Override
        protected boolean needReport()
        {
            return true;
        }

        @Override
        protected void reportTracedLeak(final String resourceType, final String records)
        {
            LEAKS.add(resourceType + ": " + records);
        }

        @Override
        protected void reportUntracedLeak(final String resourceType)
        {
            LEAKS.add(resourceType + " (untraced)");
        }
    }
}
