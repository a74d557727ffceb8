package dev.junction.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a journal's files before an operator tool maps them. Chronicle Queue takes a cycle file of
 * 0 bytes for a queue with no records, after waiting seconds for a header that never comes; a tool
 * should say at once that the file was cut short instead. Start-up recovery does not call this: a
 * crash right after a new cycle file is created can leave one empty, and the writer carries on.
 */
public final class JournalFiles
{
    private static final String CYCLE_FILE_SUFFIX = ".cq4";

    private JournalFiles()
    {
    }

    /**
     * @throws JournalNotFoundException when {@code dataDir} does not exist.
     * @throws JournalException         when a cycle file of either queue is empty.
     */
    public static void requireNoEmptyCycleFile(final Path dataDir)
    {
        if (!Files.isDirectory(dataDir))
        {
            throw new JournalNotFoundException("no journal at " + dataDir + ": the directory does not exist");
        }
        for (final String queue : List.of(JournalQueues.INPUT, JournalQueues.OUTCOME))
        {
            final Path directory = JournalQueues.queueDirectory(dataDir, queue);
            if (!Files.isDirectory(directory))
            {
                continue;
            }
            try (Stream<Path> listing = Files.list(directory))
            {
                for (final Path file : listing.filter(path -> path.toString().endsWith(CYCLE_FILE_SUFFIX)).toList())
                {
                    if (Files.size(file) == 0)
                    {
                        throw new JournalException(dataDir.relativize(file) + " is empty (0 bytes): the file was " +
                            "truncated, and the records it held are lost");
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot list " + directory + ": " + JournalQueues.oneLine(ex), ex);
            }
        }
    }
}
