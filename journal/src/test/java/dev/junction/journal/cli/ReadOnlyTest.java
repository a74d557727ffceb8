package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.junction.journal.JournalSurgery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools never write to the journal they read: after each one, every file and directory under the
 * data directory has the same bytes and modification time, and no file appeared or went.
 */
class ReadOnlyTest
{
    @TempDir
    Path dataDir;

    @BeforeEach
    void writeJournal() throws InterruptedException
    {
        LiveJournal.standard().writeTo(dataDir);
    }

    @Test
    void noToolChangesAnIntactJournal() throws IOException
    {
        assertUntouchedBy("verify");
        assertUntouchedBy("replay", "--account-capacity", "1000", "--card-capacity", "1000");
        assertUntouchedBy("replay", "--to-sequence", "5", "--account-capacity", "1000", "--card-capacity", "1000");
        assertUntouchedBy("dump");
        assertUntouchedBy("dump", "--format", "json", "--terminal", "TERM0003");
        assertUntouchedBy("stats");
        assertUntouchedBy("stats", "--format", "json");
    }

    @Test
    void noToolChangesADamagedJournal() throws IOException
    {
        JournalSurgery.flipByteInFile(dataDir, JournalSurgery.OUTCOME, 4, 20);
        assertUntouchedBy("verify");
        assertUntouchedBy("replay");
        assertUntouchedBy("dump");
        assertUntouchedBy("stats");
    }

    @Test
    void theSnapshotSeesOneChangedByte() throws IOException
    {
        final Map<String, String> before = snapshot();
        JournalSurgery.flipByteInFile(dataDir, JournalSurgery.INPUT, 7, 40);
        final Map<String, String> after = snapshot();
        assertEquals(before.keySet(), after.keySet());
        assertNotEquals(before, after, "a snapshot that cannot see a write proves nothing");
    }

    private void assertUntouchedBy(final String tool, final String... options) throws IOException
    {
        final Map<String, String> before = snapshot();
        final String[] args = new String[options.length + 3];
        args[0] = tool;
        args[1] = "--data";
        args[2] = dataDir.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        Cli.run(args);
        assertEquals(before, snapshot(), tool + " changed the journal");
    }

    /** @return per path under the data directory: its size, modification time and CRC32C. */
    private Map<String, String> snapshot() throws IOException
    {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir))
        {
            for (final Path path : walk.toList())
            {
                final String modified = Files.getLastModifiedTime(path).toString();
                files.put(dataDir.relativize(path).toString(), Files.isDirectory(path) ? "dir " + modified :
                    Files.size(path) + " bytes " + modified + " crc " + crc(path));
            }
        }
        return files;
    }

    private static long crc(final Path file) throws IOException
    {
        final CRC32C crc = new CRC32C();
        final byte[] chunk = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file))
        {
            for (int read = in.read(chunk); read > 0; read = in.read(chunk))
            {
                crc.update(chunk, 0, read);
            }
        }
        return crc.getValue();
    }
}
