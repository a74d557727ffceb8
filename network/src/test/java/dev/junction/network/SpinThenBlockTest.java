package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

/**
 * The event loop's poll-then-block choice: ready sockets are processed and restart the window; within the
 * window the loop polls again instead of blocking; after it, and before any socket was ever ready, it
 * blocks; waiting tasks are never blocked on.
 */
class SpinThenBlockTest
{
    private static final long LONG_WINDOW_NANOS = 60_000_000_000L;
    private final AtomicLong blocks = new AtomicLong();

    @Test
    void readySocketsAreProcessedAndTheLoopThenPollsInsteadOfBlocking() throws Exception
    {
        final SpinThenBlock strategy = new SpinThenBlock(LONG_WINDOW_NANOS, blocks);
        assertEquals(3, strategy.calculateStrategy(() -> 3, false));
        assertEquals(SelectStrategy.CONTINUE, strategy.calculateStrategy(() -> 0, false));
        assertEquals(SelectStrategy.CONTINUE, strategy.calculateStrategy(() -> 0, false));
        assertEquals(0, blocks.get());
    }

    @Test
    void aLoopThatHasNeverHadTrafficBlocks() throws Exception
    {
        assertEquals(SelectStrategy.SELECT, new SpinThenBlock(LONG_WINDOW_NANOS, blocks).calculateStrategy(() -> 0, false));
    }

    @Test
    void onceTheWindowHasPassedWithNothingReadyTheLoopBlocks() throws Exception
    {
        final SpinThenBlock strategy = new SpinThenBlock(1_000_000L, blocks);
        assertEquals(1, strategy.calculateStrategy(() -> 1, false));
        Thread.sleep(20);
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false));
        assertEquals(1, blocks.get());
    }

    @Test
    void aWokenLoopPollsForAWindowBeforeItBlocksAgain() throws Exception
    {
        // The socket that woke a blocked loop is processed by the blocking wait itself, not seen by the poll.
        final SpinThenBlock strategy = new SpinThenBlock(LONG_WINDOW_NANOS, blocks);
        assertEquals(SelectStrategy.SELECT, strategy.calculateStrategy(() -> 0, false));
        assertEquals(0, strategy.calculateStrategy(() -> 0, false));
        assertEquals(SelectStrategy.CONTINUE, strategy.calculateStrategy(() -> 0, false));
        assertEquals(1, blocks.get());
    }

    @Test
    void waitingTasksAreRunNotBlockedOn() throws Exception
    {
        final SpinThenBlock strategy = new SpinThenBlock(1_000L, blocks);
        assertEquals(0, strategy.calculateStrategy(() -> 0, true));
        assertEquals(2, strategy.calculateStrategy(() -> 2, true));
    }

    @Test
    void windowsOutOfRangeAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new SpinThenBlock(0, blocks));
        assertThrows(IllegalArgumentException.class, () -> SpinThenBlock.ioHandlers(false, -1));
    }
}
