package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payment switch opens no connection its operator did not configure: no library reports usage, checks
 * for updates or resolves a name. The switch runs as its own process, serves traffic on a couple of
 * connections and its admin endpoint on one, and all the while its sockets are sampled from {@code /proc}:
 * each must be a listener the options configured or a connection one of them accepted; no UDP (so no DNS), no raw or unix socket. The
 * warm-up's scratch listener and its loopback connections to it (before the port opens) must be gone by "ready". A
 * socket opened and closed between two samples (every few milliseconds) would escape; anything that stays
 * open, such as a connection waiting on a host these machines cannot reach, is caught. Linux only.
 */
class NoOutboundSocketTest
{
    /**
     * Each listener the banner announces: {@code "  ISO 8583   127.0.0.1:8583 (...)"},
     * {@code "  admin      http://127.0.0.1:8584 (...)"}.
     */
    private static final Pattern LISTENER = Pattern.compile("^  (\\S.*?)\\s+(?:https?://)?127\\.0\\.0\\.1:(\\d+)");
    private static final long SAMPLE_AFTER_TRAFFIC_MILLIS = 3_000;
    /**
     * What {@link SwitchProcess} configures: {@code --port 0} and {@code --admin-port 0}. A new listener's option
     * belongs here, with the name its banner line gives it.
     */
    private static final Set<String> CONFIGURED_LISTENERS = Set.of("ISO 8583", "admin");

