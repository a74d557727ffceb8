package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.junction.core.auth.StateDigest;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A running switch writes snapshots on its interval, from a background replay, and the next start uses one. */
@ExtendWith(NettyLeaks.class)
class SnapshotIntervalTest
{
    @TempDir
    Path dir;

    @Test
    void aRunningSwitchWritesSnapshotsOnItsIntervalAndARestartLoadsOne() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).snapshotIntervalMillis(300).build();
        final Path snapshots = config.dataDir().resolve("snapshots");
        final long digestAtStop;
        try (TestSwitch junction = TestSwitch.start(config))
        {
            final NACChannel client = junction.connect();
            for (int stan = 1; stan <= 20; stan++)
            {
                client.send(TestSwitch.request("0200", TestSwitch.RICH, 100, stan));
                assertEquals("00", client.receive().getString(39));
            }
            client.disconnect();
            final long deadline = System.nanoTime() + 15_000_000_000L;
            while (countSnapshots(snapshots) == 0 && System.nanoTime() < deadline)
            {
                Thread.sleep(50);
            }
            assertTrue(countSnapshots(snapshots) > 0, "no snapshot written while the switch ran");
            junction.close();
            digestAtStop = junction.server.stateDigest();
        }

        try (TestSwitch restarted = TestSwitch.start(config))
        {
            assertNotNull(restarted.report.snapshot(), "the restart loaded no snapshot");
            assertEquals(StateDigest.hex(digestAtStop), restarted.report.stateDigest());
        }
    }

    private static long countSnapshots(final Path snapshots) throws Exception
    {
        if (!Files.isDirectory(snapshots))
        {
            return 0;
        }
        try (Stream<Path> files = Files.list(snapshots))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsnp")).count();
        }
    }
}
