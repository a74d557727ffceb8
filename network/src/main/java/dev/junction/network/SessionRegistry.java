package dev.junction.network;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The open acquirer sessions, by slot, bounded by the connection limit. A connection id carries its
 * slot in the low 16 bits and a per-process-unique generation above them, so the responder finds a
 * session without a map or a lock, and an answer for a connection that has since closed (its slot
 * reused) is recognised and dropped instead of reaching the wrong bank.
 */
final class SessionRegistry
{
    private static final int SLOT_BITS = 16;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;

    private final AtomicReferenceArray<AcquirerSession> slots;
    private final AtomicLong generations;

    SessionRegistry(final int maxConnections)
    {
        slots = new AtomicReferenceArray<>(maxConnections);
        // Generations start at the boot's wall-clock millisecond, so ids differ across restarts too.
        generations = new AtomicLong(System.currentTimeMillis());
    }

    /**
     * Reserves a slot for a new connection.
     *
     * @return the connection id, or -1 when every slot is taken (the connection limit).
     */
    long register(final AcquirerSession session)
    {
        for (int slot = 0; slot < slots.length(); slot++)
        {
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, session))
            {
                final long id = (generations.incrementAndGet() << SLOT_BITS) | slot;
                session.assignId(id);
                return id;
            }
        }
        return -1;
    }

    void unregister(final AcquirerSession session)
    {
        final long id = session.id();
        if (id >= 0)
        {
            slots.compareAndSet((int)(id & SLOT_MASK), session, null);
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

    /** @return the open sessions now (a snapshot, for shutdown and metrics). */
    java.util.List<AcquirerSession> open()
    {
        final java.util.List<AcquirerSession> open = new java.util.ArrayList<>();
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
