package dev.junction.network;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.pipeline.WaitStrategies;
import dev.junction.core.refdata.AdminRecords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code junction start}: runs the switch until SIGTERM or Ctrl-C, then stops gracefully. */
@Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs the switch: recovers the state from the journal in --data, imports --accounts/--cards",
        "(or, on a new data directory with no files named, the demo set), then --rules and",
        "--cutover-time, then serves ISO 8583.",
        "SIGTERM or Ctrl-C stops it gracefully: every request taken in is answered first."})
final class StartCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host = ServerConfig.DEFAULT_HOST;

    @Option(names = "--port", description = "ISO 8583 port (default: ${DEFAULT-VALUE}).")
    private int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--data", description = "Data directory holding the journal (default: ${DEFAULT-VALUE}).")
    private Path dataDir = Path.of("data");

    @Option(names = "--accounts", paramLabel = "FILE",
        description = "Accounts CSV: account_id,currency,balance_minor,credit_limit_minor")
    private Path accountsFile;

    @Option(names = "--cards", paramLabel = "FILE", description = "Cards CSV: pan,account_id,expiry_yymm,status")
    private Path cardsFile;

    @Option(names = "--rules", paramLabel = "FILE",
        description = "Rules file: limits, risk model, merchant categories, terminals, currency rates, card " +
            "limits (see README, \"Limits, risk and currencies\"). Imported when its version is newer than the one " +
            "in force.")
    private Path rulesFile;

    @Option(names = "--cutover-time", paramLabel = "HH:MM|none",
        description = "Daily business-day cutover time in UTC, or none for cutover on command only; set at start " +
            "(default: the time in force is kept).")
    private String cutoverTime;

    @Option(names = "--max-frame-bytes", description = "Largest message accepted (default: ${DEFAULT-VALUE}).")
    private int maxFrameBytes = ServerConfig.DEFAULT_MAX_FRAME_BYTES;

    @Option(names = "--max-connections", description = "Acquirer connections at once (default: ${DEFAULT-VALUE}).")
    private int maxConnections = ServerConfig.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--max-in-flight",
        description = "Unanswered requests per connection before it is no longer read (default: ${DEFAULT-VALUE}).")
    private int maxInFlight = ServerConfig.DEFAULT_MAX_IN_FLIGHT;

    @Option(names = "--ring-size", description = "Ring slots, a power of two (default: ${DEFAULT-VALUE}).")
    private int ringSize = PipelineConfig.DEFAULT_RING_SIZE;

    @Option(names = "--wait-strategy",
        description = "Ring consumers' wait: " + WaitStrategies.NAMES + " (default: ${DEFAULT-VALUE}).")
    private String waitStrategy = WaitStrategies.BLOCKING;

    @Option(names = "--io-threads", description = "Netty event loop threads (default: ${DEFAULT-VALUE}).")
    private int ioThreads = ServerConfig.DEFAULT_IO_THREADS;

    @Option(names = "--transport", description = "auto, epoll or nio (default: ${DEFAULT-VALUE}).")
    private String transport = "auto";

    @Option(names = "--account-capacity", description = "Most accounts held (default: ${DEFAULT-VALUE}).")
    private int accountCapacity = AuthorizerConfig.DEFAULT_ACCOUNT_CAPACITY;

    @Option(names = "--card-capacity", description = "Most cards held (default: ${DEFAULT-VALUE}).")
    private int cardCapacity = AuthorizerConfig.DEFAULT_CARD_CAPACITY;

    @Option(names = "--transaction-capacity",
        description = "Most transactions remembered for completions, reversals and refunds; open holds are never " +
            "evicted, so size it for the authorizations open within --hold-expiry-ms (default: ${DEFAULT-VALUE}).")
    private int transactionCapacity = AuthorizerConfig.DEFAULT_TRANSACTION_CAPACITY;

    @Option(names = "--duplicate-window",
        description = "Recent requests the duplicate check remembers (default: ${DEFAULT-VALUE}).")
    private int duplicateWindow = AuthorizerConfig.DEFAULT_DUPLICATE_WINDOW;

    @Option(names = "--hold-expiry-ms",
        description = "How long an authorization's hold stands (default: ${DEFAULT-VALUE}, 7 days).")
    private long holdExpiryMillis = AuthorizerConfig.DEFAULT_HOLD_EXPIRY_MILLIS;

    @Option(names = "--snapshot-interval-ms",
        description = "How often a background thread writes a snapshot, replaying the journal beside the " +
            "business thread (which it never stops); 0 never (default: ${DEFAULT-VALUE}, hourly).")
    private long snapshotIntervalMillis = ServerConfig.DEFAULT_SNAPSHOT_INTERVAL_MILLIS;

    @Option(names = "--tick-ms",
        description = "Interval of the journaled time ticks that expire holds (default: ${DEFAULT-VALUE}).")
    private long tickIntervalMillis = ServerConfig.DEFAULT_TICK_INTERVAL_MILLIS;

    @Option(names = "--journal-sync",
        description = "Force each batch of inputs to storage before answering it (survives power loss; slower).")
    private boolean journalSync;

    @Option(names = "--journal-key-file", paramLabel = "FILE",
        description = "Encrypt journal payloads and snapshots at rest (AES-256-GCM) with the key in FILE: 32 bytes " +
            "as 64 hex digits or base64, e.g. from 'openssl rand -hex 32' (default: none, PANs in clear).")
    private Path journalKeyFile;

    @Option(names = "--journal-key-env", paramLabel = "NAME",
        description = "As --journal-key-file, with the key in the environment variable NAME.")
    private String journalKeyEnv;

    @Option(names = "--shutdown-timeout-ms",
        description = "How long a graceful stop waits for answers (default: ${DEFAULT-VALUE}).")
    private long shutdownTimeoutMillis = ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ServerConfig config;
        try
        {
            config = ServerConfig.builder().host(host).port(port).dataDir(dataDir).accountsFile(accountsFile)
                .cardsFile(cardsFile).rulesFile(rulesFile).cutoverTime(cutoverTime).maxFrameBytes(maxFrameBytes).maxConnections(maxConnections)
                .maxInFlightPerConnection(maxInFlight).ringSize(ringSize).waitStrategy(waitStrategy)
                .ioThreads(ioThreads).transport(transport).accountCapacity(accountCapacity).cardCapacity(cardCapacity)
                .transactionCapacity(transactionCapacity).duplicateWindow(duplicateWindow)
                .holdExpiryMillis(holdExpiryMillis).tickIntervalMillis(tickIntervalMillis).snapshotIntervalMillis(snapshotIntervalMillis)
                .journalSyncEachBatch(journalSync).journalKeyFile(journalKeyFile).journalKeyEnv(journalKeyEnv)
                .shutdownTimeoutMillis(shutdownTimeoutMillis).build();
        }
        catch (final IllegalArgumentException e)
        {
            err.println("junction start: --" + e.getMessage());
            return 2;
        }
        final JunctionServer server = new JunctionServer(config, fatal -> Runtime.getRuntime().halt(70));
        final JunctionServer.StartupReport report;
        try
        {
            report = server.start();
        }
        catch (final StartupException e)
        {
            err.println("junction start: " + e.getMessage());
            err.flush();
            return 1;
        }
        printBanner(out, config, report);
        JunctionCli.awaitShutdown(server);
        return 0;
    }

    private static void printBanner(final PrintWriter out, final ServerConfig config,
        final JunctionServer.StartupReport report)
    {
        out.printf("Junction %s%n", JunctionCli.Version.text());
        out.printf("  ISO 8583   %s:%d (%s, %d I/O thread%s, wait strategy %s)%n",
            report.address().getHostString(), report.address().getPort(), report.transport(), config.ioThreads(),
            config.ioThreads() == 1 ? "" : "s", config.waitStrategy());
        out.printf("  data       %s%n", report.dataDir().toAbsolutePath().normalize());
        out.printf("  at rest    %s%n", config.journalKey() == null ?
            "card numbers in clear in the journal and snapshots: no journal key (see docs/pan-protection.md)" :
            "journal payloads and snapshots encrypted (AES-256-GCM, key id " + config.journalKey().idHex() + ")");
        if (report.snapshot() != null)
        {
            out.printf("  snapshot   %s loaded (state up to sequence %,d)%n", report.snapshot(),
                report.snapshotSequence());
        }
        out.printf("  journal    %,d events replayed%s in %,d ms; next sequence %,d%n",
            report.eventsReplayed(), report.snapshot() != null ? " after the snapshot" : "", report.replayMillis(),
            report.nextSequence());
        if (report.demo())
        {
            out.printf("  reference  demo set provisioned: %,d accounts, %,d cards (see README, \"Demo cards\")%n",
                report.accountsImported(), report.cardsImported());
        }
        else if (config.accountsFile() != null || config.cardsFile() != null)
        {
            out.printf("  reference  imported %,d new accounts and %,d new cards; %,d accounts and %,d cards were " +
                "already known and kept their state%n", report.accountsImported(), report.cardsImported(),
                report.accountsKnown(), report.cardsKnown());
        }
        if (report.rulesAlreadyInForce())
        {
            out.printf("  rules      version %,d already in force; nothing imported%n", report.rulesVersion());
        }
        else if (report.rulesVersion() != 0)
        {
            out.printf("  rules      version %,d imported: %,d records (was version %,d)%n", report.rulesVersion(),
                report.rulesImported(), report.rulesVersionBefore());
        }
        if (report.cutoverSecondOfDay() == AdminRecords.CUTOVER_ON_COMMAND_ONLY)
        {
            out.printf("  cutover    on command only%n");
        }
        else if (report.cutoverSecondOfDay() >= 0)
        {
            out.printf("  cutover    daily at %02d:%02d UTC%n", report.cutoverSecondOfDay() / 3600,
                report.cutoverSecondOfDay() / 60 % 60);
        }
        out.printf("  state      %,d accounts, %,d cards loaded; digest %s%n",
            report.accounts(), report.cards(), report.stateDigest());
        out.println("ready");
        out.flush();
    }
}
