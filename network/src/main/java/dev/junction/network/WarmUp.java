package dev.junction.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.junction.core.refdata.DemoData;
import dev.junction.network.traffic.WarmUpTraffic;

/**
 * The warm-up before the acquirer port opens ({@code --warm-up-ms}). A switch that has just started runs its
 * request path in the interpreter and then compiles it piece by piece while acquirers wait: the first
 * tens of seconds of traffic meet compilation bursts of milliseconds, and paths first taken later (a hold
 * expiring, a full transaction table evicting, a decline) are recompiled when they appear. So before the
 * port opens, a scratch switch (the same classes, its own journal in {@code <data>/warm-up}, the demo
 * set, and a hold expiry of a quarter second so that eviction and expiry happen) is started on
 * a loopback port and driven by {@link WarmUpTraffic} for the time asked, then stopped and its directory
 * removed. The real journal and state are not touched: the scratch switch shares nothing with them but
 * code. Its layout, ring, journal helper, transport, frame limit, journal key and sync mode are the real
 * switch's, so the compiled code is the code the real switch runs. TLS, MACs and sign-on are not warmed.
 *
 * <p>A warm-up that fails (no room for the scratch journal, a scratch stage failing, an answer missing)
 * is logged and the switch starts without it: the warm-up only makes the first minutes faster.
 */
public final class WarmUp
{
    /** The scratch switch's data directory, under the real one. */
    static final String DIRECTORY = "warm-up";
    /**
     * The scratch switch's hold expiry: holds expire within the warm-up, so expiry is compiled too, and at
     * the scratch's rate of some 200,000 requests a second (one in five an authorization) at most 10,000
     * holds stand at once: the table never fills with them (a full table would answer 91, and the warm-up
     * would compile a decline the real switch does not meet).
     */
    static final long SCRATCH_HOLD_EXPIRY_MILLIS = 250;
    /** The scratch switch's ticker (which expires holds). */
    static final long SCRATCH_TICK_MILLIS = 100;
    /** The scratch tables: the default transaction table, full within a second, so eviction happens; a short duplicate window, which wraps. */
    static final int SCRATCH_TRANSACTIONS = 131_072;
    static final int SCRATCH_DUPLICATE_WINDOW = 16_384;
    private static final long SCRATCH_SHUTDOWN_MILLIS = 2_000;

    private WarmUp()
    {
    }

    /**
     * What a warm-up did, for the banner.
     *
     * @param millis   how long it took, the scratch switch's start and stop included (the traffic itself runs
     *                 {@code --warm-up-ms}).
     * @param requests requests answered by the scratch switch.
     * @param approved of those, answered 00.
     * @param problem  why it stopped early, or null.
     */
    public record Result(long millis, long requests, long approved, String problem)
    {
        static final Result NONE = new Result(0, 0, 0, null);
    }

    /** Runs the warm-up {@code real} asks for; returns {@link Result#NONE} at once when it asks for none. */
    static Result run(final ServerConfig real)
    {
        if (real.warmUpMillis() == 0)
        {
            return Result.NONE;
        }
        final long started = System.nanoTime();
        final Path directory = real.dataDir().resolve(DIRECTORY);
        final AtomicReference<Throwable> failed = new AtomicReference<>();
        JunctionServer scratch = null;
        String problem = null;
        WarmUpTraffic.Counts counts = new WarmUpTraffic.Counts(0, 0);
        try
        {
            // A directory left by a warm-up that a killed process did not finish.
            deleteTree(directory);
            scratch = JunctionServer.scratch(scratchConfig(real, directory), e -> failed.compareAndSet(null, e));
            final InetSocketAddress address = scratch.start().address();
            // The traffic runs the time asked; the scratch switch's start (the demo set) comes on top.
            counts = WarmUpTraffic.drive(new InetSocketAddress("127.0.0.1", address.getPort()),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(real.warmUpMillis()));
        }
        catch (final StartupException | IOException | RuntimeException e)
        {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        finally
        {
            if (scratch != null)
            {
                scratch.close();
            }
        }
        if (failed.get() != null)
        {
            problem = "a stage of the scratch switch failed: " + failed.get().getMessage();
        }
        try
        {
            deleteTree(directory);
        }
        catch (final IOException e)
        {
            problem = (problem == null ? "" : problem + "; ") + "could not remove " + directory + ": " + e.getMessage();
        }
        return new Result(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
            problem == null ? counts.requests() : 0, counts.approved(), problem);
    }

    static ServerConfig scratchConfig(final ServerConfig real, final Path directory)
    {
        return ServerConfig.builder()
            .host("127.0.0.1").port(0).dataDir(directory)
            .maxFrameBytes(real.maxFrameBytes())
            .maxInFlightPerConnection(Math.max(real.maxInFlightPerConnection(), WarmUpTraffic.BURST))
            .ringSize(real.ringSize()).waitStrategy(real.waitStrategy()).threadLayout(real.threadLayout())
            .journalHelperBatch(real.journalHelperBatch()).ioThreads(real.ioThreads()).transport(real.transport())
            .loopSpinMicros(real.loopSpinMicros())
            .accountCapacity(2 * DemoData.CARD_COUNT).cardCapacity(2 * DemoData.CARD_COUNT)
            .transactionCapacity(SCRATCH_TRANSACTIONS).duplicateWindow(SCRATCH_DUPLICATE_WINDOW)
            .holdExpiryMillis(SCRATCH_HOLD_EXPIRY_MILLIS).tickIntervalMillis(SCRATCH_TICK_MILLIS)
            .snapshotIntervalMillis(0).journalSyncEachBatch(real.journalSyncEachBatch()).journalKey(real.journalKey())
            .minFreeDiskMb(real.minFreeDiskMb()).shutdownTimeoutMillis(SCRATCH_SHUTDOWN_MILLIS)
            .adminPort(ServerConfig.ADMIN_OFF)
            .build();
    }

    static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException
            {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(final Path file, final IOException e) throws IOException
            {
                if (e instanceof NoSuchFileException)
                {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path directory, final IOException e) throws IOException
            {
                if (e != null)
                {
                    throw e;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
