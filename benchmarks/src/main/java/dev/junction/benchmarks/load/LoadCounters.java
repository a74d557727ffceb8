package dev.junction.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The running totals the live line prints each second. The load thread is their only writer and
 * publishes each with a release store ({@link AtomicLong#lazySet}), which costs no fence on x86; the
 * reporter thread reads them.
 */
final class LoadCounters
{
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong unmatched = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong connectionsLost = new AtomicLong();
    private final AtomicLong backlogged = new AtomicLong();

    void onSent()
    {
        sent.lazySet(sent.get() + 1);
    }

    void onAnswered()
    {
        answered.lazySet(answered.get() + 1);
    }

    void onUnmatched()
    {
        unmatched.lazySet(unmatched.get() + 1);
    }

    void onMalformed()
    {
        malformed.lazySet(malformed.get() + 1);
    }

    void onConnectionLost()
    {
        connectionsLost.lazySet(connectionsLost.get() + 1);
    }

    void onBacklogged(final long count)
    {
        backlogged.lazySet(backlogged.get() + count);
    }

    long sent()
    {
        return sent.get();
    }

    long answered()
    {
        return answered.get();
    }

    long unmatched()
    {
        return unmatched.get();
    }

    long malformed()
    {
        return malformed.get();
    }

    long connectionsLost()
    {
        return connectionsLost.get();
    }

    long backlogged()
    {
        return backlogged.get();
    }

    /** @return unmatched and malformed answers and lost connections: what the live line calls errors. */
    long errors()
    {
        return unmatched() + malformed() + connectionsLost();
    }
}
