package dev.junction.network;

/**
 * The time producers stamp on each input: epoch nanoseconds from the monotonic clock plus an offset
 * sampled once at start, so it never steps backwards within a run and costs no allocation. The
 * authorizer never reads a clock: it sees only this stamp, which the journal keeps.
 */
final class IngressClock
{
    private final long offsetNanos;

    IngressClock()
    {
        offsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    }

    long epochNanos()
    {
        return System.nanoTime() + offsetNanos;
    }
}
