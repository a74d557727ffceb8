package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.junction.journal.JournalReader;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.PipelineConfig;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several acquirers at once, each with many requests in flight: every request gets its own answer
 * on its own connection, matched by STAN, and the journal holds every input and outcome in ring order.
 */
@ExtendWith(NettyLeaks.class)
class PipelinedClientsTest
{
    private static final int CONNECTIONS = 4;
    private static final int REQUESTS_PER_CONNECTION = 250;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} ring stages")
    @ValueSource(strings = {PipelineConfig.PIPELINED, PipelineConfig.SINGLE, PipelineConfig.INLINE})
    void aThousandPipelinedRequestsOverFourConnectionsAreEachAnsweredAndMatchedByStan(final String threadLayout)
        throws Exception
    {
        final int journaledRequests;
        try (TestSwitch junction = TestSwitch.start(TestSwitch.configIn(dir).maxInFlightPerConnection(64)
            .threadLayout(threadLayout).build()))
        {
            final ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS * 2);
            final List<Future<Map<String, ISOMsg>>> results = new ArrayList<>();
            final List<NACChannel> channels = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++)
            {
                final NACChannel channel = junction.connect();
                channels.add(channel);
                final int connection = c;
                pool.submit(() ->
                {
                    for (int i = 0; i < REQUESTS_PER_CONNECTION; i++)
                    {
                        channel.send(TestSwitch.request(i % 2 == 0 ? "0100" : "0200", TestSwitch.RICH, 100 + i,
                            stan(connection, i)));
                    }
                    return null;
                });
                results.add(pool.submit(() ->
                {
                    final Map<String, ISOMsg> byStan = new HashMap<>();
                    for (int i = 0; i < REQUESTS_PER_CONNECTION; i++)
                    {
                        final ISOMsg answer = channel.receive();
                        byStan.put(answer.getString(11), answer);
                    }
                    return byStan;
                }));
            }
            for (int c = 0; c < CONNECTIONS; c++)
            {
                final Map<String, ISOMsg> byStan = results.get(c).get(60, TimeUnit.SECONDS);
                assertEquals(REQUESTS_PER_CONNECTION, byStan.size(), "distinct answers on connection " + c);
                for (int i = 0; i < REQUESTS_PER_CONNECTION; i++)
                {
                    final ISOMsg answer = byStan.get(String.format("%06d", stan(c, i)));
                    assertEquals(i % 2 == 0 ? "0110" : "0210", answer.getMTI());
                    assertEquals("00", answer.getString(39));
                    assertEquals(String.format("%012d", 100 + i), answer.getString(4));
                }
            }
            for (final NACChannel channel : channels)
            {
                channel.disconnect();
            }
            pool.shutdownNow();
            junction.close();
            assertNull(junction.fatal.get());
            journaledRequests = CONNECTIONS * REQUESTS_PER_CONNECTION;
        }
        assertJournalHoldsEveryRequestAndOutcomeInOrder(journaledRequests);
    }

    private void assertJournalHoldsEveryRequestAndOutcomeInOrder(final int requests)
    {
        try (JournalReader reader = JournalReader.open(dir.resolve("data")))
        {
            final long[] counts = new long[3];
            final long[] expected = {0};
            reader.readInputs(0, (sequence, kind, ingress, connection, payload, offset, length) ->
            {
                assertEquals(expected[0]++, sequence, "input sequences are dense and in ring order");
                if (kind == EventKind.REQUEST)
                {
                    counts[0]++;
                }
            });
            expected[0] = 0;
            reader.readOutcomes(0, outcome ->
            {
                assertEquals(expected[0]++, outcome.sequence(), "one outcome per input, in ring order");
                if (outcome.responseLength() > 0)
                {
                    counts[1]++;
                }
            });
            assertEquals(requests, counts[0], "request inputs journaled");
            assertEquals(requests, counts[1], "answered outcomes journaled");
            assertEquals(reader.inputCount(), reader.outcomeCount());
            assertTrue(reader.inputCount() > requests, "admin and connection events are journaled too");
        }
    }

    private static int stan(final int connection, final int index)
    {
        return connection * 1000 + index + 1;
    }
}
