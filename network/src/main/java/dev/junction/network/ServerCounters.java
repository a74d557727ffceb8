package dev.junction.network;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of the handled-but-exceptional cases at the network edge, each one a limit or a defence
 * doing its job. Lock-free; read by tests, by the shutdown summary and (later) by metrics.
 */
final class ServerCounters
{
    final AtomicLong connectionsAccepted = new AtomicLong();
    final AtomicLong connectionsRefused = new AtomicLong();
    final AtomicLong requestsPublished = new AtomicLong();
    final AtomicLong ringFullRejects = new AtomicLong();
    final AtomicLong malformedRequests = new AtomicLong();
    final AtomicLong unaddressableFrames = new AtomicLong();
    final AtomicLong oversizeFrames = new AtomicLong();
    final AtomicLong answersForClosedConnections = new AtomicLong();
    final AtomicLong outboundOverflows = new AtomicLong();
    final AtomicLong disconnectsNotJournaled = new AtomicLong();
    final AtomicLong ticksSkipped = new AtomicLong();

    @Override
    public String toString()
    {
        return "connections accepted=" + connectionsAccepted + " refused=" + connectionsRefused +
            ", requests=" + requestsPublished + ", ring-full 91s=" + ringFullRejects +
            ", malformed=" + malformedRequests + ", unaddressable=" + unaddressableFrames +
            ", oversize=" + oversizeFrames + ", answers for closed connections=" + answersForClosedConnections +
            ", outbound overflows=" + outboundOverflows;
    }
}
