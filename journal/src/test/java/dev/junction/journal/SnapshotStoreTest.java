package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.SnapshotOutput;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot files: written whole, checked on reading, and a bad newest one gives way to an older one. */
class SnapshotStoreTest
{
    private static final AuthorizerConfig CONFIG = new AuthorizerConfig(100, 100);

    @TempDir
    Path dataDir;

    private final Authorizer authorizer = new Authorizer(CONFIG);
    private final TransactionEvent event = new TransactionEvent(1024);
    private final List<String> warnings = new ArrayList<>();
    private long sequence = -1;

    @Test
    void theNewestSnapshotRestoresTheStateItWasTakenFrom() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dataDir);
        final long older = take(store, 3);
        final long newer = take(store, 2);

        final SnapshotStore.Restored restored = store.restoreNewest(CONFIG, Long.MAX_VALUE, warnings::add);
        assertEquals(4, restored.snapshot().sequence());
        assertEquals(dataDir.resolve("snapshots/snapshot-00000000000000000004.jsnp"), restored.snapshot().file());
        assertEquals(newer, restored.authorizer().digest());
        assertTrue(older != newer);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aCorruptNewestSnapshotFallsBackToTheOlderOne() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dataDir);
        final long older = take(store, 3);
        take(store, 2);
        final Path newest = store.fileFor(4);
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(newest, bytes);

        final SnapshotStore.Restored restored = store.restoreNewest(CONFIG, Long.MAX_VALUE, warnings::add);
        assertEquals(2, restored.snapshot().sequence());
        assertEquals(older, restored.authorizer().digest());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(newest.getFileName().toString()) && warnings.get(0).contains("checksum"),
            warnings.get(0));
    }

    @Test
    void aTruncatedSnapshotIsSkipped() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dataDir);
        final long older = take(store, 3);
        take(store, 2);
        final Path newest = store.fileFor(4);
        final byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length - 100));

        final SnapshotStore.Restored restored = store.restoreNewest(CONFIG, Long.MAX_VALUE, warnings::add);
        assertEquals(older, restored.authorizer().digest());
        assertTrue(warnings.get(0).contains("partial"), warnings.toString());
    }

    @Test
    void withEverySnapshotBadThereIsNoneToRestore() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dataDir);
        take(store, 1);
        Files.write(store.fileFor(0), new byte[] {1, 2, 3});
        Files.writeString(store.directory().resolve("snapshot-00000000000000000009.jsnp.tmp"), "partial write");

        assertNull(store.restoreNewest(CONFIG, Long.MAX_VALUE, warnings::add));
        assertEquals(1, warnings.size(), warnings.toString());
        assertNull(new SnapshotStore(dataDir.resolve("nowhere")).restoreNewest(CONFIG, Long.MAX_VALUE, warnings::add));
    }

    @Test
    void aSnapshotPastTheJournalOrOfAnotherConfigurationIsSkipped() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dataDir);
        final long older = take(store, 3);
        take(store, 2);

        assertEquals(older, store.restoreNewest(CONFIG, 3, warnings::add).authorizer().digest());
        assertTrue(warnings.get(0).contains("past the journal"), warnings.toString());

        warnings.clear();
        assertNull(store.restoreNewest(new AuthorizerConfig(100, 200), Long.MAX_VALUE, warnings::add));
        assertEquals(2, warnings.size(), warnings.toString());
    }

    @Test
    void onlyTheNewestSnapshotsAreKept() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dataDir);
        for (int i = 0; i < SnapshotStore.KEEP + 2; i++)
        {
            take(store, 1);
        }
        assertEquals(SnapshotStore.KEEP, store.candidates().size());
        assertEquals(store.fileFor(sequence), store.candidates().get(0));
    }

    /** Applies {@code accounts} more account records, snapshots, and returns the digest. */
    private long take(final SnapshotStore store, final int accounts) throws IOException
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        for (int i = 0; i < accounts; i++)
        {
            sequence++;
            final int length = AdminRecords.writeAccount(record, 0, new AccountRecord(sequence + 1, 840, 1000 * sequence, 0));
            event.copyInput(sequence, EventKind.ADMIN, 1_700_000_000_000_000_000L + sequence, 0, record, 0, length);
            authorizer.apply(event);
        }
        final SnapshotOutput out = new SnapshotOutput(4096);
        authorizer.writeSnapshot(out, sequence);
        store.write(sequence, out.buffer(), out.position());
        return authorizer.digest();
    }
}
