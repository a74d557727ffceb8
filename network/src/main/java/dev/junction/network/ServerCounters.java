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
    /** Requests answered 91 because the data directory was below --min-free-disk-mb (not journaled). */
    final AtomicLong diskLowRejects = new AtomicLong();
    /** Raised by {@link DiskFloor} while the data directory is below its floor; read by the event loops. */
    volatile boolean diskLow;
    final AtomicLong malformedRequests = new AtomicLong();
    final AtomicLong unaddressableFrames = new AtomicLong();
    final AtomicLong oversizeFrames = new AtomicLong();
    final AtomicLong answersForClosedConnections = new AtomicLong();
    final AtomicLong outboundOverflows = new AtomicLong();
    final AtomicLong disconnectsNotJournaled = new AtomicLong();
    final AtomicLong ticksSkipped = new AtomicLong();
    /** Connections closed on accept because their address already had its limit open (a subset of refused). */
    final AtomicLong connectionsRefusedPerAddress = new AtomicLong();
    /** Connections closed because their client left its answers unread past the slow-reader timeout. */
    final AtomicLong slowReaderCloses = new AtomicLong();
    /** Connections closed because nothing arrived on them for the idle-close time. */
    final AtomicLong idleCloses = new AtomicLong();
    /** 0800 echoes the switch sent to silent acquirers. */
    final AtomicLong echoesSent = new AtomicLong();
    /** 0810 answers to those echoes, taken quietly. */
    final AtomicLong echoRepliesReceived = new AtomicLong();
    /** TLS handshakes that failed: not TLS at all, an old protocol, a client certificate refused, a reset. */
    final AtomicLong tlsHandshakeFailures = new AtomicLong();
    /** TLS handshakes still not done after --tls-handshake-timeout-ms. */
    final AtomicLong tlsHandshakeTimeouts = new AtomicLong();

    @Override
    public String toString()
    {
        return "connections accepted=" + connectionsAccepted + " refused=" + connectionsRefused +
            ", requests=" + requestsPublished + ", ring-full 91s=" + ringFullRejects + ", disk-low 91s=" + diskLowRejects +
            ", malformed=" + malformedRequests + ", unaddressable=" + unaddressableFrames +
            ", oversize=" + oversizeFrames + ", answers for closed connections=" + answersForClosedConnections +
            ", outbound overflows=" + outboundOverflows + ", refused per address=" + connectionsRefusedPerAddress +
            ", slow-reader closes=" + slowReaderCloses + ", idle closes=" + idleCloses + ", echoes sent=" + echoesSent +
            " answered=" + echoRepliesReceived + ", TLS handshake failures=" + tlsHandshakeFailures +
            " timeouts=" + tlsHandshakeTimeouts;
    }
}
