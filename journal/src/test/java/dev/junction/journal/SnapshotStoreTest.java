package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import dev.junction.core.refdata.Pans;
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

    @Test
    void withAJournalKeyTheSnapshotIsSealedSoItsCardsPansAreNotInTheFile() throws IOException
    {
        final String pan = "4000001234567899";
        final byte[] panKey = new byte[Long.BYTES];
        new UnsafeBuffer(panKey).putLong(0, Pans.key(pan), java.nio.ByteOrder.LITTLE_ENDIAN);
        final SnapshotStore clear = new SnapshotStore(dataDir.resolve("clear"));
        final SnapshotStore sealed = new SnapshotStore(dataDir.resolve("sealed"), JournalEncryptionTest.KEY);
        take(clear, 1);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        final int length = AdminRecords.writeCard(record, 0, new CardRecord(pan, 1, 3012, CardStatus.ACTIVE));
        event.copyInput(++sequence, EventKind.ADMIN, 1_700_000_000_000_000_000L, 0, record, 0, length);
        authorizer.apply(event);
        assertEquals(1, authorizer.cards().count());
        final long digest = take(clear, 0);
        assertEquals(digest, take(sealed, 0));

        assertTrue(JournalEncryptionTest.indexOf(Files.readAllBytes(clear.fileFor(sequence)), panKey) >= 0,
            "control: the card's PAN, as its 64-bit key, is in the snapshot written in clear");
        assertFalse(JournalEncryptionTest.indexOf(Files.readAllBytes(sealed.fileFor(sequence)), panKey) >= 0,
            "the card's PAN is in the sealed snapshot");
        final SnapshotStore.Restored restored = sealed.restoreNewest(CONFIG, Long.MAX_VALUE, warnings::add);
        assertEquals(digest, restored.authorizer().digest());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aSealedSnapshotWithoutItsKeyOrWithAnotherIsSkippedNamingTheKeyId() throws IOException
    {
        final SnapshotStore sealed = new SnapshotStore(dataDir, JournalEncryptionTest.KEY);
        take(sealed, 2);
        assertNull(new SnapshotStore(dataDir).restoreNewest(CONFIG, Long.MAX_VALUE, warnings::add));
        assertNull(new SnapshotStore(dataDir, JournalEncryptionTest.OTHER_KEY).restoreNewest(CONFIG, Long.MAX_VALUE,
            warnings::add));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("encrypted (journal key id " + JournalEncryptionTest.KEY.idHex()),
            warnings.get(0));
        assertTrue(warnings.get(1).contains("journal key does not match"), warnings.get(1));

        final Path file = sealed.fileFor(sequence);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[SnapshotStore.SEALED_HEADER_LENGTH + 5] ^= 0x01;
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        final int body = bytes.length - SnapshotStore.TRAILER_LENGTH;
        crc.update(bytes, 0, body);
        new UnsafeBuffer(bytes).putInt(body + Long.BYTES, (int)crc.getValue(), java.nio.ByteOrder.LITTLE_ENDIAN);
        Files.write(file, bytes);
        warnings.clear();
        assertNull(sealed.restoreNewest(CONFIG, Long.MAX_VALUE, warnings::add));
        assertTrue(warnings.get(0).contains("failed authentication"), warnings.toString());
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
