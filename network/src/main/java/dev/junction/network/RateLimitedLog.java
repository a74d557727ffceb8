package dev.junction.network;

/**
 * At most {@code perSecond} lines a second across all threads, so that a flood (bad handshakes, a peer
 * reconnecting in a loop) costs the log a few lines a second; the next line admitted says how many were
 * left out. Synchronized: for per-connection events, never for per-message ones.
 */
final class RateLimitedLog
{
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private long windowStartNanos = System.nanoTime();
    private int admittedInWindow;
    private long suppressed;

    RateLimitedLog(final int perSecond)
    {
        this.perSecond = perSecond;
    }

    /** @return -1 to drop this line, else how many were dropped since the last admitted one. */
    synchronized long admit()
    {
        final long now = System.nanoTime();
        if (now - windowStartNanos >= SECOND_NANOS)
        {
            windowStartNanos = now;
            admittedInWindow = 0;
        }
        if (admittedInWindow >= perSecond)
        {
            suppressed++;
            return -1;
        }
        admittedInWindow++;
        final long dropped = suppressed;
        suppressed = 0;
        return dropped;
    }

    /** @return the note an admitted line carries when lines before it were dropped, else "". */
    static String suppressedText(final long suppressed)
    {
        return suppressed == 0 ? "" : " [" + suppressed + " more such lines suppressed before this one]";
    }
}
