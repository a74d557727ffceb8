package dev.junction.network.admin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The admin actions as a test sees them: each call is recorded as one line naming the action and its
 * arguments, and answered with {@link #result}. A test can hold calls in progress ({@link #hold}) to fill
 * the action threads and the queue, or make them throw.
 */
final class RecordingAdminActions implements AdminActions
{
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile AdminResult result = new AdminResult(200, "done");
    volatile RuntimeException failure;
    /** Calls entered so far (held or not). */
    final Semaphore entered = new Semaphore(0);
    private volatile CountDownLatch hold = new CountDownLatch(0);

    /** Makes every call wait until {@link #release}. */
    void hold()
    {
        hold = new CountDownLatch(1);
    }

    void release()
    {
        hold.countDown();
    }

    private AdminResult record(final String call)
    {
        calls.add(call);
        entered.release();
        try
        {
            if (!hold.await(60, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("held for a minute");
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        if (failure != null)
        {
            throw failure;
        }
        return result;
    }

    @Override
    public AdminResult blockCard(final String pan, final String actor)
    {
        return record("blockCard " + pan + " by " + actor);
    }

    @Override
    public AdminResult unblockCard(final String pan, final String actor)
    {
        return record("unblockCard " + pan + " by " + actor);
    }

    @Override
    public AdminResult setCardLimits(final String pan, final long maxSingleMinor, final long dailyAmountMinor,
        final int dailyCount, final String actor)
    {
        return record("setCardLimits " + pan + " " + maxSingleMinor + " " + dailyAmountMinor + " " + dailyCount + " by " +
            actor);
    }

    @Override
    public AdminResult adjustAccount(final long accountId, final long amountMinor, final int currency,
        final String reference, final String actor)
    {
        return record("adjustAccount " + accountId + " " + amountMinor + " " + currency + " " + reference + " by " + actor);
    }

    @Override
    public AdminResult loadReferenceData(final String accountsCsv, final String cardsCsv, final String actor)
    {
        return record("loadReferenceData accounts=[" + accountsCsv + "] cards=[" + cardsCsv + "] by " + actor);
    }

    @Override
    public AdminResult cutover(final String actor)
    {
        return record("cutover by " + actor);
    }

    @Override
    public AdminResult snapshot(final String actor)
    {
        return record("snapshot by " + actor);
    }
}
