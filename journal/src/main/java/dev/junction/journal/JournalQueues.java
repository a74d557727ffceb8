package dev.junction.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * Where a journal's two Chronicle queues live under a data directory and how they are opened, so that
 * the writer and the reader agree on both. Package-private: callers use {@link ChronicleJournal} and
 * {@link JournalReader}.
 */
final class JournalQueues
{
    static final String JOURNAL_DIRECTORY = "journal";
    static final String INPUT = "input";
    static final String OUTCOME = "outcome";
    /** The file by which Chronicle Queue knows a queue directory, and we know a journal. */
    static final String QUEUE_METADATA_FILE = SingleChronicleQueue.QUEUE_METADATA_FILE;

    private JournalQueues()
    {
    }

    static Path queueDirectory(final Path dataDir, final String queue)
    {
        return dataDir.resolve(JOURNAL_DIRECTORY).resolve(queue);
    }

    /** Opens (creating when absent) a queue to append to. */
    static SingleChronicleQueue openForAppending(final Path directory)
    {
        ChronicleSettings.quiet();
        return builder(directory).build();
    }

    /**
     * Opens an existing queue that must not be changed: nothing is created or written.
     *
     * @throws JournalNotFoundException when {@code dataDir} is missing or holds neither queue.
     * @throws JournalException         when the queue cannot be opened, or only the other queue exists.
     */
    static SingleChronicleQueue openReadOnly(final Path dataDir, final String queue)
    {
        if (!Files.isDirectory(dataDir))
        {
            throw new JournalNotFoundException("no journal at " + dataDir + ": the directory does not exist");
        }
        final Path directory = queueDirectory(dataDir, queue);
        if (!hasQueue(directory))
        {
            final String problem = dataDir + " is not a Junction journal: " + dataDir.relativize(directory) +
                " holds no Chronicle Queue (no " + QUEUE_METADATA_FILE + ")";
            final boolean otherQueue = hasQueue(queueDirectory(dataDir, INPUT.equals(queue) ? OUTCOME : INPUT));
            throw otherQueue ? new JournalException(problem + ", yet the other queue is there: an incomplete journal") :
                new JournalNotFoundException(problem);
        }
        ChronicleSettings.quiet();
        try
        {
            return builder(directory).readOnly(true).build();
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException(dataDir + ": cannot open " + dataDir.relativize(directory) + ": " +
                oneLine(ex), ex);
        }
    }

    private static boolean hasQueue(final Path directory)
    {
        return Files.isRegularFile(directory.resolve(QUEUE_METADATA_FILE));
    }

    private static SingleChronicleQueueBuilder builder(final Path directory)
    {
        // Daily files; a queue made with another roll cycle keeps its own (Chronicle reads it from metadata).
        return SingleChronicleQueueBuilder.binary(directory).rollCycle(RollCycles.FAST_DAILY);
    }

    /** @return the exception's class and the first line of its message, for one-line operator messages. */
    static String oneLine(final Throwable ex)
    {
        final String message = ex.getMessage();
        if (message == null)
        {
            return ex.getClass().getSimpleName();
        }
        final int newline = message.indexOf('\n');
        return ex.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }
}
