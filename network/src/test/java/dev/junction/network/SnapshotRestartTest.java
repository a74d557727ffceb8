package dev.junction.network;

import static dev.junction.network.TestSwitch.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.junction.core.auth.StateDigest;
import dev.junction.journal.JournalSnapshots;
import dev.junction.journal.SnapshotStore;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart loads the newest valid snapshot and replays only the journal after it, reaching the state
 * a full replay reaches; with the snapshot damaged it falls back to the full replay.
 */
@ExtendWith(NettyLeaks.class)
class SnapshotRestartTest
{
    @TempDir
    Path dir;

    @Test
    void aRestartFromASnapshotReachesTheStateOfAFullReplayAndAnswersOn() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).build();
        try (TestSwitch first = TestSwitch.start(config))
        {
            assertNull(first.report.snapshot());
            final NACChannel client = first.connect();
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 6_000, 1)).getString(39));
            assertEquals("00", exchange(client, TestSwitch.request("0200", TestSwitch.ACTIVE, 1_000, 2)).getString(39));
            client.disconnect();
        }
        final JournalSnapshots.Taken taken = JournalSnapshots.take(config.dataDir(), config.authorizerConfig(),
            warning -> { throw new AssertionError(warning); });

        final long digestAtStop;
        try (TestSwitch second = TestSwitch.start(config))
        {
            assertEquals(taken.file().getFileName().toString(), second.report.snapshot());
            assertEquals(taken.sequence(), second.report.snapshotSequence());
            assertEquals(StateDigest.hex(taken.digest()), second.report.stateDigest());
            final NACChannel client = second.connect();
            // 10,000 - 1,000 posted - 6,000 held leaves 3,000.
            assertEquals("51", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 3_001, 3)).getString(39));
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 1_000, 4)).getString(39));
            // A retransmission of a request answered before the snapshot is still known as one.
            final ISOMsg again = exchange(client, TestSwitch.request("0200", TestSwitch.ACTIVE, 1_000, 2));
            assertEquals("00", again.getString(39));
            client.disconnect();
            second.close();
            digestAtStop = second.server.stateDigest();
        }

        try (TestSwitch third = TestSwitch.start(config))
        {
            assertEquals(taken.file().getFileName().toString(), third.report.snapshot());
            assertEquals(StateDigest.hex(digestAtStop), third.report.stateDigest());
            assertEquals(third.report.nextSequence() - taken.sequence() - 1, third.report.eventsReplayed(),
                "only the journal after the snapshot is replayed");
            assertTrue(third.report.eventsReplayed() < third.report.nextSequence());
        }

        final Path file = new SnapshotStore(config.dataDir()).fileFor(taken.sequence());
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x40;
        Files.write(file, bytes);
        try (TestSwitch fourth = TestSwitch.start(config))
        {
            assertNull(fourth.report.snapshot(), "a damaged snapshot was loaded");
            assertEquals(StateDigest.hex(digestAtStop), fourth.report.stateDigest());
            assertEquals(fourth.report.nextSequence(), fourth.report.eventsReplayed());
            final NACChannel client = fourth.connect();
            assertEquals("51", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 2_001, 5)).getString(39));
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 2_000, 6)).getString(39));
            client.disconnect();
        }
    }
}
