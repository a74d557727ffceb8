package dev.junction.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory's free-space floor ({@code --min-free-disk-mb}). Checked on the ticker's thread every
 * tick: below the floor it raises {@link ServerCounters#diskLow}, and the event loops answer requests 91 at
 * once, without journaling them, as when the ring is full; above it again they are taken. So a filling disk
 * refuses new work while the journal still has room, instead of failing a mapped write and stopping the
 * switch. One line is logged when the state changes, none per request.
 * <p>
 * It also says the free space in words for the fatal line ({@link #describe}): a full disk shows up in the
 * journal as a fault in a memory-mapped write (Chronicle's {@code InternalError: a fault occurred in a
 * recent unsafe memory access}), which names neither the disk nor the directory.
 */
final class DiskFloor
{
    private static final Logger LOG = LoggerFactory.getLogger(DiskFloor.class);
    private static final long MIB = 1024 * 1024;

    private final Path directory;
    private final long minFreeMb;
    private final ServerCounters counters;
    private volatile ToLongFunction<Path> usableBytes = this::storeUsableBytes;
    /** The data directory's file store, found once (finding it reads the mount table); statvfs each tick. */
    private volatile FileStore store;
    private volatile long lastFreeBytes = -1;

    DiskFloor(final Path directory, final long minFreeMb, final ServerCounters counters)
    {
        this.directory = directory;
        this.minFreeMb = minFreeMb;
        this.counters = counters;
    }

    /** Replaces where the free space is read from (tests simulate a filling disk). */
    void usableBytes(final ToLongFunction<Path> source)
    {
        usableBytes = source;
    }

    /** Reads the free space and raises or lowers the floor's flag; never throws. */
    void check()
    {
        if (minFreeMb == 0)
        {
            return;
        }
        final long free;
        try
        {
            free = usableBytes.applyAsLong(directory);
        }
        catch (final RuntimeException e)
        {
            // Not knowing is not a reason to refuse traffic; the journal's own failure would still stop the switch.
            LOG.warn("data directory {}: free space unknown ({}); the --min-free-disk-mb floor is not checked this tick",
                directory, e.getMessage());
            return;
        }
        lastFreeBytes = free;
        final boolean low = free < minFreeMb * MIB;
        if (low != counters.diskLow)
        {
            counters.diskLow = low;
            if (low)
            {
                LOG.warn("data directory {} has {} MiB free, below --min-free-disk-mb {}: requests are answered 91 " +
                    "and not journaled until there is room", directory, free / MIB, minFreeMb);
            }
            else
            {
                LOG.info("data directory {} has {} MiB free, above --min-free-disk-mb {} again: requests are taken",
                    directory, free / MIB, minFreeMb);
            }
        }
    }

    /**
     * Reads the free space now, whatever the floor, for an operator.
     *
     * @return "data directory DIR has N MiB free", or why the free space is not known. Never throws.
     */
    String describe()
    {
        try
        {
            return String.format("data directory %s has %,d MiB free", directory, storeUsableBytes(directory) / MIB);
        }
        catch (final RuntimeException e)
        {
            final Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            return "data directory " + directory + ": free space unknown (" + cause.getClass().getSimpleName() + ": " +
                cause.getMessage() + ")";
        }
    }

    /** @return the usable bytes read last, -1 before the first check or when the floor is off. */
    long lastFreeBytes()
    {
        return lastFreeBytes;
    }

    private long storeUsableBytes(final Path directory)
    {
        try
        {
            if (store == null)
            {
                store = Files.getFileStore(directory);
            }
            return store.getUsableSpace();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
