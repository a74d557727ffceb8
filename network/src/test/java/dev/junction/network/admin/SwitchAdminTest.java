package dev.junction.network.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.network.JunctionServer;
import dev.junction.network.NettyLeaks;
import dev.junction.network.ServerConfig;
import dev.junction.network.TestSwitch;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin endpoint in a running switch: /health follows the switch from recovery to ready to stopping,
 * and /metrics counts exactly the traffic an acquirer sent over TCP, in valid Prometheus text that holds
 * no card number.
 */
@ExtendWith(NettyLeaks.class)
class SwitchAdminTest
{
    private static final String TOKEN = "switch-admin-token-0123456789";
    private static final String RICH = "4000000000000007";
    private static final String EMPTY = "4000000000000006";
    private static final String EXPIRED = "4000000000000005";
    private static final List<String> PANS = List.of(RICH, EMPTY, EXPIRED);
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    @TempDir
    Path dir;

    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    private ServerConfig.Builder config() throws IOException
    {
        final Path accounts = Files.writeString(dir.resolve("accounts.csv"), String.join("\n",
            "account_id,currency,balance_minor,credit_limit_minor", "1,840,10000,0", "2,840,0,0", "3,840,900000000,0", ""));
        final Path cards = Files.writeString(dir.resolve("cards.csv"), String.join("\n",
            "pan,account_id,expiry_yymm,status", EXPIRED + ",1,2012,active", EMPTY + ",2,3012,active",
            RICH + ",3,3012,active", ""));
        return ServerConfig.builder().port(0).adminPort(0).dataDir(dir.resolve("data")).accountsFile(accounts)
            .cardsFile(cards).adminTokenFile(Files.writeString(dir.resolve("admin.token"), TOKEN + "\n"))
            .accountCapacity(1_000).cardCapacity(1_000).ringSize(1024).shutdownTimeoutMillis(5_000);
    }

