package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal replay --from-snapshot} starts from the newest usable snapshot and reaches the full replay's digest. */
class ReplayFromSnapshotTest
{
    private static final String[] CAPACITIES = {"--account-capacity", "1000", "--card-capacity", "1000"};

    @TempDir
    Path dataDir;

    @BeforeEach
    void journalAndSnapshot() throws Exception
    {
        LiveJournal.standard().writeTo(dataDir);
        final Cli snapshot = run("snapshot");
        assertEquals(0, snapshot.exit(), snapshot.toString());
    }

    @Test
    void aReplayFromTheSnapshotReachesTheDigestOfAFullReplay()
    {
        final Cli full = run("replay");
        final Cli fromSnapshot = run("replay", "--from-snapshot");

        assertEquals(0, fromSnapshot.exit(), fromSnapshot.toString());
        assertTrue(fromSnapshot.out().contains("(state up to sequence 20)"), fromSnapshot.toString());
        assertEquals(digest(full), digest(fromSnapshot));
    }

    @Test
    void aSnapshotPastTheRequestedStopIsNotUsed()
    {
        final Cli replay = run("replay", "--from-snapshot", "--to-sequence", "10");

        assertEquals(0, replay.exit(), replay.toString());
        assertTrue(replay.out().contains("none usable: replaying the whole journal"), replay.toString());
        assertTrue(replay.out().contains("stopped    after sequence 10"), replay.toString());
    }

    @Test
    void aDamagedSnapshotFallsBackToTheWholeJournal() throws Exception
    {
        try (Stream<Path> files = Files.list(dataDir.resolve("snapshots")))
        {
            final Path snapshot = files.filter(file -> file.toString().endsWith(".jsnp")).findFirst().orElseThrow();
            final byte[] bytes = Files.readAllBytes(snapshot);
            bytes[bytes.length / 2] ^= 0x40;
            Files.write(snapshot, bytes);
        }

        final Cli replay = run("replay", "--from-snapshot");

        assertEquals(0, replay.exit(), replay.toString());
        assertTrue(replay.out().contains("none usable"), replay.toString());
        assertTrue(replay.err().contains("warning: "), replay.toString());
        assertEquals(digest(run("replay")), digest(replay));
    }

    private Cli run(final String command, final String... options)
    {
        final String[] args = new String[3 + CAPACITIES.length + options.length];
        args[0] = command;
        args[1] = "--data";
        args[2] = dataDir.toString();
        System.arraycopy(CAPACITIES, 0, args, 3, CAPACITIES.length);
        System.arraycopy(options, 0, args, 3 + CAPACITIES.length, options.length);
        return Cli.run(args);
    }

    private static String digest(final Cli replay)
    {
        final int at = replay.out().indexOf("digest ");
        assertTrue(at >= 0, replay.toString());
        return replay.out().substring(at + 7, at + 23);
    }
}
