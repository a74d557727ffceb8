package dev.junction.journal;

/**
 * How a {@link ChronicleJournal} writes.
 *
 * @param syncEachBatch group commit: when true, each writer's {@code endOfBatch()} forces the batch's
 *                      records to storage (fdatasync) before it returns, so that an answer released
 *                      after it survives power loss, not only a crash of the process. Off by default:
 *                      a record in the memory-mapped queue survives {@code kill -9} without it.
 */
public record JournalOptions(boolean syncEachBatch)
{
    /** Records reach the page cache at once and the disk when the operating system writes them back. */
    public static final JournalOptions DEFAULT = new JournalOptions(false);

    /** Every batch is on storage before the writer's {@code endOfBatch()} returns. */
    public static final JournalOptions SYNC_EACH_BATCH = new JournalOptions(true);
}
