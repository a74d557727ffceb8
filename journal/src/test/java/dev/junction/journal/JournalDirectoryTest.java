package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDirectoryTest
{
    @TempDir
    Path root;

    @Test
    void aMissingDirectoryIsRefusedAndNotCreated()
    {
        final Path missing = root.resolve("nothing-here");

        final JournalException refused = assertThrows(JournalException.class, () -> JournalReader.open(missing));

        assertOneLine(refused);
        assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void anEmptyDirectoryIsRefusedAndLeftEmpty() throws IOException
    {
        final JournalException refused = assertThrows(JournalException.class, () -> JournalReader.open(root));

        assertOneLine(refused);
        assertTrue(refused.getMessage().contains("is not a Junction journal"), refused.getMessage());
        try (Stream<Path> listing = Files.list(root))
        {
            assertEquals(0, listing.count());
        }
    }

    @Test
    void aDirectoryOfForeignFilesIsRefusedAndLeftAsItWas() throws IOException
    {
        Files.writeString(root.resolve("notes.txt"), "not a journal");
        Files.createDirectories(root.resolve("journal/input"));
        Files.writeString(root.resolve("journal/input/20261121F.cq4"), "also not a queue");
        final Map<String, String> before = digests(root);

        final JournalException refused = assertThrows(JournalException.class, () -> JournalReader.open(root));

        assertOneLine(refused);
        assertTrue(refused.getMessage().contains("is not a Junction journal"), refused.getMessage());
        assertEquals(before, digests(root));
    }

    @Test
    void aChronicleQueueWrittenByAnotherProgramIsRefusedInOneLine()
    {
        for (final String queue : new String[] {JournalQueues.INPUT, JournalQueues.OUTCOME})
        {
            try (SingleChronicleQueue foreign =
                     SingleChronicleQueueBuilder.binary(JournalQueues.queueDirectory(root, queue)).build();
                 ExcerptAppender appender = foreign.createAppender())
            {
                appender.writeText("a message from some other program");
            }
        }
        final Map<String, String> before = digests(root);

        final JournalException refused = assertThrows(JournalException.class, () ->
        {
            try (JournalReader reader = JournalReader.open(root))
            {
                reader.readInputs(0, (sequence, kind, ingress, connection, buffer, offset, length) -> { });
            }
        });

        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        assertTrue(refused.getMessage().contains("unknown format version"), refused.getMessage());
        assertEquals(before, digests(root));
    }

    @Test
    void readingNeverChangesTheJournalsFiles()
    {
        try (ChronicleJournal journal = new ChronicleJournal(root))
        {
            JournalFixtures.write(journal, 1, 1_000);
        }
        final Map<String, String> before = digests(root);

        try (JournalReader reader = JournalReader.open(root))
        {
            reader.readInputs(500, new JournalFixtures.CheckingInputHandler(500));
            reader.readOutcomes(0, new JournalFixtures.CheckingOutcomeHandler(1));
            reader.lastInputSequence();
            reader.lastOutcomeSequence();
            reader.inputCount();
            reader.outcomeCount();
        }

        assertEquals(before, digests(root));
    }

    @Test
    void aJournalIsCreatedWhereItIsMissing()
    {
        final Path dataDir = root.resolve("fresh");
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 1);
        }

        assertTrue(Files.isRegularFile(dataDir.resolve("journal/input").resolve(JournalQueues.QUEUE_METADATA_FILE)));
        assertTrue(Files.isRegularFile(dataDir.resolve("journal/outcome").resolve(JournalQueues.QUEUE_METADATA_FILE)));
        assertArrayEquals(new long[] {1, 1}, countsOf(dataDir));
    }

    private static long[] countsOf(final Path dataDir)
    {
        try (JournalReader reader = JournalReader.open(dataDir))
        {
            return new long[] {reader.inputCount(), reader.outcomeCount()};
        }
    }

    private static void assertOneLine(final JournalException ex)
    {
        assertFalse(ex instanceof JournalCorruptException, "a directory problem, not a damaged record");
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    /** Every file under {@code dir} (recursively) with the SHA-256 of its content and its modification time. */
    private static Map<String, String> digests(final Path dir)
    {
        final Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)walk::iterator)
            {
                if (Files.isRegularFile(path))
                {
                    final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                    final byte[] hash = sha256.digest(Files.readAllBytes(path));
                    digests.put(dir.relativize(path).toString(),
                        java.util.HexFormat.of().formatHex(hash) + " " + Files.getLastModifiedTime(path));
                }
                else
                {
                    digests.put(dir.relativize(path) + "/", "");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        return digests;
    }
}
