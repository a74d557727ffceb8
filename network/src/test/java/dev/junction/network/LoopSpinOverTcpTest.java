package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --loop-spin-us} in a running switch: with a window longer than the gaps between requests the
 * event loop polls through the gaps instead of blocking in each, and it still blocks once traffic stops,
 * after which it uses no CPU. Counted decisions and CPU time, not latency: a latency figure would be a
 * timed test on a shared machine.
 */
@ExtendWith(NettyLeaks.class)
class LoopSpinOverTcpTest
{
    /** Requests this far apart: well under the 10-ms window, so the loop has no reason to block between them. */
    private static final long GAP_MILLIS = 2;
    private static final int REQUESTS = 200;

    @TempDir
    Path dir;

    /** @param transport auto (epoll here) or nio: both take the strategy. */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "nio"})
    void theLoopPollsThroughGapsShorterThanItsWindowAndBlocksOnceTrafficStops(final String transport) throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).transport(transport)
            .loopSpinMicros(ServerConfig.MAX_LOOP_SPIN_MICROS).build();
        try (TestSwitch server = TestSwitch.start(config))
        {
            final NACChannel channel = server.connect();
            try
            {
                final long blocksBefore = server.server.loopBlocks();
                for (int i = 1; i <= REQUESTS; i++)
                {
                    assertEquals("00", TestSwitch.exchange(channel, TestSwitch.networkManagement("301", i)).getString(39));
                    Thread.sleep(GAP_MILLIS);
                }
                // A loop that blocked in every gap would count 200; a stall of this machine longer than the
                // window (the test's thread not woken from its sleep in time) may cost one block.
                final long blocked = server.server.loopBlocks() - blocksBefore;
                assertTrue(blocked < REQUESTS / 10, "the loop blocked " + blocked + " times in " + REQUESTS + " gaps");
            }
            finally
            {
                channel.disconnect();
            }
            final long blocksAfterTraffic = server.server.loopBlocks();
            Thread.sleep(200);
            assertTrue(server.server.loopBlocks() > blocksAfterTraffic, "the loop blocked once traffic stopped");
            final long cpuBefore = loopCpuNanos();
            Thread.sleep(1_000);
            final long idle = loopCpuNanos() - cpuBefore;
            assertTrue(idle < TimeUnit.MILLISECONDS.toNanos(150), "CPU of the idle loop over 1 s: " + idle / 1_000 + " µs");
        }
    }

    /** @return the CPU time of the switch's event loop threads so far. */
    private static long loopCpuNanos()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (info != null && info.getThreadName().startsWith("junction-io"))
            {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }
}
