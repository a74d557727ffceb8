package dev.junction.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free space of the data directory, said in words for an operator. A full disk shows up in the
 * journal as a fault in a memory-mapped write (Chronicle's {@code InternalError: a fault occurred in a
 * recent unsafe memory access}), which names neither the disk nor the directory; the fatal line names both.
 */
final class DataDirectorySpace
{
    private static final long MIB = 1024 * 1024;

    private DataDirectorySpace()
    {
    }

    /** @return "data directory DIR has N MiB free", or why the free space is not known. Never throws. */
    static String describe(final Path directory)
    {
        try
        {
            final long usable = Files.getFileStore(directory).getUsableSpace();
            return String.format("data directory %s has %,d MiB free", directory, usable / MIB);
        }
        catch (final IOException | RuntimeException e)
        {
            return "data directory " + directory + ": free space unknown (" + e.getClass().getSimpleName() + ": " +
                e.getMessage() + ")";
        }
    }
}
