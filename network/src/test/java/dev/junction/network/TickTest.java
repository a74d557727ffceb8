package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Replayer;
import dev.junction.journal.JournalReader;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Time reaches the authorizer as journaled ticks: a hold expires while no request arrives, and replay agrees. */
@ExtendWith(NettyLeaks.class)
class TickTest
{
    @TempDir
    Path dir;

    @Test
    void aHoldExpiresOnJournaledTicksWithoutAnyFurtherRequest() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).holdExpiryMillis(200).tickIntervalMillis(50).build();
        try (TestSwitch junction = TestSwitch.start(config))
        {
            final NACChannel client = junction.connect();
            client.send(TestSwitch.request("0100", TestSwitch.ACTIVE, 6_000, 1));
            assertEquals("00", client.receive().getString(39));
            client.disconnect();
            Thread.sleep(600);
        }

        final Authorizer replayed = new Authorizer(config.authorizerConfig());
        final Replayer replayer = new Replayer(replayed);
        try (JournalReader reader = JournalReader.open(config.dataDir()))
        {
            assertTrue(JournalCounts.ofKind(reader, EventKind.TICK) >= 5, "ticks every 50 ms are journaled");
            reader.readInputs(0, replayer::apply);
        }
        final int account = replayed.accounts().indexOf(1);
        assertEquals(0, replayed.accounts().holdsMinor(account), "the hold expired on a tick");
        assertEquals(10_000, replayed.accounts().balanceMinor(account));
    }
}
