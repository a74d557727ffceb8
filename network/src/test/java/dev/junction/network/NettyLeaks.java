package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Netty's leak detector (paranoid in tests, see the Surefire argLine), made to record what it
 * reports so a test can fail on a leak instead of a log line going unread. Every test class that
 * starts a server or drives a channel says {@code @ExtendWith(NettyLeaks.class)}: JUnit makes this
 * extension before it loads the test class, which installs the detector before any buffer class
 * loads, and after the class's tests (and its own {@code @AfterAll}) it runs {@link #assertNone()}.
 */
public final class NettyLeaks implements AfterAllCallback
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

    /** For JUnit, through {@code @ExtendWith}. */
    public NettyLeaks()
    {
    }

    /** For the test of the detector itself, which leaks on purpose: makes the static initializer run first. */
    public static void install()
    {
        // The static initializer did the work.
    }

    @Override
    public void afterAll(final ExtensionContext context)
    {
        assertNone();
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
