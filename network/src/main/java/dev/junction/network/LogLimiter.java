package dev.junction.network;

/**
 * Decides whether a repeated event is worth another log line: the first {@code burst}, then one in
 * every {@code every}, so a hostile peer cannot flood the log. Not thread-safe: one per connection,
 * used on its event loop.
 */
final class LogLimiter
{
    private final int burst;
    private final int every;
    private long seen;

    LogLimiter(final int burst, final int every)
    {
        this.burst = burst;
        this.every = every;
    }

    /** Counts an occurrence; returns whether to log it. */
    boolean admit()
    {
        final long count = ++seen;
        return count <= burst || count % every == 0;
    }

    long seen()
    {
        return seen;
    }
}
