package dev.junction.network;

import static dev.junction.network.TestSwitch.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a graceful stop, a start on the same data directory with the same command line answers as
 * if the switch had never stopped: the journal rebuilds balances and holds, and nothing is imported twice.
 */
@ExtendWith(NettyLeaks.class)
class RestartTest
{
    @TempDir
    Path dir;

    @Test
    void aRestartKeepsBalancesAndHoldsAndImportsNothingAgain() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).build();
        final long digestAtStop;
        try (TestSwitch first = TestSwitch.start(config))
        {
            assertEquals(3, first.report.accountsImported());
            assertEquals(7, first.report.cardsImported());
            final NACChannel client = first.connect();
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 6_000, 1)).getString(39));
            assertEquals("00", exchange(client, TestSwitch.request("0200", TestSwitch.ACTIVE, 1_000, 2)).getString(39));
            client.disconnect();
            first.close();
            digestAtStop = first.server.stateDigest();
        }

        try (TestSwitch second = TestSwitch.start(config))
        {
            assertEquals(0, second.report.accountsImported(), "accounts imported again");
            assertEquals(0, second.report.cardsImported(), "cards imported again");
            assertEquals(3, second.report.accountsKnown());
            assertEquals(7, second.report.cardsKnown());
            assertTrue(second.report.eventsReplayed() > 10);
            assertEquals(dev.junction.core.auth.StateDigest.hex(digestAtStop), second.report.stateDigest());

            // 10,000 - 1,000 posted - 6,000 held leaves 3,000.
            final NACChannel client = second.connect();
            assertEquals("51", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 3_001, 3)).getString(39));
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 3_000, 4)).getString(39));
            client.disconnect();
        }
    }

    @Test
    void aRestartContinuesTheJournalSequence() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).build();
        final long nextAfterFirst;
        try (TestSwitch first = TestSwitch.start(config))
        {
            final NACChannel client = first.connect();
            exchange(client, TestSwitch.networkManagement("301", 1));
            client.disconnect();
            first.close();
            nextAfterFirst = first.report.nextSequence();
        }
        try (TestSwitch second = TestSwitch.start(config))
        {
            assertTrue(second.report.nextSequence() > nextAfterFirst,
                "next sequence " + second.report.nextSequence() + " after " + nextAfterFirst);
            assertEquals(second.report.eventsReplayed(), second.report.nextSequence());
        }
    }
}
