package dev.junction.network.admin;

import java.util.concurrent.atomic.AtomicLong;

/** The admin endpoint's refusals, each a limit or a defence doing its job; shown by /metrics. */
final class AdminCounters
{
    final AtomicLong authFailures = new AtomicLong();
    final AtomicLong connectionsRefused = new AtomicLong();
    final AtomicLong actionsRefused = new AtomicLong();
    final AtomicLong badRequests = new AtomicLong();
}