    @Test
    void healthIsNotReadyWhileRecoveringReadyOnceBoundAndStoppingWhileDraining() throws Exception
    {
        final AtomicReference<JunctionServer> server = new AtomicReference<>();
        final Map<Readiness.State, List<AdminClient.Answer>> seen = new ConcurrentHashMap<>();
        // The switch's own thread reports each phase and waits here, so the phase is held while we look.
        final Readiness readiness = new Readiness(state ->
        {
            if (state == Readiness.State.RECOVERING || state == Readiness.State.STOPPING)
            {
                final AdminClient client = new AdminClient(server.get().adminAddress());
                try
                {
                    seen.put(state, List.of(client.get("/health"), client.get("/metrics"),
                        client.post("/admin/cutover", TOKEN, "")));
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException(e);
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        });
        server.set(new JunctionServer(config().build(), fatal::set, null, readiness));

        final JunctionServer.StartupReport report = server.get().start();

        final List<AdminClient.Answer> recovering = seen.get(Readiness.State.RECOVERING);
        assertEquals(new AdminClient.Answer(503, "recovering", "text/plain; charset=utf-8"), recovering.get(0));
        final PrometheusScrape early = new PrometheusScrape(recovering.get(1).body());
        assertEquals(0, early.count("junction_ready"));
        assertEquals(0, early.count("junction_connections_open"), "the network counters are there from the start");
        assertFalse(early.samples.containsKey("junction_ring_size"), "the ring is not built yet");
        assertEquals(new AdminClient.Answer(503, "not ready: recovering", "text/plain; charset=utf-8"), recovering.get(2));

        final InetSocketAddress admin = server.get().adminAddress();
        assertEquals(admin, report.adminAddress());
        final AdminClient client = new AdminClient(admin);
        assertEquals(new AdminClient.Answer(200, "ready", "text/plain; charset=utf-8"), client.get("/health"));
        final AdminClient.Answer credit = client.post("/admin/accounts/adjust", TOKEN,
            "account_id=2&amount_minor=250&currency=840&reference=SWITCHTEST");
        assertEquals(200, credit.status(), credit.body());
        assertTrue(credit.body().startsWith("account 2 credited 250: balance 250,"), credit.body());
        assertEquals(1, new PrometheusScrape(client.get("/metrics").body()).count("junction_ready"));

        server.get().close();

        final List<AdminClient.Answer> stopping = seen.get(Readiness.State.STOPPING);
        assertEquals(new AdminClient.Answer(503, "stopping", "text/plain; charset=utf-8"), stopping.get(0));
        assertEquals(503, stopping.get(2).status());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", admin.getPort()).close(),
            "the endpoint is closed once the switch has stopped");
        assertNull(fatal.get());
    }

    @Test
    void metricsCountTheTrafficSentOverTcpExactlyAndShowNoCardNumber() throws Exception
    {
        try (JunctionServer server = new JunctionServer(config().build(), fatal::set))
        {
            final JunctionServer.StartupReport report = server.start();
            final NACChannel acquirer = new NACChannel("127.0.0.1", report.address().getPort(), new ISO87BPackager(),
                null);
            acquirer.setTimeout(10_000);
            acquirer.connect();
            int stan = 0;
            for (int i = 0; i < 10; i++)
            {
                assertEquals("00", exchange(acquirer, TestSwitch.request("0100", RICH, 1_000, ++stan)));
            }
            assertEquals("51", exchange(acquirer, TestSwitch.request("0100", EMPTY, 1_000, ++stan)));
            assertEquals("51", exchange(acquirer, TestSwitch.request("0100", EMPTY, 2_000, ++stan)));
            assertEquals("54", exchange(acquirer, TestSwitch.request("0100", EXPIRED, 1_000, ++stan)));
            assertEquals("00", exchange(acquirer, TestSwitch.networkManagement("301", ++stan)));

            final AdminClient client = new AdminClient(report.adminAddress());
            final PrometheusScrape metrics = awaitScrape(client, "junction_requests_total{mti=\"0800\"}", 1);

            assertEquals(13, metrics.count("junction_requests_total{mti=\"0100\"}"));
            assertEquals(10, metrics.count("junction_answers_total{mti=\"0100\",code=\"00\"}"));
            assertEquals(2, metrics.count("junction_answers_total{mti=\"0100\",code=\"51\"}"));
            assertEquals(1, metrics.count("junction_answers_total{mti=\"0100\",code=\"54\"}"));
            assertEquals(1, metrics.count("junction_answers_total{mti=\"0800\",code=\"00\"}"));
            assertEquals(0, metrics.count("junction_requests_total{mti=\"0200\"}"));
            assertEquals(14, metrics.count("junction_answer_latency_seconds_count"));
            for (final String quantile : List.of("0.5", "0.9", "0.99", "0.999"))
            {
                final double seconds = metrics.value("junction_answer_latency_seconds{quantile=\"" + quantile + "\"}");
                assertTrue(seconds > 0 && seconds < 60, quantile + ": " + seconds);
            }
            assertTrue(metrics.value("junction_answer_latency_seconds_max") >=
                metrics.value("junction_answer_latency_seconds{quantile=\"0.999\"}"));
            assertEquals(14, metrics.count("junction_requests_published_total"));
            assertEquals(1, metrics.count("junction_connections_open"));
            assertEquals(1, metrics.count("junction_connections_accepted_total"));
            assertEquals(0, metrics.count("junction_connections_refused_total"));
            assertEquals(0, metrics.count("junction_ring_full_rejects_total"));
            assertEquals(0, metrics.count("junction_malformed_requests_total"));
            assertEquals(1024, metrics.count("junction_ring_size"));
            final long occupancy = metrics.count("junction_ring_occupancy");
            assertTrue(occupancy >= 0 && occupancy <= 1024, "occupancy " + occupancy);
            assertTrue(metrics.count("junction_journal_next_sequence") >= report.nextSequence() + 15,
                "the connect and the 14 requests were journaled after start");
            assertTrue(metrics.count("junction_journal_lag") >= 0);
            assertTrue(metrics.count("junction_jvm_heap_used_bytes") > 0);
            assertEquals(1, metrics.count("junction_ready"));
            assertEquals("counter", metrics.types.get("junction_answers_total"));
            assertEquals("gauge", metrics.types.get("junction_ring_occupancy"));

            for (final String pan : PANS)
            {
                assertFalse(metrics.text.contains(pan) || metrics.text.contains(pan.substring(6)),
                    "no card number in /metrics");
            }
            assertLabelsAreBounded(metrics);

            // The event loop's CPU time: above zero after this traffic, and growing with more of it.
            final double loopSeconds = metrics.value("junction_event_loop_cpu_seconds_total");
            assertTrue(loopSeconds > 0 && loopSeconds < 600, "event loop CPU " + loopSeconds + " s");
            assertEquals("counter", metrics.types.get("junction_event_loop_cpu_seconds_total"));
            for (int i = 0; i < 500; i++)
            {
                assertEquals("00", exchange(acquirer, TestSwitch.networkManagement("301", ++stan)));
            }
            final double later = new PrometheusScrape(client.get("/metrics").body())
                .value("junction_event_loop_cpu_seconds_total");
            assertTrue(later > loopSeconds, "event loop CPU " + loopSeconds + " s, then " + later + " s after 500 echoes");
            acquirer.disconnect();
        }
        assertNull(fatal.get());
    }

    /** Every label is one of the few the endpoint defines, with a value from a fixed set: nothing per transaction. */
    private static void assertLabelsAreBounded(final PrometheusScrape metrics)
    {
        for (final String series : metrics.samples.keySet())
        {
            final Matcher label = LABEL.matcher(series);
            while (label.find())
            {
                final String value = label.group(2);
                switch (label.group(1))
                {
                    case "mti":
                        assertTrue(value.matches("0100|0200|0220|0400|0401|0420|0421|0800|other"), series);
                        break;
                    case "code":
                        assertTrue(value.matches("[0-9]{2}"), series);
                        break;
                    case "quantile":
                        assertTrue(value.matches("0\\.5|0\\.9|0\\.99|0\\.999"), series);
                        break;
                    default:
                        throw new AssertionError("unexpected label in " + series);
                }
            }
        }
    }

    private static PrometheusScrape awaitScrape(final AdminClient client, final String series, final long expected)
        throws Exception
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (true)
        {
            final AdminClient.Answer answer = client.get("/metrics");
            assertEquals(200, answer.status());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", answer.contentType());
            final PrometheusScrape scrape = new PrometheusScrape(answer.body());
            if (scrape.count(series) == expected || System.nanoTime() > deadline)
            {
                assertEquals(expected, scrape.count(series), series);
                return scrape;
            }
            Thread.sleep(20);
        }
    }

    private static String exchange(final NACChannel channel, final ISOMsg request) throws Exception
    {
        channel.send(request);
        final ISOMsg answer = channel.receive();
        assertNotNull(answer);
        return answer.getString(39);
    }

    @Test
    void withAdminPortMinusOneNoEndpointRuns() throws Exception
    {
        try (JunctionServer server = new JunctionServer(config().adminPort(ServerConfig.ADMIN_OFF).build(), fatal::set))
        {
            assertNull(server.start().adminAddress());
            assertNull(server.adminAddress());
        }
    }
}
