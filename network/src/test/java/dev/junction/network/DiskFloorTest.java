package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import dev.junction.core.pipeline.EventKind;
import dev.junction.journal.JournalReader;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Below --min-free-disk-mb the switch answers requests 91 without journaling them and stays up; with room
 * again it takes them. The free space is simulated (the test cannot fill the disk); the switch reads it
 * every tick.
 */
@ExtendWith(NettyLeaks.class)
class DiskFloorTest
{
    private static final long MIB = 1024 * 1024;
    private static final long TICK_MILLIS = 20;

    @TempDir
    Path dir;

    @Test
    void belowTheFloorRequestsAre91AndNotJournaledAndAboveItTheyAreTakenAgain() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).tickIntervalMillis(TICK_MILLIS).minFreeDiskMb(100).build();
        final AtomicLong free = new AtomicLong(10_000 * MIB);
        final long published;
        try (TestSwitch junction = TestSwitch.start(config);
             LogCapture logs = new LogCapture())
        {
            junction.server.freeSpaceSource(path -> free.get());
            final NACChannel client = junction.connect();
            assertEquals("00", TestSwitch.exchange(client, TestSwitch.request("0200", TestSwitch.ACTIVE, 100, 1)).getString(39));

            free.set(99 * MIB);
            waitUntil(() -> junction.server.counters().diskLow);
            for (int stan = 2; stan <= 4; stan++)
            {
                final ISOMsg answer = TestSwitch.exchange(client, TestSwitch.request("0200", TestSwitch.ACTIVE, 100, stan));
                assertEquals("0210", answer.getMTI());
                assertEquals("91", answer.getString(39), "stan " + stan);
            }
            assertEquals(3, junction.server.counters().diskLowRejects.get());
            final String metrics = junction.metrics();
            assertTrue(metrics.contains("junction_disk_low_rejects_total 3"), metrics);
            assertTrue(metrics.contains("junction_disk_low 1"), metrics);
            assertTrue(metrics.contains("junction_data_free_bytes " + 99 * MIB), metrics);

            free.set(101 * MIB);
            waitUntil(() -> !junction.server.counters().diskLow);
            assertEquals("00", TestSwitch.exchange(client, TestSwitch.request("0200", TestSwitch.ACTIVE, 100, 5)).getString(39));
            client.disconnect();

            final long warnings = logs.lines().stream().filter(l -> l.contains("below --min-free-disk-mb 100")).count();
            final long recoveries = logs.lines().stream().filter(l -> l.contains("above --min-free-disk-mb 100 again")).count();
            assertEquals(1, warnings, String.join("\n", logs.lines()));
            assertEquals(1, recoveries, String.join("\n", logs.lines()));
            published = junction.server.counters().requestsPublished.get();
            assertNull(junction.fatal.get());
        }
        assertEquals(2, published, "only the two requests taken above the floor entered the ring");
        try (JournalReader reader = JournalReader.open(config.dataDir()))
        {
            assertEquals(2, JournalCounts.ofKind(reader, EventKind.REQUEST), "the 91s were not journaled");
        }
    }

    @Test
    void aFloorOfZeroNeverReadsTheDisk() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).tickIntervalMillis(TICK_MILLIS).minFreeDiskMb(0).build();
        try (TestSwitch junction = TestSwitch.start(config))
        {
            junction.server.freeSpaceSource(path -> 0);
            Thread.sleep(10 * TICK_MILLIS);
            final NACChannel client = junction.connect();
            assertEquals("00", TestSwitch.exchange(client, TestSwitch.request("0200", TestSwitch.ACTIVE, 100, 1)).getString(39));
            client.disconnect();
            assertTrue(junction.metrics().contains("junction_data_free_bytes -1"));
        }
    }

    @Test
    void theFatalLineSaysTheFreeSpaceOfADirectoryThatExistsInMebibytes()
    {
        final String said = new DiskFloor(dir, 0, new ServerCounters()).describe();
        assertTrue(said.matches("data directory \\S+ has [0-9,]+ MiB free"), said);
        assertTrue(said.contains(dir.toString()), said);
    }

    @Test
    void theFatalLineSaysADirectoryThatIsGoneHasUnknownFreeSpaceWithoutThrowing()
    {
        final String said = new DiskFloor(dir.resolve("gone"), 0, new ServerCounters()).describe();
        assertTrue(said.startsWith("data directory " + dir.resolve("gone") + ": free space unknown (NoSuchFileException"),
            said);
    }

    private static void waitUntil(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 5 s");
            Thread.sleep(5);
        }
    }
}
