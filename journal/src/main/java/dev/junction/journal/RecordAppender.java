package dev.junction.journal;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * One writing thread's appender on one queue: copies encoded records into Chronicle documents and,
 * when group commit is on, forces them to storage at the end of each batch.
 *
 * <p>Group commit calls {@code fdatasync} on the queue's current cycle file through a
 * {@link FileChannel} ({@link FileChannel#force(boolean) force(false)}). On Linux that writes back
 * every dirty page of the file, including those written through Chronicle's memory mapping (the
 * mapping and the channel share the page cache), and a failure surfaces as an exception. Chronicle's
 * own {@code ExcerptAppender.sync()} is not used: its {@code msync} defaults to {@code MS_ASYNC} (not
 * durable), it covers only the current chunk from the last synced page, and an {@code msync} failure
 * is only logged. When the appender moves to a new cycle file, the previous file is forced once more
 * and the directory is forced so that the new file's entry survives power loss too.
 */
final class RecordAppender
{
    private final SingleChronicleQueue queue;
    private final String queueName;
    private final boolean syncEachBatch;
    private ExcerptAppender appender;
    private boolean unsynced;
    private File syncedFile;
    private FileChannel syncChannel;

    RecordAppender(final SingleChronicleQueue queue, final String queueName, final boolean syncEachBatch)
    {
        this.queue = queue;
        this.queueName = queueName;
        this.syncEachBatch = syncEachBatch;
    }

    /**
     * Creates the appender on the calling thread, which must be the only one to append from then on.
     *
     * @param lastRecord receives the queue's last record, if it has one, so the writer can continue
     *                   its sequence after a restart; it is checked like any record read.
     * @return whether the queue already held a record.
     */
    boolean start(final RecordCursor lastRecord)
    {
        if (appender != null)
        {
            throw new IllegalStateException(queueName + ": onStart called twice");
        }
        try (lastRecord)
        {
            lastRecord.tailer().direction(TailerDirection.BACKWARD).toEnd();
            final boolean found = lastRecord.next();
            appender = queue.createAppender();
            // Chronicle ties an appender to the first thread that uses it. The inline layout hands the
            // journals between the event loop and its journal helper, never to both at once and always
            // through a volatile hand-over (JournalHelper), which is the guarantee the check stands for.
            appender.singleThreadedCheckDisabled(true);
            return found;
        }
    }

    void append(final byte[] record, final int length)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(record, 0, length);
        }
        unsynced = true;
    }

    /** The end of a batch: with group commit on, every record appended so far is on storage on return. */
    void endOfBatch()
    {
        if (syncEachBatch && unsynced)
        {
            sync();
        }
    }

    /** Syncs what is left (with group commit on) and closes the appender; idempotent. */
    void shutdown()
    {
        if (appender == null)
        {
            return;
        }
        try
        {
            endOfBatch();
        }
        finally
        {
            appender.close();
            appender = null;
            closeSyncChannel();
        }
    }

    private void sync()
    {
        try
        {
            final File file = appender.currentFile();
            if (file != syncedFile)
            {
                moveSyncTo(file);
            }
            syncChannel.force(false);
            unsynced = false;
        }
        catch (final IOException ex)
        {
            throw new JournalException(queueName + ": sync to storage failed: " + JournalQueues.oneLine(ex), ex);
        }
    }

    /** A new cycle file: finish the old one, then make the new file's directory entry durable. */
    private void moveSyncTo(final File file) throws IOException
    {
        if (syncChannel != null)
        {
            syncChannel.force(false);
            closeSyncChannel();
        }
        final Path path = file.toPath();
        syncChannel = FileChannel.open(path, StandardOpenOption.READ);
        syncedFile = file;
        try (FileChannel directory = FileChannel.open(path.getParent(), StandardOpenOption.READ))
        {
            directory.force(true);
        }
    }

    private void closeSyncChannel()
    {
        if (syncChannel == null)
        {
            return;
        }
        try
        {
            syncChannel.close();
        }
        catch (final IOException ex)
        {
            throw new JournalException(queueName + ": closing " + syncedFile + " failed: " +
                JournalQueues.oneLine(ex), ex);
        }
        finally
        {
            syncChannel = null;
            syncedFile = null;
        }
    }
}
