package dev.junction.network;

import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.IntSupplier;

/**
 * An event loop's choice between polling and blocking ({@code --loop-spin-us}): after the last time the
 * loop found a socket ready it keeps polling (a non-blocking {@code epoll_wait}, then a spin hint) for a
 * window; once the window has passed with nothing ready, it blocks in the selector as Netty's default does,
 * and after each wake-up (a request, or one of the loop's timers) the window starts again.
 * <p>
 * Why: a loop that blocks between requests must be woken for the next one, and on a machine with fewer
 * cores than busy threads the woken loop may wait for a core (measured on the 2-core VM at 100,000
 * requests/s: wake-ups of 0.5–2.6 ms behind the load generator's spinning sender, docs/perf-notes.md). A
 * loop that is still polling when a request arrives reads it without being woken. The price is a core
 * held while traffic flows and for one window after it; an idle loop blocks, so an idle switch costs
 * nothing. Off by default: on a shared 2-core machine the core it holds is one other threads want.
 * <p>
 * One instance per event loop (Netty asks the factory once per loop); only that loop calls it.
 */
public final class SpinThenBlock implements SelectStrategy
{
    private final long windowNanos;
    private final AtomicLong blocks;
    private long lastReadyNanos;
    /** The last choice was to block: this call comes after the loop was woken, by a socket or otherwise. */
    private boolean woken;

    /** @param blocks counts the times the loop chose to block: once per gap longer than the window. */
    SpinThenBlock(final long windowNanos, final AtomicLong blocks)
    {
        if (windowNanos <= 0)
        {
            throw new IllegalArgumentException("spin window must be positive: " + windowNanos);
        }
        this.windowNanos = windowNanos;
        this.blocks = blocks;
        lastReadyNanos = System.nanoTime() - windowNanos;
    }

    /**
     * @param epoll        the epoll transport, else NIO.
     * @param windowMicros how long each loop polls after it last found a socket ready; 0 for Netty's default
     *                     (block as soon as nothing is ready).
     * @return the event loops' I/O handlers.
     */
    public static IoHandlerFactory ioHandlers(final boolean epoll, final long windowMicros)
    {
        return ioHandlers(epoll, windowMicros, new AtomicLong());
    }

    /** As {@link #ioHandlers(boolean, long)}; {@code blocks} counts the times a loop blocked (not with window 0). */
    static IoHandlerFactory ioHandlers(final boolean epoll, final long windowMicros, final AtomicLong blocks)
    {
        if (windowMicros < 0)
        {
            throw new IllegalArgumentException("spin window must not be negative: " + windowMicros);
        }
        final long windowNanos = windowMicros * 1_000L;
        final SelectStrategyFactory strategies = windowMicros == 0 ? DefaultSelectStrategyFactory.INSTANCE :
            () -> new SpinThenBlock(windowNanos, blocks);
        return epoll ? EpollIoHandler.newFactory(0, strategies) :
            NioIoHandler.newFactory(SelectorProvider.provider(), strategies);
    }

    @Override
    public int calculateStrategy(final IntSupplier selectNow, final boolean hasTasks) throws Exception
    {
        final int ready = selectNow.get();
        if (ready > 0 || woken)
        {
            // What woke a blocked loop was (nearly always) a socket, whose events the blocking wait has
            // already handed over: the window runs from then as from a ready socket found by polling.
            woken = false;
            lastReadyNanos = System.nanoTime();
            return ready;
        }
        if (hasTasks)
        {
            // Nothing ready: on to the tasks (Netty's default polls too, and never blocks, when tasks wait).
            return 0;
        }
        if (System.nanoTime() - lastReadyNanos < windowNanos)
        {
            Thread.onSpinWait();
            return SelectStrategy.CONTINUE;
        }
        blocks.incrementAndGet();
        woken = true;
        return SelectStrategy.SELECT;
    }
}
