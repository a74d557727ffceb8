package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.junction.core.auth.StateDigest;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.journal.JournalReader;
import dev.junction.journal.JournalVerification;
import dev.junction.journal.JournalVerifier;
import dev.junction.journal.ReadProgress;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inline layout's journal helper over real sockets and a real journal: four acquirers each write 1,500
 * requests at once, so the event loop reads large batches and the helper journals them while the loop
 * decides them (it takes every batch of two or more here). Every request is answered and matched, the
 * journal holds every input and outcome once, in ring order, with both hash chains intact, and a restart on
 * that journal rebuilds the very state the switch stopped with.
 */
@ExtendWith(NettyLeaks.class)
class JournalHelperOverTcpTest
{
    private static final int CONNECTIONS = 4;
    private static final int REQUESTS_PER_CONNECTION = 1500;

    @TempDir
    Path dir;

    @Test
    void burstsJournaledByTheHelperAreAnsweredJournaledWholeAndReplayedToTheSameState() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).maxInFlightPerConnection(64)
            .threadLayout(PipelineConfig.INLINE).journalHelperBatch(2).build();
        final long helperBatches;
        final long digestAtStop;
        try (TestSwitch junction = TestSwitch.start(config))
        {
            final ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS * 2);
            final List<RawClient> clients = new ArrayList<>();
            final List<Future<Map<String, ISOMsg>>> answers = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++)
            {
                final RawClient client = new RawClient(junction.port());
                clients.add(client);
                final byte[] burst = burst(c);
                pool.submit(() ->
                {
                    client.sendRaw(burst);
                    return null;
                });
                answers.add(pool.submit(() ->
                {
                    final Map<String, ISOMsg> byStan = new HashMap<>();
                    for (int i = 0; i < REQUESTS_PER_CONNECTION; i++)
                    {
                        final ISOMsg answer = client.readAnswer();
                        byStan.put(answer.getString(11), answer);
                    }
                    return byStan;
                }));
            }
            for (int c = 0; c < CONNECTIONS; c++)
            {
                final Map<String, ISOMsg> byStan = answers.get(c).get(60, TimeUnit.SECONDS);
                assertEquals(REQUESTS_PER_CONNECTION, byStan.size(), "distinct answers on connection " + c);
                for (int i = 0; i < REQUESTS_PER_CONNECTION; i++)
                {
                    final ISOMsg answer = byStan.get(String.format("%06d", stan(c, i)));
                    assertEquals(i % 2 == 0 ? "0110" : "0210", answer.getMTI());
                    assertEquals("00", answer.getString(39));
                    assertEquals(String.format("%012d", amount(i)), answer.getString(4));
                }
            }
            for (final RawClient client : clients)
            {
                client.close();
            }
            pool.shutdownNow();
            junction.close();
            assertNull(junction.fatal.get());
            helperBatches = junction.server.journalHelperBatches();
            digestAtStop = junction.server.stateDigest();
        }

        System.out.printf("journal helper: %,d batches journaled beside the event loop%n", helperBatches);
        assertTrue(helperBatches > 0, "the helper journaled no batch");
        final JournalVerification verified = JournalVerifier.verify(dir.resolve("data"), ReadProgress.NONE);
        assertTrue(verified.intact(), verified.toString());
        assertJournalHoldsEveryRequestAndOutcomeOnceInOrder();
        try (TestSwitch restarted = TestSwitch.start(config))
        {
            assertEquals(StateDigest.hex(digestAtStop), restarted.report.stateDigest());
        }
    }

    private void assertJournalHoldsEveryRequestAndOutcomeOnceInOrder()
    {
        try (JournalReader reader = JournalReader.open(dir.resolve("data")))
        {
            final long[] next = {0};
            final long[] requests = {0};
            reader.readInputs(0, (sequence, kind, ingress, connection, payload, offset, length) ->
            {
                assertEquals(next[0]++, sequence, "input sequences are dense and in ring order");
                requests[0] += kind == EventKind.REQUEST ? 1 : 0;
            });
            next[0] = 0;
            reader.readOutcomes(0, outcome -> assertEquals(next[0]++, outcome.sequence(), "one outcome per input"));
            assertEquals((long)CONNECTIONS * REQUESTS_PER_CONNECTION, requests[0]);
            assertEquals(reader.inputCount(), reader.outcomeCount());
        }
    }

    /** One connection's 1,500 requests, framed, in one buffer to be written at once. */
    private static byte[] burst(final int connection) throws Exception
    {
        final ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < REQUESTS_PER_CONNECTION; i++)
        {
            final byte[] body = RawClient.pack(TestSwitch.request(i % 2 == 0 ? "0100" : "0200", TestSwitch.RICH,
                amount(i), stan(connection, i)));
            frames.write(body.length >>> 8);
            frames.write(body.length & 0xFF);
            frames.write(body);
        }
        return frames.toByteArray();
    }

    private static long amount(final int index)
    {
        return 100 + index;
    }

    private static int stan(final int connection, final int index)
    {
        return connection * 100_000 + index + 1;
    }
}
