package dev.junction.network;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The open acquirer sessions, by slot, bounded by the connection limit in total and per remote address.
 * A connection id carries its slot in the low 16 bits and a per-process-unique generation above them, so
 * the responder finds a session without a map or a lock, and an answer for a connection that has since
 * closed (its slot reused) is recognised and dropped instead of reaching the wrong bank. Registering and
 * unregistering (connect and disconnect, never per message) take a lock for the per-address counts.
 */
final class SessionRegistry
{
    /** {@link #register} result: every slot is taken. */
    static final long REFUSED_TOTAL = -1;
    /** {@link #register} result: the address already has its limit of connections open. */
    static final long REFUSED_PER_ADDRESS = -2;

    private static final int SLOT_BITS = 16;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    /**
     * Lines a second about connections opening, closing or being closed for bad input, over all sessions: a
     * peer reconnecting in a loop, or a fuzzer, costs the log this much and no more.
     */
    static final int LIFECYCLE_LOG_LINES_PER_SECOND = 20;

    private final RateLimitedLog lifecycleLog;
    private final AtomicReferenceArray<AcquirerSession> slots;
    private final AtomicLong generations;
    private final int maxPerAddress;

    /** The shared limit on connection lifecycle log lines (see {@link #LIFECYCLE_LOG_LINES_PER_SECOND}). */
    RateLimitedLog lifecycleLog()
    {
        return lifecycleLog;
    }
    /** Guarded by itself: open connections per remote address, and the address each slot counts against. */
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final InetAddress[] slotAddresses;
    /** Guarded by itself: refusals come from every event loop, and a flood of them must not flood the log. */
    private final LogLimiter refusalLog = new LogLimiter(10, 1000);

    SessionRegistry(final int maxConnections)
    {
        this(maxConnections, maxConnections);
    }

    SessionRegistry(final int maxConnections, final int maxPerAddress)
    {
        this(maxConnections, maxPerAddress, LIFECYCLE_LOG_LINES_PER_SECOND);
    }

    /** @param lifecycleLinesPerSecond 0 for none (a warm-up's scratch switch, whose loopback connections are its own). */
    SessionRegistry(final int maxConnections, final int maxPerAddress, final int lifecycleLinesPerSecond)
    {
        lifecycleLog = new RateLimitedLog(lifecycleLinesPerSecond);
        slots = new AtomicReferenceArray<>(maxConnections);
        slotAddresses = new InetAddress[maxConnections];
        this.maxPerAddress = maxPerAddress;
        // Generations start at the boot's wall-clock millisecond, so ids differ across restarts too.
        generations = new AtomicLong(System.currentTimeMillis());
    }

    /**
     * Reserves a slot for a new connection, unless that would pass the limit in total or for its address.
     *
     * @param address the remote address, or null when there is none (an embedded channel in tests): then
     *                only the total counts.
     * @return the connection id, or {@link #REFUSED_TOTAL} or {@link #REFUSED_PER_ADDRESS}.
     */
    long register(final AcquirerSession session, final InetAddress address)
    {
        synchronized (perAddress)
        {
            final int open = address == null ? 0 : perAddress.getOrDefault(address, 0);
            if (open >= maxPerAddress)
            {
                return REFUSED_PER_ADDRESS;
            }
            for (int slot = 0; slot < slots.length(); slot++)
            {
                if (slots.get(slot) == null && slots.compareAndSet(slot, null, session))
                {
                    if (address != null)
                    {
                        perAddress.put(address, open + 1);
                        slotAddresses[slot] = address;
                    }
                    final long id = (generations.incrementAndGet() << SLOT_BITS) | slot;
                    session.assignId(id);
                    return id;
                }
            }
            return REFUSED_TOTAL;
        }
    }

    void unregister(final AcquirerSession session)
    {
        final long id = session.id();
        if (id < 0)
        {
            return;
        }
        final int slot = (int)(id & SLOT_MASK);
        synchronized (perAddress)
        {
            if (slots.compareAndSet(slot, session, null))
            {
                final InetAddress address = slotAddresses[slot];
                slotAddresses[slot] = null;
                if (address != null)
                {
                    perAddress.computeIfPresent(address, (key, open) -> open > 1 ? open - 1 : null);
                }
            }
        }
    }

    /** @return the open session with this id, or null when it has closed. Any thread; allocation-free. */
    AcquirerSession find(final long connectionId)
    {
        final int slot = (int)(connectionId & SLOT_MASK);
        if (slot >= slots.length())
        {
            return null;
        }
        final AcquirerSession session = slots.get(slot);
        return session != null && session.id() == connectionId ? session : null;
    }

    int capacity()
    {
        return slots.length();
    }

    int maxPerAddress()
    {
        return maxPerAddress;
    }

    /** @return how many connections from {@code address} are open now. */
    int openFrom(final InetAddress address)
    {
        synchronized (perAddress)
        {
            return perAddress.getOrDefault(address, 0);
        }
    }

    /**
     * Counts a refused connection for the log: the first 10, then one in every 1,000, across all event loops.
     *
     * @return how many were refused so far when this one is to be logged, else 0.
     */
    long admitRefusalLog()
    {
        synchronized (refusalLog)
        {
            return refusalLog.admit() ? refusalLog.seen() : 0;
        }
    }

    /** @return the open sessions now (a snapshot, for shutdown and metrics). */
    List<AcquirerSession> open()
    {
        final List<AcquirerSession> open = new ArrayList<>();
        for (int slot = 0; slot < slots.length(); slot++)
        {
            final AcquirerSession session = slots.get(slot);
            if (session != null)
            {
                open.add(session);
            }
        }
        return open;
    }
}
