package dev.junction.network;

import dev.junction.core.pipeline.ResponseSink;
import org.agrona.DirectBuffer;

/**
 * The responder's side of the network: it queues each answer in the outbound buffer of the session its
 * request came from and, at the end of the ring batch, asks each touched session's event loop to
 * write once and flush once. Runs on the responder's thread only (the event loop itself in the inline
 * layout, where the drain is a task that runs after the ring batch); allocation-free.
 */
final class ChannelResponseSink implements ResponseSink
{
    private final SessionRegistry registry;
    private final ServerCounters counters;
    private final AcquirerSession[] touched;
    private int touchedCount;
    private long batch;

    ChannelResponseSink(final SessionRegistry registry, final ServerCounters counters)
    {
        this.registry = registry;
        this.counters = counters;
        this.touched = new AcquirerSession[registry.capacity()];
    }

    @Override
    public void onResponse(final long connectionId, final DirectBuffer response, final int offset, final int length)
    {
        final AcquirerSession session = registry.find(connectionId);
        if (session == null)
        {
            counters.answersForClosedConnections.incrementAndGet();
            return;
        }
        if (!session.offer(response, offset, length))
        {
            session.closeFromResponder();
            return;
        }
        if (session.responderBatchMark != batch)
        {
            session.responderBatchMark = batch;
            touched[touchedCount++] = session;
        }
    }

    @Override
    public void endOfBatch()
    {
        for (int i = 0; i < touchedCount; i++)
        {
            touched[i].scheduleDrain();
            touched[i] = null;
        }
        touchedCount = 0;
        batch++;
    }
}
