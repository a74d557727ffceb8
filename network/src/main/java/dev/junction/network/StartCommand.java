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

    @Option(names = "--config", paramLabel = "FILE",
        description = "A configuration file of key = value lines, keys being these options' long names without " +
            "dashes (config/junction.properties lists every one with its default); the command line overrides it.")
    private Path configPath;

    private ConfigFile configFile;

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

    @Option(names = "--max-connections-per-address",
        description = "Acquirer connections at once from one IP address (default: ${DEFAULT-VALUE}).")
    private int maxConnectionsPerAddress = ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

    @Option(names = "--max-in-flight",
        description = "Unanswered requests per connection before it is no longer read (default: ${DEFAULT-VALUE}).")
    private int maxInFlight = ServerConfig.DEFAULT_MAX_IN_FLIGHT;

    @Option(names = "--write-buffer-low-bytes",
        description = "Unsent answer bytes below which a connection that was unwritable is written and read again " +
            "(default: ${DEFAULT-VALUE}).")
    private int writeBufferLowBytes = ServerConfig.DEFAULT_WRITE_BUFFER_LOW_BYTES;

    @Option(names = "--write-buffer-high-bytes",
        description = "Unsent answer bytes above which a connection is unwritable: its answers wait and it is not " +
            "read (default: ${DEFAULT-VALUE}).")
    private int writeBufferHighBytes = ServerConfig.DEFAULT_WRITE_BUFFER_HIGH_BYTES;

    @Option(names = "--slow-reader-timeout-ms",
        description = "Close a connection that stays unwritable (its client does not read its answers) this long; " +
            "0 never (default: ${DEFAULT-VALUE}).")
    private long slowReaderTimeoutMillis = ServerConfig.DEFAULT_SLOW_READER_TIMEOUT_MILLIS;

    @Option(names = "--idle-echo-ms",
        description = "Send the acquirer an 0800 echo (70=301) after this long without inbound traffic; 0 never " +
            "(default: ${DEFAULT-VALUE}).")
    private long idleEchoMillis = ServerConfig.DEFAULT_IDLE_ECHO_MILLIS;

    @Option(names = "--idle-close-ms",
        description = "Close a connection after this long without inbound traffic; 0 never " +
            "(default: ${DEFAULT-VALUE}).")
    private long idleCloseMillis = ServerConfig.DEFAULT_IDLE_CLOSE_MILLIS;

    @Option(names = "--ring-size", description = "Ring slots, a power of two (default: " +
        PipelineConfig.DEFAULT_INLINE_RING_SIZE + " with --thread-layout inline, " + PipelineConfig.DEFAULT_RING_SIZE +
        " with ring threads).")
    private Integer ringSize;

    @Option(names = "--wait-strategy",
        description = "Ring consumers' wait: " + WaitStrategies.NAMES + " (default: ${DEFAULT-VALUE}).")
    private String waitStrategy = WaitStrategies.BLOCKING;

    @Option(names = "--thread-layout",
        description = "Ring stages' threads: pipelined (journal || authorizer -> responder, three threads), " +
            "single (one thread journals, authorizes and answers) or inline (the event loop does it; needs " +
            "--io-threads 1) (default: ${DEFAULT-VALUE}).")
    private String threadLayout = ServerConfig.DEFAULT_THREAD_LAYOUT;

    @Option(names = "--journal-helper-batch",
        description = "Inline layout: under sustained load (16 batches in a row of at least this many events) a " +
            "second thread journals each such batch while the event loop authorizes it; 0 for no helper " +
            "(default: ${DEFAULT-VALUE}).")
    private int journalHelperBatch = PipelineConfig.DEFAULT_JOURNAL_HELPER_BATCH;

    @Option(names = "--io-threads", description = "Netty event loop threads; more than 1 needs --thread-layout " +
        "pipelined or single (default: ${DEFAULT-VALUE}).")
    private int ioThreads = ServerConfig.DEFAULT_IO_THREADS;

    @Option(names = "--transport", description = "auto, epoll or nio (default: ${DEFAULT-VALUE}).")
    private String transport = "auto";

    @Option(names = "--loop-spin-us",
        description = "After the event loop last found a socket ready, keep polling this many microseconds before " +
            "blocking, so a request arriving meanwhile is read without a wake-up; holds a core while traffic " +
            "flows. 0..." + ServerConfig.MAX_LOOP_SPIN_MICROS + "; 0 blocks at once (default: ${DEFAULT-VALUE}).")
    private long loopSpinMicros = ServerConfig.DEFAULT_LOOP_SPIN_MICROS;

    @Option(names = "--account-capacity", description = "Most accounts held (default: ${DEFAULT-VALUE}).")
    private int accountCapacity = AuthorizerConfig.DEFAULT_ACCOUNT_CAPACITY;

    @Option(names = "--card-capacity", description = "Most cards held (default: ${DEFAULT-VALUE}).")
    private int cardCapacity = AuthorizerConfig.DEFAULT_CARD_CAPACITY;

    @Option(names = "--transaction-capacity",
        description = "Most transactions remembered for completions, reversals and refunds; open holds are never " +
            "evicted, so size it for the authorizations open within --hold-expiry-ms; about 256 bytes each, at most " +
            AuthorizerConfig.MAX_TRANSACTION_CAPACITY + " (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--warm-up-ms",
        description = "Before the acquirer port opens, drive a scratch switch (own journal in <data>/warm-up, " +
            "removed after) over loopback this long so the JIT has compiled the request path; 0 for none, else " +
            ServerConfig.MIN_WARM_UP_MILLIS + ".." + ServerConfig.MAX_WARM_UP_MILLIS + " (default: ${DEFAULT-VALUE}).")
    private long warmUpMillis = ServerConfig.DEFAULT_WARM_UP_MILLIS;

    @Option(names = "--acquirers", paramLabel = "FILE",
        description = "Known acquirers CSV: institution_id,allowed_addresses,mac_algorithm,mac_key (see " +
            "docs/acquirers.md). Each connection must then sign on; without it the switch runs open.")
    private Path acquirersFile;

    @Option(names = "--before-sign-on", paramLabel = "reject|close",
        description = "What a request before sign-on gets: reject answers 91, close closes the connection " +
            "(default: ${DEFAULT-VALUE}).")
    private String beforeSignOn = ServerConfig.DEFAULT_BEFORE_SIGN_ON;

    @Option(names = "--max-door-refusals",
        description = "Refusals at the door (91 before sign-on, 63 security) one connection gets; the next closes " +
            "it (default: ${DEFAULT-VALUE}).")
    private int maxDoorRefusals = ServerConfig.DEFAULT_MAX_DOOR_REFUSALS;

    @Option(names = "--min-free-disk-mb",
        description = "Below this much usable space (MiB) in the data directory, requests are answered 91 " +
            "without being journaled, so the journal never fills the disk; checked every tick; 0 never " +
            "(default: ${DEFAULT-VALUE}).")
    private long minFreeDiskMb = ServerConfig.DEFAULT_MIN_FREE_DISK_MB;

    @Option(names = "--admin-timeout-ms",
        description = "How long an admin action waits for the ring to take and apply it before answering 503 " +
            "(default: ${DEFAULT-VALUE}).")
    private long adminTimeoutMillis = ServerConfig.DEFAULT_ADMIN_TIMEOUT_MILLIS;

    @Option(names = "--admin-host",
        description = "Address the admin HTTP endpoint (/health, /metrics, actions) listens on (default: " +
            "${DEFAULT-VALUE}).")
    private String adminHost = ServerConfig.DEFAULT_ADMIN_HOST;

    @Option(names = "--admin-port",
        description = "Admin HTTP port; 0 picks a free one, -1 runs no admin endpoint (default: ${DEFAULT-VALUE}).")
    private int adminPort = ServerConfig.DEFAULT_ADMIN_PORT;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
        description = "File whose first line is the bearer token admin actions need (at least 16 characters); " +
            "without it (or --admin-token-env) every action answers 403.")
    private Path adminTokenFile;

    @Option(names = "--admin-token-env", paramLabel = "NAME",
        description = "Environment variable holding the admin bearer token, instead of --admin-token-file.")
    private String adminTokenEnv;

    @Option(names = "--admin-max-body-bytes",
        description = "Largest admin request body, e.g. a CSV upload (default: ${DEFAULT-VALUE}, 16 MiB).")
    private int adminMaxBodyBytes = ServerConfig.DEFAULT_ADMIN_MAX_BODY_BYTES;

    @Option(names = "--admin-max-connections",
        description = "Admin connections at once; more are closed on accept (default: ${DEFAULT-VALUE}).")
    private int adminMaxConnections = ServerConfig.DEFAULT_ADMIN_MAX_CONNECTIONS;

    @Option(names = "--admin-idle-timeout-ms",
        description = "An admin connection idle this long is closed (default: ${DEFAULT-VALUE}).")
    private long adminIdleTimeoutMillis = ServerConfig.DEFAULT_ADMIN_IDLE_TIMEOUT_MILLIS;

    @Option(names = "--admin-queue-capacity",
        description = "Admin actions waiting for an action thread; more are answered 503 (default: ${DEFAULT-VALUE}).")
    private int adminQueueCapacity = ServerConfig.DEFAULT_ADMIN_QUEUE_CAPACITY;

    @Option(names = "--tls-cert", paramLabel = "FILE",
        description = "Serve TLS with this PEM certificate chain, leaf first (default: plaintext). Needs --tls-key.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
        description = "The certificate's PEM PKCS#8 private key (BEGIN PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY).")
    private Path tlsKey;

    @Option(names = "--tls-key-password-env", paramLabel = "NAME",
        description = "Environment variable holding the password of an encrypted --tls-key.")
    private String tlsKeyPasswordEnv;

    @Option(names = "--tls-client-auth", paramLabel = "none|optional|require",
        description = "Ask acquirers for a certificate, verified against --tls-trust (default: ${DEFAULT-VALUE}).")
    private String tlsClientAuth = TlsConfig.DEFAULT_CLIENT_AUTH;

    @Option(names = "--tls-trust", paramLabel = "FILE",
        description = "PEM bundle of acquirer certificates or their CAs; required unless --tls-client-auth none.")
    private Path tlsTrust;

    @Option(names = "--tls-provider", paramLabel = "auto|openssl|jdk",
        description = "auto: OpenSSL (netty-tcnative BoringSSL) where it loads, else the JDK (default: ${DEFAULT-VALUE}).")
    private String tlsProvider = TlsConfig.DEFAULT_PROVIDER;

    @Option(names = "--tls-protocols", paramLabel = "LIST",
        description = "TLS versions offered, comma-separated: TLSv1.3, TLSv1.2 (default: ${DEFAULT-VALUE}).")
    private String tlsProtocols = TlsConfig.DEFAULT_PROTOCOLS;

    @Option(names = "--tls-handshake-timeout-ms",
        description = "A TLS handshake not done by then is closed (default: ${DEFAULT-VALUE}).")
    private long tlsHandshakeTimeoutMillis = TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT_MILLIS;

    void configFile(final ConfigFile config)
    {
        configFile = config;
    }

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
                .maxInFlightPerConnection(maxInFlight).ringSize(ringSize).waitStrategy(waitStrategy).threadLayout(threadLayout)
                .journalHelperBatch(journalHelperBatch)
                .ioThreads(ioThreads).loopSpinMicros(loopSpinMicros).transport(transport).accountCapacity(accountCapacity).cardCapacity(cardCapacity)
                .transactionCapacity(transactionCapacity).duplicateWindow(duplicateWindow)
                .holdExpiryMillis(holdExpiryMillis).tickIntervalMillis(tickIntervalMillis).snapshotIntervalMillis(snapshotIntervalMillis)
                .journalSyncEachBatch(journalSync).journalKeyFile(journalKeyFile).journalKeyEnv(journalKeyEnv)
                .shutdownTimeoutMillis(shutdownTimeoutMillis).warmUpMillis(warmUpMillis)
                .acquirersFile(acquirersFile).beforeSignOn(beforeSignOn).maxDoorRefusals(maxDoorRefusals)
                .minFreeDiskMb(minFreeDiskMb)
                .maxConnectionsPerAddress(maxConnectionsPerAddress).writeBufferLowBytes(writeBufferLowBytes)
                .writeBufferHighBytes(writeBufferHighBytes).slowReaderTimeoutMillis(slowReaderTimeoutMillis)
                .idleEchoMillis(idleEchoMillis).idleCloseMillis(idleCloseMillis)
                .adminTimeoutMillis(adminTimeoutMillis)
                .adminHost(adminHost).adminPort(adminPort).adminTokenFile(adminTokenFile).adminTokenEnv(adminTokenEnv)
                .adminMaxBodyBytes(adminMaxBodyBytes).adminMaxConnections(adminMaxConnections)
                .adminIdleTimeoutMillis(adminIdleTimeoutMillis).adminQueueCapacity(adminQueueCapacity)

                .tlsCert(tlsCert).tlsKey(tlsKey).tlsKeyPasswordEnv(tlsKeyPasswordEnv).tlsClientAuth(tlsClientAuth)
                .tlsTrust(tlsTrust).tlsProvider(tlsProvider).tlsProtocols(tlsProtocols)
                .tlsHandshakeTimeoutMillis(tlsHandshakeTimeoutMillis).build();
        }
        catch (final IllegalArgumentException e)
        {
            final String message = e.getMessage();
            final int space = message.indexOf(' ');
            final String origin = configFile == null || space < 0 ||
                JunctionCli.isOnCommandLine("--" + message.substring(0, space), spec.commandLine().getParseResult()
                    .originalArgs().toArray(new String[0])) ? null : configFile.describe(message.substring(0, space));
            err.println("junction start: " + (origin == null ? "--" + message : origin + ": " + message));
            return 2;
        }
        LeakDetection.offUnlessAsked();
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
        printBanner(out, config, report, server.acquirersDescription());
        JunctionCli.awaitShutdown(server);
        return 0;
    }

    private static void printBanner(final PrintWriter out, final ServerConfig config,
        final JunctionServer.StartupReport report, final String acquirers)
    {
        out.printf("Junction %s%n", JunctionCli.Version.text());
        // The wait strategy is for ring threads; the inline layout has none.
        out.printf("  ISO 8583   %s:%d (%s, %d I/O thread%s%s, %s)%n",
            report.address().getHostString(), report.address().getPort(), report.transport(), config.ioThreads(),
            config.ioThreads() == 1 ? "" : "s", config.loopSpinMicros() == 0 ? "" :
                " polling " + config.loopSpinMicros() + " µs after traffic before blocking", PipelineConfig.INLINE.equals(config.threadLayout()) ?
                "ring stages inline on the event loop" + (config.journalHelperBatch() == 0 ? "" :
                    ", journal helper from batches of " + config.journalHelperBatch()) :
                config.threadLayout() + " ring stages, wait strategy " + config.waitStrategy());
        out.printf("  security   %s%n", report.security());
        if (report.adminAddress() != null)
        {
            out.printf("  admin      http://%s:%d (/health, /metrics; actions %s)%n",
                report.adminAddress().getHostString(), report.adminAddress().getPort(),
                config.adminTokenFile() != null || config.adminTokenEnv() != null ? "need the bearer token" :
                    "disabled: no --admin-token-file");
        }
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
        out.printf("  acquirers  %s%n", acquirers);
        final WarmUp.Result warmUp = report.warmUp();
        if (warmUp.problem() != null)
        {
            out.printf("  warm-up    stopped after %,d ms (%s); the JIT warms on live traffic%n", warmUp.millis(),
                warmUp.problem());
        }
        else if (warmUp.requests() > 0)
        {
            out.printf("  warm-up    %,d requests (%,d approved) through a scratch switch in %,d ms; journal and state " +
                "untouched%n", warmUp.requests(), warmUp.approved(), warmUp.millis());
        }
        out.printf("  state      %,d accounts, %,d cards loaded; digest %s%n",
            report.accounts(), report.cards(), report.stateDigest());
        out.println("ready");
        out.flush();
    }
}
