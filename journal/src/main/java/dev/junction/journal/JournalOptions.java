package dev.junction.journal;

/**
 * How a {@link ChronicleJournal} writes.
 *
 * @param syncEachBatch group commit: when true, each writer's {@code endOfBatch()} forces the batch's
 *                      records to storage (fdatasync) before it returns, so that an answer released
 *                      after it survives power loss, not only a crash of the process. Off by default:
 *                      a record in the memory-mapped queue survives {@code kill -9} without it.
 * @param key           the journal key: when set, every record's payload (input) and response
 *                      (outcome) is sealed with AES-256-GCM ({@link JournalFormat}); null writes them in
 *                      clear, PANs included.
 */
public record JournalOptions(boolean syncEachBatch, JournalKey key)
{
    /** Records reach the page cache at once and the disk when the operating system writes them back. */
    public static final JournalOptions DEFAULT = new JournalOptions(false, null);

    /** Every batch is on storage before the writer's {@code endOfBatch()} returns. */
    public static final JournalOptions SYNC_EACH_BATCH = new JournalOptions(true, null);

    /** @return these options with payloads sealed under {@code journalKey} (null: in clear). */
    public JournalOptions withKey(final JournalKey journalKey)
    {
        return new JournalOptions(syncEachBatch, journalKey);
    }
}
