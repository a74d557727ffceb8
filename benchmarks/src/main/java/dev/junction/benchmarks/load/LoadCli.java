package dev.junction.benchmarks.load;

import dev.junction.network.traffic.TransactionMix;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.junction.network.KeyReference;
import dev.junction.network.MacAlgorithm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code junction load}: the load generator's command line. A usage error prints one line and exits
 * 2; a connection that cannot be made prints one line and exits 1; a run exits 0 when every request
 * was answered and every answer matched, 1 otherwise.
 */
@Command(name = "junction load", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Drives a running switch over TCP like a crowd of acquirers and measures its latency from each",
        "request's intended send time (no coordinated omission). Prints a line a second and a report;",
        "exits 0 when every request got a matching answer, 1 otherwise, 2 on a usage error."})
public final class LoadCli implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", description = "Switch address (default: ${DEFAULT-VALUE}).")
    private String host = "127.0.0.1";

    @Option(names = "--port", description = "Switch ISO 8583 port (default: ${DEFAULT-VALUE}).")
    private int port = 8583;

    @Option(names = "--connections", description = "TCP connections (default: ${DEFAULT-VALUE}).")
    private int connections = 4;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
        description = "Requests per second over all connections, open loop; 0 saturates: keeps --in-flight "
            + "outstanding on every connection (default: ${DEFAULT-VALUE}).")
    private long rate;

    @Option(names = "--in-flight", description = "Most requests outstanding per connection; in open loop a request "
        + "due beyond it waits and is counted as backlogged, timed from when it was due (default: ${DEFAULT-VALUE}).")
    private int inFlight = 64;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
        description = "Measured run, e.g. 60s, 500ms, 2m (default: 60s).")
    private long durationNanos = 60_000_000_000L;

    @Option(names = "--warmup", paramLabel = "TIME", converter = DurationConverter.class,
        description = "Load before the measured run, left out of the histogram (default: 5s).")
    private long warmupNanos = 5_000_000_000L;

    @Option(names = "--grace", paramLabel = "TIME", converter = DurationConverter.class,
        description = "How long to wait for the last answers after the run (default: 5s).")
    private long graceNanos = 5_000_000_000L;

    @Option(names = "--mix", description = "Request kinds and weights: auth, purchase, refund, inquiry, reversal, "
        + "echo (default: ${DEFAULT-VALUE}).")
    private String mix = TransactionMix.DEFAULT;

    @Option(names = "--cards", description = "Demo cards provisioned on the switch; PANs are drawn uniformly from "
        + "them (default: ${DEFAULT-VALUE}).")
    private int cards = 100_000;

    @Option(names = "--include-declines", description = "Also draw demo cards 1-5, which decline by design.")
    private boolean includeDeclines;

    @Option(names = "--seed", description = "Seeds the card and kind draws (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--amount-minor", description = "Amount of each financial request, minor units (default: ${DEFAULT-VALUE}).")
    private long amountMinor = 100;

    @Option(names = "--expect-echo", description = "The server is the echo floor (junction echo-server): an answer "
        + "carries its request's own MTI.")
    private boolean expectEcho;

    @Option(names = "--institution", paramLabel = "ID",
        description = "Sign each connection on as this institution (0800, 70=001, field 32) before any traffic, and " +
            "send it in field 32 of every request; needed by a switch started with --acquirers (default: no sign-on, " +
            "field 32 " + AcquirerIdentity.DEFAULT_INSTITUTION + ").")
    private String institution;

    @Option(names = "--mac-key", paramLabel = "env:NAME|file:PATH",
        description = "MAC every request with the key held, in hex, in this environment variable or file, and check " +
            "the MAC of every answer (an answer whose MAC is missing or bad counts as malformed). Needs --institution.")
    private String macKey;

    @Option(names = "--mac-algorithm", description = "With --mac-key: " + MacAlgorithm.NAMES + " (default: ${DEFAULT-VALUE}).")
    private String macAlgorithm = MacAlgorithm.HMAC_SHA256.toString();

    @Option(names = "--hgrm", paramLabel = "FILE", description = "Write the latency distribution here (HdrHistogram "
        + "percentile format, microseconds).")
    private Path hgrmFile;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the latency percentile distribution here.")
    private Path plotFile;

    @Option(names = "--tls", description = "Speak TLS 1.3 to the switch (its --tls-cert); needs --tls-trust.")
    private boolean tls;

    @Option(names = "--tls-trust", paramLabel = "FILE",
        description = "PEM CA (or certificate) the switch's certificate is checked against.")
    private Path tlsTrust;

    @Option(names = "--tls-cert", paramLabel = "FILE",
        description = "PEM client certificate to present when the switch asks for one (--tls-client-auth).")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The client certificate's PEM PKCS#8 key.")
    private Path tlsKey;

    private PrintStream out = System.out;

    public static void main(final String[] args)
    {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line; returns the exit status (tests call this instead of {@link #main}). */
    public static int run(final PrintStream out, final PrintStream err, final String... args)
    {
        final LoadCli cli = new LoadCli();
        cli.out = out;
        final CommandLine commandLine = new CommandLine(cli)
            .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            err.println("junction load: " + ex.getMessage() + " (see --help)");
            err.flush();
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parsed) ->
        {
            err.println("junction load: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            err.flush();
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final LoadConfig config;
        final LoadTls clientTls;
        try
        {
            config = new LoadConfig(host, port, connections, rate, inFlight, durationNanos, warmupNanos, graceNanos,
                TransactionMix.parse(mix), cards, includeDeclines, seed, amountMinor, expectEcho, acquirer());
            if (!tls && (tlsTrust != null || tlsCert != null || tlsKey != null))
            {
                throw new IllegalArgumentException("--tls-trust, --tls-cert and --tls-key need --tls");
            }
            clientTls = tls ? LoadTls.of(tlsTrust, tlsCert, tlsKey) : null;
        }
        catch (final IllegalArgumentException e)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        final LoadResult result = new LoadGenerator(config, clientTls, out).run();
        result.print(out);
        if (hgrmFile != null)
        {
            result.writeHgrm(hgrmFile);
            out.println("wrote " + hgrmFile);
        }
        if (plotFile != null)
        {
            PercentilePlot.write(result.latencies(), title(config) + (tls ? ", TLS" : ""), plotFile);
            out.println("wrote " + plotFile);
        }
        return result.exitCode();
    }

    /** @throws IllegalArgumentException naming the option; never showing key material. */
    private AcquirerIdentity acquirer()
    {
        if (macKey == null)
        {
            return new AcquirerIdentity(institution, null, null);
        }
        final MacAlgorithm algorithm = MacAlgorithm.named(macAlgorithm);
        if (algorithm == null)
        {
            throw new IllegalArgumentException("--mac-algorithm must be one of " + MacAlgorithm.NAMES + ": " + macAlgorithm);
        }
        final byte[] key;
        try
        {
            key = KeyReference.resolve(macKey, Path.of(""), System::getenv);
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException("--mac-key " + e.getMessage());
        }
        return new AcquirerIdentity(institution, algorithm, key);
    }

    private static String title(final LoadConfig config)
    {
        return String.format("%s:%d%s, %s, %d connections", config.host(), config.port(),
            config.expectEcho() ? " (echo floor)" : "",
            config.isSaturating() ? "saturating" : String.format("open loop %,d/s", config.ratePerSecond()),
            config.connections());
    }
}