    @TempDir
    static Path pkiDir;
    static TlsTestPki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void linuxOnly() throws Exception
    {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && Files.exists(Path.of("/proc/self/net/tcp")),
            "reads /proc: Linux only");
        pki = new TlsTestPki(pkiDir);
    }

    @Test
    void aPlaintextSwitchHoldsOnlyItsListenerAndTheConnectionsItAccepted() throws Exception
    {
        // With a warm-up: its scratch listener and its loopback connections to it must all be closed by the
        // time the switch says ready, or the sampler below finds them.
        final List<String> args = new ArrayList<>(List.of(referenceData()));
        args.addAll(List.of("--warm-up-ms", "500"));
        final SwitchProcess process = SwitchProcess.start(dir.resolve("switch.log"), args.toArray(new String[0]));
        try (Sampler sampler = new Sampler(process.pid(), configuredListeners(process.banner())))
        {
            assertTrue(process.banner().contains("  security   plaintext"), process.banner().toString());
            assertTrue(process.banner().stream().anyMatch(line -> line.startsWith("  warm-up    ") &&
                line.contains("through a scratch switch")), process.banner().toString());
            // The default thread layout, said as it is: no ring thread, so no wait strategy either.
            assertTrue(process.banner().toString().contains("1 I/O thread, ring stages inline on the event loop, journal helper from batches of 16)"),
                process.banner().toString());
            getHealth(adminPort(process.banner()));
            final List<NACChannel> clients = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                final NACChannel client = new NACChannel("127.0.0.1", process.port(), new ISO87BPackager(), null);
                client.setTimeout(10_000);
                client.connect();
                clients.add(client);
                client.send(TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 10 + i));
                assertEquals("00", client.receive().getString(39));
                client.send(TestSwitch.networkManagement("301", 20 + i));
                assertEquals("00", client.receive().getString(39));
            }
            sampler.await(2);
            for (final NACChannel client : clients)
            {
                client.disconnect();
            }
            sampler.keepSamplingFor(SAMPLE_AFTER_TRAFFIC_MILLIS);
            sampler.assertClean();
        }
        finally
        {
            process.stop();
        }
    }

    @Test
    void aTlsSwitchHoldsOnlyItsListenerAndTheConnectionsItAccepted() throws Exception
    {
        final List<String> args = new ArrayList<>(List.of(referenceData()));
        args.addAll(List.of("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverKey.toString(),
            "--tls-client-auth", "require", "--tls-trust", pki.caCert.toString()));
        final SwitchProcess process = SwitchProcess.start(dir.resolve("switch.log"), args.toArray(new String[0]));
        try (Sampler sampler = new Sampler(process.pid(), configuredListeners(process.banner())))
        {
            assertTrue(process.banner().stream().anyMatch(line -> line.startsWith("  security   TLS 1.3 (") &&
                line.endsWith("), client auth require")), process.banner().toString());
            getHealth(adminPort(process.banner()));
            final List<SSLSocket> clients = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                final SSLSocket socket = TlsTestPki.connect(pki.clientContext(pki.client, pki.clientPrivateKey),
                    process.port());
                clients.add(socket);
                assertEquals("00", TlsServerContract.exchange(socket,
                    TestSwitch.request("0100", TestSwitch.ACTIVE, 100, 10 + i)).getString(39));
                assertEquals("00", TlsServerContract.exchange(socket,
                    TestSwitch.networkManagement("301", 20 + i)).getString(39));
            }
            sampler.await(2);
            for (final SSLSocket client : clients)
            {
                client.close();
            }
            sampler.keepSamplingFor(SAMPLE_AFTER_TRAFFIC_MILLIS);
            sampler.assertClean();
        }
        finally
        {
            process.stop();
        }
    }

    /**
     * The check itself, on this test JVM: a listener and the connection it accepted pass; an outbound TCP
     * connection to 127.0.0.1, a UDP socket and a unix socket with a path are each reported. Were the /proc parsing wrong, the switch
     * tests above could pass for the wrong reason.
     */
    @Test
    void theCheckReportsAnOutboundConnectionAndAUdpSocketButNotAListenerOrWhatItAccepted() throws Exception
    {
        final long self = ProcessHandle.current().pid();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket outbound = new Socket("127.0.0.1", listener.getLocalPort());
             Socket accepted = listener.accept();
             DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             ServerSocketChannel unixListener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                 .bind(UnixDomainSocketAddress.of(dir.resolve("local.sock"))))
        {
            final List<ProcSockets.Violation> violations = ProcSockets.violations(self, Set.of(listener.getLocalPort()));
            assertTrue(violations.stream().anyMatch(v -> v.socket().isTcp() &&
                v.socket().localPort() == outbound.getLocalPort() && v.why().startsWith("an outbound connection")),
                "the outbound connection is reported: " + violations);
            assertTrue(violations.stream().anyMatch(v -> v.socket().table().startsWith("udp") &&
                v.socket().localPort() == udp.getLocalPort()), "the UDP socket is reported: " + violations);
            assertTrue(violations.stream().anyMatch(v -> v.socket().table().equals("unix") &&
                v.socket().remote().endsWith("local.sock")), "the named unix socket is reported: " + violations);
            assertFalse(violations.stream().anyMatch(v -> v.socket().localPort() == listener.getLocalPort()),
                "neither the listener nor the connection it accepted is reported: " + violations);
            assertEquals(listener.getLocalPort(), accepted.getLocalPort());

            final List<ProcSockets.Violation> unconfigured = ProcSockets.violations(self, Set.of());
            assertTrue(unconfigured.stream().anyMatch(v -> v.socket().state() == ProcSockets.TCP_LISTEN &&
                v.socket().localPort() == listener.getLocalPort()), "a listener no option configured is reported: " +
                unconfigured);
        }
    }

    private String[] referenceData() throws IOException
    {
        final Path accounts = Files.writeString(dir.resolve("accounts.csv"), TestSwitch.ACCOUNTS_CSV);
        final Path cards = Files.writeString(dir.resolve("cards.csv"), TestSwitch.CARDS_CSV);
        return new String[] {"--data", dir.resolve("data").toString(), "--accounts", accounts.toString(),
            "--cards", cards.toString(), "--account-capacity", "1000", "--card-capacity", "1000"};
    }

    /**
     * The ports of the listeners the options configured, as the banner announces them (each line
     * {@code NAME 127.0.0.1:PORT}): with {@code --port 0} only the banner knows the port. A listener added
     * later (the admin HTTP port) is allowed once its option's banner line names it, and no sooner.
     */
    private static Set<Integer> configuredListeners(final List<String> banner)
    {
        final Map<String, Integer> listeners = new HashMap<>();
        for (final String line : banner)
        {
            final Matcher matcher = LISTENER.matcher(line);
            if (matcher.find())
            {
                listeners.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
        }
        assertEquals(CONFIGURED_LISTENERS, listeners.keySet(), "the listeners the options configure: " + banner);
        return new HashSet<>(listeners.values());
    }

    private static int adminPort(final List<String> banner)
    {
        for (final String line : banner)
        {
            final Matcher matcher = LISTENER.matcher(line);
            if (matcher.find() && matcher.group(1).equals("admin"))
            {
                return Integer.parseInt(matcher.group(2));
            }
        }
        throw new AssertionError("no admin listener in the banner: " + banner);
    }

    /** Asks the admin endpoint for its health over a connection it accepts, and reads the status line. */
    private static void getHealth(final int port) throws IOException
    {
        try (Socket http = new Socket("127.0.0.1", port))
        {
            http.setSoTimeout(10_000);
            http.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            final String status = new String(http.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertTrue(status.startsWith("HTTP/1.1 "), status);
        }
    }

    /** Samples the process's sockets every few milliseconds on its own thread, from start to close. */
    private static final class Sampler implements AutoCloseable
    {
        private final long pid;
        private final Set<Integer> listeners;
        private final Set<String> violations = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int mostAccepted;
        private volatile long samples;
        private volatile Exception failure;

        Sampler(final long pid, final Set<Integer> listeners)
        {
            this.pid = pid;
            this.listeners = listeners;
            this.thread = new Thread(this::run, "proc-sockets-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void run()
        {
            while (running)
            {
                try
                {
                    for (final ProcSockets.Violation violation : ProcSockets.violations(pid, listeners))
                    {
                        violations.add(violation.toString());
                    }
                    final Set<Long> inodes = ProcSockets.socketInodes(pid);
                    int accepted = 0;
                    for (final ProcSockets.Socket socket : ProcSockets.tables(pid).values())
                    {
                        if (inodes.contains(socket.inode()) && socket.isTcp() && socket.state() != ProcSockets.TCP_LISTEN)
                        {
                            accepted++;
                        }
                    }
                    mostAccepted = Math.max(mostAccepted, accepted);
                    samples++;
                    Thread.sleep(5);
                }
                catch (final IOException | RuntimeException e)
                {
                    // While the process runs, reading its /proc entries must not fail: a failure fails the test.
                    failure = e;
                    return;
                }
                catch (final InterruptedException e)
                {
                    return;
                }
            }
        }

        /** Waits until a sample has seen {@code connections} accepted connections: the sampler sees what it checks. */
        void await(final int connections) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (mostAccepted < connections && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertTrue(mostAccepted >= connections, "the sampler saw " + mostAccepted + " accepted connections");
        }

        void keepSamplingFor(final long millis) throws InterruptedException
        {
            Thread.sleep(millis);
        }

        void assertClean()
        {
            if (failure != null)
            {
                throw new AssertionError("the sampler failed after " + samples + " samples", failure);
            }
            assertTrue(samples > 10, "too few samples: " + samples);
            assertEquals(Set.of(), Set.copyOf(violations), "sockets the switch must not hold");
        }

        @Override
        public void close() throws InterruptedException
        {
            running = false;
            thread.join(5_000);
        }
    }
}
