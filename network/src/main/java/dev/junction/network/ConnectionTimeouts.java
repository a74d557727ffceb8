package dev.junction.network;

/**
 * The per-connection timeouts a {@link ConnectionWatch} enforces, in milliseconds; 0 disables each.
 * Validated by {@link ServerConfig}, which names the options.
 *
 * @param idleEchoMillis          silence after which the switch sends the acquirer an 0800 echo.
 * @param idleCloseMillis         silence after which the connection is closed.
 * @param slowReaderTimeoutMillis time a connection may stay unwritable before it is closed.
 */
record ConnectionTimeouts(long idleEchoMillis, long idleCloseMillis, long slowReaderTimeoutMillis)
{
    /** Nothing watched: for sessions driven by tests that exercise something else. */
    static final ConnectionTimeouts NONE = new ConnectionTimeouts(0, 0, 0);

    /** @return whether any timeout is on, so the connection needs a periodic check at all. */
    boolean any()
    {
        return idleEchoMillis > 0 || idleCloseMillis > 0 || slowReaderTimeoutMillis > 0;
    }

    /**
     * @return how often to check: a quarter of the shortest timeout, so each fires at most a quarter late,
     * between 10 ms and 1 s.
     */
    long checkIntervalMillis()
    {
        long shortest = Long.MAX_VALUE;
        for (final long timeout : new long[] {idleEchoMillis, idleCloseMillis, slowReaderTimeoutMillis})
        {
            if (timeout > 0)
            {
                shortest = Math.min(shortest, timeout);
            }
        }
        return Math.max(10, Math.min(1_000, shortest / 4));
    }
}
