package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.StateDigest;
import dev.junction.core.pipeline.Replayer;
import dev.junction.journal.ChronicleJournal;
import dev.junction.journal.JournalRecovery;
import dev.junction.journal.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal snapshot} writes a snapshot of a stopped switch into DATA/snapshots and nothing
 * else; recovery that starts from it reaches the digest of a full replay.
 */
class SnapshotCommandTest
{
    private static final String[] CAPACITIES = {"--account-capacity", "1000", "--card-capacity", "1000"};

    @TempDir
    Path dataDir;

    @Test
    void aSnapshotCoversTheJournalAndTouchesOnlyTheSnapshotDirectory() throws Exception
    {
        LiveJournal.standard().writeTo(dataDir);
        final Map<String, String> before = journalFiles();

        final Cli snapshot = snapshot();
        assertEquals(0, snapshot.exit(), snapshot.toString());
        assertEquals(before, journalFiles(), "the snapshot tool changed the journal");

        final SnapshotStore.Restored restored = new SnapshotStore(dataDir).restoreNewest(LiveJournal.CONFIG,
            Long.MAX_VALUE, warning -> { });
        assertEquals(20, restored.snapshot().sequence());
        final String digest = StateDigest.hex(restored.authorizer().digest());
        assertTrue(snapshot.out().contains("state up to sequence 20, digest " + digest), snapshot.toString());
        final Cli replay = Cli.run("replay", "--data", dataDir.toString(), CAPACITIES[0], CAPACITIES[1], CAPACITIES[2],
            CAPACITIES[3]);
        assertTrue(replay.out().contains("digest " + digest), replay + " vs " + snapshot);
    }

    @Test
    void recoveryFromTheSnapshotReachesTheDigestOfAFullReplay() throws Exception
    {
        LiveJournal.standard().writeTo(dataDir);
        assertEquals(0, snapshot().exit());
        final LiveJournal later = new LiveJournal();
        later.request(IsoRequest.purchase(200, LiveJournal.PAN_B, 300, 40, "TERM0002", "MERCHANT0000001"));
        later.request(IsoRequest.purchase(200, LiveJournal.PAN_A, 500, 41, "TERM0002", "MERCHANT0000001"));
        later.writeTo(dataDir);

        final Authorizer full = new Authorizer(LiveJournal.CONFIG);
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            assertEquals(23, JournalRecovery.recover(journal, new Replayer(full)).eventsReplayed());
        }
        final SnapshotStore.Restored restored = new SnapshotStore(dataDir).restoreNewest(LiveJournal.CONFIG,
            JournalRecovery.snapshotLimit(dataDir), warning -> { });
        final JournalRecovery.Result result;
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            result = JournalRecovery.recover(journal, new Replayer(restored.authorizer(), restored.snapshot().sequence()));
        }
        assertEquals(2, result.eventsReplayed());
        assertEquals(23, result.nextSequence());
        assertEquals(full.digest(), restored.authorizer().digest());

        // A second snapshot starts from the first and covers the two later inputs.
        final Cli second = snapshot();
        assertEquals(0, second.exit(), second.toString());
        assertTrue(second.out().contains("replayed   2 events after snapshot-00000000000000000020.jsnp"), second.toString());
        assertTrue(second.out().contains("digest " + StateDigest.hex(full.digest())), second.toString());
    }

    @Test
    void aCorruptSnapshotIsSkippedWithAWarning() throws Exception
    {
        LiveJournal.standard().writeTo(dataDir);
        assertEquals(0, snapshot().exit());
        final Path file = new SnapshotStore(dataDir).fileFor(20);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[100] ^= 1;
        Files.write(file, bytes);
        final List<String> warnings = new ArrayList<>();
        assertNull(new SnapshotStore(dataDir).restoreNewest(LiveJournal.CONFIG, Long.MAX_VALUE, warnings::add));
        assertEquals(1, warnings.size());

        final Cli again = snapshot();
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.err().contains("warning: skipping snapshot snapshot-00000000000000000020.jsnp: checksum"),
            again.toString());
        assertTrue(again.out().contains("replayed   21 events in"), again.toString());
    }

    @Test
    void aMissingDirectoryIsAUsageError()
    {
        final Cli missing = Cli.run("snapshot", "--data", dataDir.resolve("nowhere").toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertEquals(1, missing.errLines().size(), missing.toString());
    }

    private Cli snapshot()
    {
        return Cli.run("snapshot", "--data", dataDir.toString(), CAPACITIES[0], CAPACITIES[1], CAPACITIES[2],
            CAPACITIES[3]);
    }

    /** @return per file outside DATA/snapshots: its size and CRC32C. */
    private Map<String, String> journalFiles() throws IOException
    {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dataDir))
        {
            for (final Path path : walk.filter(Files::isRegularFile).toList())
            {
                if (!dataDir.relativize(path).startsWith(SnapshotStore.DIRECTORY))
                {
                    final CRC32C crc = new CRC32C();
                    crc.update(Files.readAllBytes(path));
                    files.put(dataDir.relativize(path).toString(), Files.size(path) + " bytes crc " + crc.getValue());
                }
            }
        }
        return files;
    }
}
