package dev.junction.journal;

import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import java.nio.file.Path;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The switch's journal over Chronicle Queue: two queues under {@code dataDir/journal}, {@code input}
 * for input records and {@code outcome} for outcome records ({@link JournalFormat}), so that the
 * journal stage and the responder stage each append on their own thread with no shared write lock.
 * Creates the directories when absent and continues an existing journal after its last record.
 *
 * <p>Open it on any thread; each writer creates its Chronicle appender in {@code onStart()} on the
 * thread that then appends. Call the writers' {@code onShutdown()} before {@link #close()}.
 */
public final class ChronicleJournal implements AutoCloseable
{
    private final Path dataDir;
    private final SingleChronicleQueue inputQueue;
    private final SingleChronicleQueue outcomeQueue;
    private final InputJournalWriter inputWriter;
    private final OutcomeJournalWriter outcomeWriter;
    private final JournalKey key;

    public ChronicleJournal(final Path dataDir)
    {
        this(dataDir, JournalOptions.DEFAULT);
    }

    public ChronicleJournal(final Path dataDir, final JournalOptions options)
    {
        this.dataDir = dataDir;
        final Path inputDirectory = JournalQueues.queueDirectory(dataDir, JournalQueues.INPUT);
        final Path outcomeDirectory = JournalQueues.queueDirectory(dataDir, JournalQueues.OUTCOME);
        inputQueue = open(inputDirectory);
        try
        {
            outcomeQueue = open(outcomeDirectory);
        }
        catch (final RuntimeException ex)
        {
            inputQueue.close();
            throw ex;
        }
        this.key = options.key();
        inputWriter = new InputJournalWriter(inputQueue, "input journal " + inputDirectory, options);
        outcomeWriter = new OutcomeJournalWriter(outcomeQueue, "outcome journal " + outcomeDirectory, options);
    }

    /** @return the journal stage's writer; one per journal, used from one thread. */
    public InputJournal inputWriter()
    {
        return inputWriter;
    }

    /** @return the responder stage's writer; one per journal, used from one thread. */
    public OutcomeJournal outcomeWriter()
    {
        return outcomeWriter;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    /** @return the key the writers seal payloads with and readers of this journal need; null in clear. */
    public JournalKey key()
    {
        return key;
    }

    @Override
    public void close()
    {
        try
        {
            inputQueue.close();
        }
        finally
        {
            outcomeQueue.close();
        }
    }

    private static SingleChronicleQueue open(final Path directory)
    {
        try
        {
            return JournalQueues.openForAppending(directory);
        }
        catch (final RuntimeException ex)
        {
            throw new JournalException("cannot open " + directory + " for appending: " +
                JournalQueues.oneLine(ex), ex);
        }
    }
}
