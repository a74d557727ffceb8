package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fatal line's words for the data directory's free space: a number when it can be read, else why not. */
class DataDirectorySpaceTest
{
    @Test
    void aDirectoryThatExistsHasItsFreeSpaceInMebibytes(@TempDir final Path dir)
    {
        final String said = DataDirectorySpace.describe(dir);
        assertTrue(said.matches("data directory \\S+ has [0-9,]+ MiB free"), said);
        assertTrue(said.contains(dir.toString()), said);
    }

    @Test
    void aDirectoryThatIsGoneIsSaidUnknownWithoutThrowing(@TempDir final Path dir)
    {
        final String said = DataDirectorySpace.describe(dir.resolve("gone"));
        assertTrue(said.startsWith("data directory " + dir.resolve("gone") + ": free space unknown (NoSuchFileException"),
            said);
    }
}
