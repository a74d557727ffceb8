package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.junction.journal.JournalReader;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A graceful stop answers every request it took in; none that reached the journal goes unanswered. */
@ExtendWith(NettyLeaks.class)
class ShutdownTest
{
    @TempDir
    Path dir;

    @Test
    void stoppingUnderLoadAnswersEveryRequestTakenIn() throws Exception
    {
        final AtomicInteger answered = new AtomicInteger();
        final TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).maxInFlightPerConnection(32).build());
        final NACChannel client = junction.connect();
        final CountDownLatch halfAnswered = new CountDownLatch(1);
        final Thread receiver = new Thread(() ->
        {
            try
            {
                while (true)
                {
                    final ISOMsg answer = client.receive();
                    assertEquals("00", answer.getString(39));
                    if (answered.incrementAndGet() == 500)
                    {
                        halfAnswered.countDown();
                    }
                }
            }
            catch (final Exception closed)
            {
                halfAnswered.countDown();
            }
        });
        receiver.start();
        final Thread sender = new Thread(() ->
        {
            try
            {
                for (int stan = 1; stan <= 5_000; stan++)
                {
                    client.send(TestSwitch.request("0100", TestSwitch.RICH, 1, stan));
                }
            }
            catch (final Exception closed)
            {
                // The switch stopped reading and closed: the rest was never taken in.
            }
        });
        sender.start();
        halfAnswered.await();

        junction.close();
        receiver.join(10_000);
        sender.join(10_000);
        client.disconnect();
        assertNull(junction.fatal.get());

        try (JournalReader reader = JournalReader.open(junction.dataDir))
        {
            final long requests = JournalCounts.requests(reader);
            assertTrue(requests >= 500, "requests journaled: " + requests);
            assertEquals(requests, answered.get(), "every journaled request was answered before the stop");
            assertEquals(reader.inputCount(), reader.outcomeCount());
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndCounted() throws Exception
    {
        try (TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).maxConnections(2).build()))
        {
            final NACChannel first = junction.connect();
            final NACChannel second = junction.connect();
            try (RawClient third = new RawClient(junction.port()))
            {
                assertNull(third.readFrame(), "the third connection is closed at once");
            }
            assertEquals(1, junction.server.counters().connectionsRefused.get());
            first.send(TestSwitch.networkManagement("301", 1));
            assertEquals("00", first.receive().getString(39));
            first.disconnect();
            second.disconnect();
        }
    }
}
