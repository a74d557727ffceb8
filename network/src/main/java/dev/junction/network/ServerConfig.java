package dev.junction.network;

import java.nio.file.Path;

import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.BusinessDay;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.network.admin.AdminSettings;
import dev.junction.journal.JournalKey;

/**
 * Everything {@code junction start} can be told, with the defaults written out in {@link #defaults()}.
 * Every limit is a named value here; the README's configuration table lists them.
 *
 * @param host                     the address the ISO 8583 listener binds to.
 * @param port                     its port; 0 picks a free one (tests).
 * @param dataDir                  where the journal lives.
 * @param accountsFile             accounts CSV to import, or null.
 * @param cardsFile                cards CSV to import, or null.
 * @param rulesFile                rules file (limits, risk rules, rates) to import, or null.
 * @param cutoverTime              the daily business-day cutover time to set at start, {@code HH:MM} UTC or
 *                                 {@code none} (cutover on command only); null leaves the one in force.
 * @param maxFrameBytes            the largest ISO 8583 message accepted (the 2-byte length's value).
 * @param maxConnections           acquirer connections open at once; more are closed on accept.
 * @param maxConnectionsPerAddress acquirer connections open at once from one IP address; more from it are
 *                                 closed on accept, so one misbehaving host cannot take every slot.
 * @param maxInFlightPerConnection requests of one connection in the ring at once; beyond it the
 *                                 connection is not read until answers drain.
 * @param ringSize                 ring slots (a power of two); unless named, 512 with the inline layout and
 *                                 4,096 with ring threads.
 * @param waitStrategy             ring consumers' wait strategy name.
 * @param ioThreads                Netty event loop threads.
 * @param transport                {@code auto} (epoll where available), {@code epoll} or {@code nio}.
 * @param loopSpinMicros           how long an event loop keeps polling its sockets after it last found one ready
 *                                 before it blocks ({@link SpinThenBlock}); 0 (the default) blocks at once.
 * @param accountCapacity          most accounts the ledger holds.
 * @param cardCapacity             most cards the ledger holds.
 * @param transactionCapacity      most transactions remembered for completions, reversals and refunds.
 * @param duplicateWindow          how many recent requests the duplicate check remembers.
 * @param holdExpiryMillis         how long an authorization's hold stands.
 * @param snapshotIntervalMillis   how often a background thread writes a snapshot, 0 for never.
 * @param tickIntervalMillis       how often a journaled TICK event carries time to the authorizer
 *                                 (hold expiry happens on ticks and before each request).
 * @param journalSyncEachBatch     force each batch to storage before answering (power-loss durability).
 * @param journalKey               seals journal payloads and snapshots at rest (AES-256-GCM); null keeps them in
 *                                 clear. Read by {@link Builder#build()} from {@code --journal-key-file} or
 *                                 {@code --journal-key-env}; its {@code toString} shows the key id only.
 * @param shutdownTimeoutMillis    how long a graceful stop waits for in-flight requests to be answered.
 * @param warmUpMillis             before the acquirer port opens, how long a scratch switch (its own temporary
 *                                 journal and state) is driven over loopback so that the JIT has compiled the
 *                                 request path; 0 for none. See {@link WarmUp}. The one default that differs:
 *                                 {@link #defaults()} (embedded servers, tests) has none, {@code junction start}
 *                                 {@link #DEFAULT_WARM_UP_MILLIS}.
 * @param threadLayout             the ring stages' threads: pipelined (three), single (one) or inline (the event loop); see PipelineConfig.
 * @param journalHelperBatch       inline layout: the smallest batch a second thread journals while the event loop
 *                                 authorizes it; 0 for no helper. See PipelineConfig.
 * @param acquirersFile            the known acquirers (docs/acquirers.md), or null: the switch runs open, no
 *                                 sign-on required.
 * @param beforeSignOn             what a request before sign-on gets: {@code reject} (answered 91) or
 *                                 {@code close} (the connection is closed).
 * @param maxDoorRefusals          refusals at the door (91 before sign-on, 63) one connection gets; the next
 *                                 one closes it.
 * @param minFreeDiskMb            below this much usable space in the data directory (MiB) requests are answered
 *                                 91 without entering the ring, so the journal never fills the disk; 0 never.
 * @param writeBufferLowBytes      a connection that stopped being writable is writable again (and read again)
 *                                 once its unsent answers fall below this.
 * @param writeBufferHighBytes     unsent answers of one connection above this make it unwritable: no more
 *                                 answers are handed to it and it is not read until it drains.
 * @param slowReaderTimeoutMillis  a connection that stays unwritable this long (its client does not read its
 *                                 answers) is closed; 0 never.
 * @param idleEchoMillis           after this long without inbound traffic the switch sends the acquirer an 0800
 *                                 echo (70=301); 0 never.
 * @param idleCloseMillis          after this long without inbound traffic the connection is closed; 0 never.
 * @param adminTimeoutMillis       how long an operator's admin action waits for a ring slot, and then for the
 *                                 authorizer to apply it, before it answers 503.
 * @param adminHost                the address the admin HTTP endpoint binds to.
 * @param adminPort                its port; 0 picks a free one (tests), {@link #ADMIN_OFF} runs no endpoint.
 * @param adminTokenFile           file holding the bearer token admin actions need, or null.
 * @param adminTokenEnv            name of an environment variable holding that token, or null.
 * @param adminMaxBodyBytes        the largest admin request body (a reference-data upload).
 * @param adminMaxConnections      admin connections open at once; more are closed on accept.
 * @param adminIdleTimeoutMillis   an admin connection idle this long is closed.
 * @param adminQueueCapacity       admin actions waiting for an action thread; more are refused 503.
 * @param tls                      TLS on the acquirer port, or plaintext ({@link TlsConfig#plaintext()}).
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Path accountsFile,
    Path cardsFile,
    Path rulesFile,
    String cutoverTime,
    int maxFrameBytes,
    int maxConnections,
    int maxInFlightPerConnection,
    int ringSize,
    String waitStrategy,
    String threadLayout,
    int journalHelperBatch,
    int ioThreads,
    String transport,
    long loopSpinMicros,
    int accountCapacity,
    int cardCapacity,
    int transactionCapacity,
    int duplicateWindow,
    long holdExpiryMillis,
    long tickIntervalMillis,
    long snapshotIntervalMillis,
    boolean journalSyncEachBatch,
    long shutdownTimeoutMillis,
    long warmUpMillis,
    Path acquirersFile,
    String beforeSignOn,
    int maxDoorRefusals,
    long minFreeDiskMb,
    int maxConnectionsPerAddress,
    int writeBufferLowBytes,
    int writeBufferHighBytes,
    long slowReaderTimeoutMillis,
    long idleEchoMillis,
    long idleCloseMillis,
    long adminTimeoutMillis,
    String adminHost,
    int adminPort,
    Path adminTokenFile,
    String adminTokenEnv,
    int adminMaxBodyBytes,
    int adminMaxConnections,
    long adminIdleTimeoutMillis,
    int adminQueueCapacity,
    JournalKey journalKey,
    TlsConfig tls)
{
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8583;
    public static final int DEFAULT_MAX_FRAME_BYTES = 4096;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_MAX_IN_FLIGHT = 128;
    /**
     * The switch's ring layout unless told otherwise: with the one event loop of a small machine, that loop
     * consuming the ring measured best (docs/perf-notes.md, "Fifth pass").
     */
    public static final String DEFAULT_THREAD_LAYOUT = PipelineConfig.INLINE;
    public static final int DEFAULT_IO_THREADS = 1;
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 10_000;
    /** {@code junction start}'s warm-up (an embedded server's builder defaults to none). */
    public static final long DEFAULT_WARM_UP_MILLIS = 3_000;
    public static final long MIN_WARM_UP_MILLIS = 100;
    public static final long MAX_WARM_UP_MILLIS = 600_000;
    /** An event loop blocks as soon as nothing is ready, unless told to poll a while first. */
    public static final long DEFAULT_LOOP_SPIN_MICROS = 0;
    /** Ten milliseconds: longer than any gap between requests worth bridging, short enough to bound the waste. */
    public static final long MAX_LOOP_SPIN_MICROS = 10_000;
    /** Ten seconds: an admin action applies in microseconds, so only a stalled or flooded ring waits this long. */
    public static final long DEFAULT_ADMIN_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_TICK_INTERVAL_MILLIS = 1_000;
    /** Hourly: a restart then replays at most an hour of journal after the newest snapshot. */
    public static final long DEFAULT_SNAPSHOT_INTERVAL_MILLIS = 3_600_000;
    public static final String DEFAULT_BEFORE_SIGN_ON = AcquirerDoor.REJECT;
    public static final int DEFAULT_MAX_DOOR_REFUSALS = 10;
    /** 256 MiB: room for about a million journaled requests and their outcomes after the floor is reached. */
    public static final long DEFAULT_MIN_FREE_DISK_MB = 256;
    public static final int MAX_DOOR_REFUSALS_LIMIT = 1_000_000;
    /** 1 TiB in MiB: a floor above any data disk this switch expects is a typo. */
    public static final long MAX_MIN_FREE_DISK_MB = 1L << 20;
    /** A bank's host normally opens a handful of connections; 64 leaves room and still stops one host taking all. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
    /** Netty's own default low watermark: about 700 answers. */
    public static final int DEFAULT_WRITE_BUFFER_LOW_BYTES = 64 * 1024;
    /** About 2,800 answers: far more than a connection's in-flight limit, so a reading client never meets it. */
    public static final int DEFAULT_WRITE_BUFFER_HIGH_BYTES = 256 * 1024;
    /** A client that has not taken its answers for 30 s is not coming back for them. */
    public static final long DEFAULT_SLOW_READER_TIMEOUT_MILLIS = 30_000;
    /** Banks commonly echo after a minute of silence. */
    public static final long DEFAULT_IDLE_ECHO_MILLIS = 60_000;
    /** Three echo intervals: an acquirer that answered none of them is gone. */
    public static final long DEFAULT_IDLE_CLOSE_MILLIS = 180_000;
    /** Largest write-buffer watermark accepted: 1 GiB. */
    public static final int MAX_WRITE_BUFFER_BYTES = 1 << 30;
    /** Longest timeout accepted: one day. */
    public static final long MAX_TIMEOUT_MILLIS = 86_400_000;
    /** The 2-byte frame length cannot say more. */
    public static final int MAX_FRAME_LIMIT = 65_535;
    /** Connection ids keep the session slot in 16 bits. */
    public static final int MAX_CONNECTIONS_LIMIT = 65_535;
    /** Loopback: the admin endpoint changes cards and money, so other hosts reach it only when asked to. */
    public static final String DEFAULT_ADMIN_HOST = "127.0.0.1";
    public static final int DEFAULT_ADMIN_PORT = 8584;
    /** The {@code --admin-port} that runs no admin endpoint at all. */
    public static final int ADMIN_OFF = -1;
    /** 16 MiB: a reference-data upload of about 200,000 cards. */
    public static final int DEFAULT_ADMIN_MAX_BODY_BYTES = 16 * 1024 * 1024;
    public static final int MAX_ADMIN_BODY_LIMIT = 1024 * 1024 * 1024;
    public static final int DEFAULT_ADMIN_MAX_CONNECTIONS = 8;
    public static final long DEFAULT_ADMIN_IDLE_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_ADMIN_QUEUE_CAPACITY = 16;

    public ServerConfig
    {
        require(port >= 0 && port <= 65_535, "port", port, "0..65535");
        require(maxFrameBytes >= 64 && maxFrameBytes <= MAX_FRAME_LIMIT, "max-frame-bytes", maxFrameBytes, "64..65535");
        require(maxConnections >= 1 && maxConnections <= MAX_CONNECTIONS_LIMIT, "max-connections", maxConnections,
            "1..65535");
        require(maxInFlightPerConnection >= 1 && maxInFlightPerConnection <= 65_536, "max-in-flight",
            maxInFlightPerConnection, "1..65536");
        require(ringSize >= 64 && Integer.bitCount(ringSize) == 1, "ring-size", ringSize, "a power of two >= 64");
        require(journalHelperBatch == 0 || (journalHelperBatch >= 2 &&
            journalHelperBatch <= PipelineConfig.MAX_JOURNAL_HELPER_BATCH), "journal-helper-batch", journalHelperBatch,
            "0 (no helper) or 2.." + PipelineConfig.MAX_JOURNAL_HELPER_BATCH);
        require(ioThreads >= 1 && ioThreads <= 64, "io-threads", ioThreads, "1..64");
        require(loopSpinMicros >= 0 && loopSpinMicros <= MAX_LOOP_SPIN_MICROS, "loop-spin-us", loopSpinMicros,
            "0 (block at once) .. " + MAX_LOOP_SPIN_MICROS);
        require(accountCapacity >= 1, "account-capacity", accountCapacity, ">= 1");
        require(cardCapacity >= 1, "card-capacity", cardCapacity, ">= 1");
        require(transactionCapacity >= 1 && transactionCapacity <= AuthorizerConfig.MAX_TRANSACTION_CAPACITY,
            "transaction-capacity", transactionCapacity, "1.." + AuthorizerConfig.MAX_TRANSACTION_CAPACITY);
        require(duplicateWindow >= 1, "duplicate-window", duplicateWindow, ">= 1");
        require(holdExpiryMillis >= 1, "hold-expiry-ms", holdExpiryMillis, ">= 1");
        require(tickIntervalMillis >= 10 && tickIntervalMillis <= 60_000, "tick-ms", tickIntervalMillis, "10..60000");
        require(snapshotIntervalMillis == 0 || snapshotIntervalMillis >= 100, "snapshot-interval-ms",
            snapshotIntervalMillis, "0 (never) or >= 100");
        require(shutdownTimeoutMillis >= 0, "shutdown-timeout-ms", shutdownTimeoutMillis, ">= 0");
        require(warmUpMillis == 0 || (warmUpMillis >= MIN_WARM_UP_MILLIS && warmUpMillis <= MAX_WARM_UP_MILLIS),
            "warm-up-ms", warmUpMillis, "0 (none) or " + MIN_WARM_UP_MILLIS + ".." + MAX_WARM_UP_MILLIS);
        require(maxDoorRefusals >= 1 && maxDoorRefusals <= MAX_DOOR_REFUSALS_LIMIT, "max-door-refusals", maxDoorRefusals,
            "1.." + MAX_DOOR_REFUSALS_LIMIT);
        require(minFreeDiskMb >= 0 && minFreeDiskMb <= MAX_MIN_FREE_DISK_MB, "min-free-disk-mb", minFreeDiskMb,
            "0 (never) .. " + MAX_MIN_FREE_DISK_MB);
        if (!AcquirerDoor.REJECT.equals(beforeSignOn) && !AcquirerDoor.CLOSE.equals(beforeSignOn))
        {
            throw new IllegalArgumentException("before-sign-on must be reject or close: " + beforeSignOn);
        }
        require(maxConnectionsPerAddress >= 1 && maxConnectionsPerAddress <= MAX_CONNECTIONS_LIMIT,
            "max-connections-per-address", maxConnectionsPerAddress, "1..65535");
        require(writeBufferHighBytes >= 1024 && writeBufferHighBytes <= MAX_WRITE_BUFFER_BYTES, "write-buffer-high-bytes",
            writeBufferHighBytes, "1024..1073741824");
        require(writeBufferLowBytes >= 1 && writeBufferLowBytes <= writeBufferHighBytes, "write-buffer-low-bytes",
            writeBufferLowBytes, "1..write-buffer-high-bytes (" + writeBufferHighBytes + ")");
        requireTimeout(slowReaderTimeoutMillis, "slow-reader-timeout-ms");
        requireTimeout(idleEchoMillis, "idle-echo-ms");
        requireTimeout(idleCloseMillis, "idle-close-ms");
        if (idleEchoMillis > 0 && idleCloseMillis > 0 && idleEchoMillis >= idleCloseMillis)
        {
            throw new IllegalArgumentException("idle-echo-ms must be below idle-close-ms (" + idleCloseMillis +
                "), or 0: " + idleEchoMillis);
        }
        require(adminTimeoutMillis >= 100 && adminTimeoutMillis <= 600_000, "admin-timeout-ms", adminTimeoutMillis,
            "100..600000");
        if (!transport.equals("auto") && !transport.equals("epoll") && !transport.equals("nio"))
        {
            throw new IllegalArgumentException("transport must be auto, epoll or nio: " + transport);
        }
        require(adminPort >= ADMIN_OFF && adminPort <= 65_535, "admin-port", adminPort, "0..65535, or -1 for none");
        require(adminMaxBodyBytes >= 1024 && adminMaxBodyBytes <= MAX_ADMIN_BODY_LIMIT, "admin-max-body-bytes",
            adminMaxBodyBytes, "1024..1073741824");
        require(adminMaxConnections >= 1 && adminMaxConnections <= 1024, "admin-max-connections", adminMaxConnections,
            "1..1024");
        require(adminIdleTimeoutMillis >= 100 && adminIdleTimeoutMillis <= 3_600_000, "admin-idle-timeout-ms",
            adminIdleTimeoutMillis, "100..3600000");
        require(adminQueueCapacity >= 1 && adminQueueCapacity <= 1024, "admin-queue-capacity", adminQueueCapacity,
            "1..1024");
        if (adminTokenFile != null && adminTokenEnv != null)
        {
            throw new IllegalArgumentException("admin-token-file and --admin-token-env cannot both be given");
        }
        if (adminTokenEnv != null && !adminTokenEnv.matches("[A-Za-z_][A-Za-z0-9_]*"))
        {
            throw new IllegalArgumentException("admin-token-env must name an environment variable, e.g. " +
                "JUNCTION_ADMIN_TOKEN: " + adminTokenEnv);
        }
        cutoverRecordTime(cutoverTime);
        if (tls == null)
        {
            throw new IllegalArgumentException("tls must be given; TlsConfig.plaintext() for none");
        }
        if (dataDir == null)
        {
            throw new IllegalArgumentException("data must name a directory");
        }
        if (!PipelineConfig.PIPELINED.equals(threadLayout) && !PipelineConfig.SINGLE.equals(threadLayout) &&
            !PipelineConfig.INLINE.equals(threadLayout))
        {
            throw new IllegalArgumentException("thread-layout must be " + PipelineConfig.LAYOUTS + ": " + threadLayout);
        }
        if (PipelineConfig.INLINE.equals(threadLayout) && ioThreads != 1)
        {
            // One thread consumes the ring; with several event loops the others would hand over to it.
            throw new IllegalArgumentException("thread-layout inline needs --io-threads 1 (with more event loops choose " +
                PipelineConfig.PIPELINED + " or " + PipelineConfig.SINGLE + "): " + ioThreads);
        }
        new PipelineConfig(ringSize, maxFrameBytes, waitStrategy, threadLayout, journalHelperBatch);
    }

    /** @return {@link #cutoverTime} as a cutover record writes it ({@link #cutoverRecordTime(String)}). */
    public int cutoverRecordTime()
    {
        return cutoverRecordTime(cutoverTime);
    }

    /** The value of {@code --cutover-time} that clears the daily cutover time. */
    public static final String CUTOVER_NONE = "none";

    /**
     * @return the daily cutover time {@code text} names as a cutover record writes it: seconds after
     * midnight UTC, {@link AdminRecords#CUTOVER_ON_COMMAND_ONLY} for {@code none}, or
     * {@link AdminRecords#CUTOVER_KEEP_TIME} for null (no option given).
     * @throws IllegalArgumentException naming the option when {@code text} is neither HH:MM nor none.
     */
    public static int cutoverRecordTime(final String text)
    {
        if (text == null)
        {
            return AdminRecords.CUTOVER_KEEP_TIME;
        }
        if (text.equals(CUTOVER_NONE))
        {
            return AdminRecords.CUTOVER_ON_COMMAND_ONLY;
        }
        if (text.length() == 5 && text.charAt(2) == ':' && isDigits(text, 0, 2) && isDigits(text, 3, 5))
        {
            final int hours = Integer.parseInt(text.substring(0, 2));
            final int minutes = Integer.parseInt(text.substring(3, 5));
            if (hours < 24 && minutes < 60)
            {
                final int seconds = (hours * 60 + minutes) * 60;
                assert seconds < BusinessDay.SECONDS_PER_DAY;
                return seconds;
            }
        }
        throw new IllegalArgumentException("cutover-time must be HH:MM (UTC, 00:00 to 23:59) or none: " + text);
    }

    private static boolean isDigits(final String text, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                return false;
            }
        }
        return true;
    }

    public static ServerConfig defaults()
    {
        return builder().build();
    }

    /** @return a builder holding every default, for the launcher and tests to change what they need. */
    public static Builder builder()
    {
        return new Builder();
    }

    public PipelineConfig pipelineConfig()
    {
        return new PipelineConfig(ringSize, maxFrameBytes, waitStrategy, threadLayout, journalHelperBatch);
    }

    /** @return what each connection's watch needs: the idle and slow-reader timeouts. */
    public ConnectionTimeouts connectionTimeouts()
    {
        return new ConnectionTimeouts(idleEchoMillis, idleCloseMillis, slowReaderTimeoutMillis);
    }

    /** @return whether the admin endpoint runs ({@code --admin-port} is not {@link #ADMIN_OFF}). */
    public boolean adminEnabled()
    {
        return adminPort != ADMIN_OFF;
    }

    public AdminSettings adminSettings()
    {
        return new AdminSettings(adminHost, adminPort, adminMaxBodyBytes, adminMaxConnections, adminIdleTimeoutMillis,
            adminQueueCapacity);
    }

    public AuthorizerConfig authorizerConfig()
    {
        return new AuthorizerConfig(accountCapacity, cardCapacity, transactionCapacity, duplicateWindow,
            holdExpiryMillis);
    }

    /** Builds a {@link ServerConfig}; starts from the defaults. */
    public static final class Builder
    {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of("data");
        private Path accountsFile;
        private Path cardsFile;
        private Path rulesFile;
        private String cutoverTime;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxInFlightPerConnection = DEFAULT_MAX_IN_FLIGHT;
        /** Null: the layout's default ({@link PipelineConfig#defaultRingSize}). */
        private Integer ringSize;
        private String waitStrategy = "blocking";
        private String threadLayout = DEFAULT_THREAD_LAYOUT;
        private int journalHelperBatch = PipelineConfig.DEFAULT_JOURNAL_HELPER_BATCH;
        private int ioThreads = DEFAULT_IO_THREADS;
        private String transport = "auto";
        private int accountCapacity = AuthorizerConfig.DEFAULT_ACCOUNT_CAPACITY;
        private int cardCapacity = AuthorizerConfig.DEFAULT_CARD_CAPACITY;
        private int transactionCapacity = AuthorizerConfig.DEFAULT_TRANSACTION_CAPACITY;
        private int duplicateWindow = AuthorizerConfig.DEFAULT_DUPLICATE_WINDOW;
        private long holdExpiryMillis = AuthorizerConfig.DEFAULT_HOLD_EXPIRY_MILLIS;
        private long tickIntervalMillis = DEFAULT_TICK_INTERVAL_MILLIS;
        private long snapshotIntervalMillis = DEFAULT_SNAPSHOT_INTERVAL_MILLIS;
        private boolean journalSyncEachBatch;
        private Path journalKeyFile;
        private String journalKeyEnv;
        private JournalKey journalKey;
        private long shutdownTimeoutMillis = DEFAULT_SHUTDOWN_TIMEOUT_MILLIS;
        /** None for an embedded server (tests, benchmarks); {@code junction start} asks for {@link #DEFAULT_WARM_UP_MILLIS}. */
        private long warmUpMillis;
        private long loopSpinMicros = DEFAULT_LOOP_SPIN_MICROS;
        private Path acquirersFile;
        private String beforeSignOn = DEFAULT_BEFORE_SIGN_ON;
        private int maxDoorRefusals = DEFAULT_MAX_DOOR_REFUSALS;
        private long minFreeDiskMb = DEFAULT_MIN_FREE_DISK_MB;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int writeBufferLowBytes = DEFAULT_WRITE_BUFFER_LOW_BYTES;
        private int writeBufferHighBytes = DEFAULT_WRITE_BUFFER_HIGH_BYTES;
        private long slowReaderTimeoutMillis = DEFAULT_SLOW_READER_TIMEOUT_MILLIS;
        private long idleEchoMillis = DEFAULT_IDLE_ECHO_MILLIS;
        private long idleCloseMillis = DEFAULT_IDLE_CLOSE_MILLIS;
        private long adminTimeoutMillis = DEFAULT_ADMIN_TIMEOUT_MILLIS;
        private String adminHost = DEFAULT_ADMIN_HOST;
        private int adminPort = DEFAULT_ADMIN_PORT;
        private Path adminTokenFile;
        private String adminTokenEnv;
        private int adminMaxBodyBytes = DEFAULT_ADMIN_MAX_BODY_BYTES;
        private int adminMaxConnections = DEFAULT_ADMIN_MAX_CONNECTIONS;
        private long adminIdleTimeoutMillis = DEFAULT_ADMIN_IDLE_TIMEOUT_MILLIS;
        private int adminQueueCapacity = DEFAULT_ADMIN_QUEUE_CAPACITY;
        private Path tlsCert;
        private Path tlsKey;
        private String tlsKeyPasswordEnv;
        private String tlsClientAuth = TlsConfig.DEFAULT_CLIENT_AUTH;
        private Path tlsTrust;
        private String tlsProvider = TlsConfig.DEFAULT_PROVIDER;
        private String tlsProtocols = TlsConfig.DEFAULT_PROTOCOLS;
        private long tlsHandshakeTimeoutMillis = TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT_MILLIS;

        public Builder host(final String value) { host = value; return this; }
        public Builder port(final int value) { port = value; return this; }
        public Builder dataDir(final Path value) { dataDir = value; return this; }
        public Builder accountsFile(final Path value) { accountsFile = value; return this; }
        public Builder cardsFile(final Path value) { cardsFile = value; return this; }
        public Builder rulesFile(final Path value) { rulesFile = value; return this; }
        public Builder cutoverTime(final String value) { cutoverTime = value; return this; }
        public Builder maxFrameBytes(final int value) { maxFrameBytes = value; return this; }
        public Builder maxConnections(final int value) { maxConnections = value; return this; }
        public Builder maxInFlightPerConnection(final int value) { maxInFlightPerConnection = value; return this; }
        /** @param value ring slots, or null for the thread layout's default. */
        public Builder ringSize(final Integer value) { ringSize = value; return this; }
        public Builder waitStrategy(final String value) { waitStrategy = value; return this; }
        public Builder threadLayout(final String value) { threadLayout = value; return this; }
        public Builder journalHelperBatch(final int value) { journalHelperBatch = value; return this; }
        public Builder ioThreads(final int value) { ioThreads = value; return this; }
        public Builder transport(final String value) { transport = value; return this; }
        public Builder loopSpinMicros(final long value) { loopSpinMicros = value; return this; }
        public Builder accountCapacity(final int value) { accountCapacity = value; return this; }
        public Builder cardCapacity(final int value) { cardCapacity = value; return this; }
        public Builder transactionCapacity(final int value) { transactionCapacity = value; return this; }
        public Builder duplicateWindow(final int value) { duplicateWindow = value; return this; }
        public Builder holdExpiryMillis(final long value) { holdExpiryMillis = value; return this; }
        public Builder tickIntervalMillis(final long value) { tickIntervalMillis = value; return this; }
        public Builder snapshotIntervalMillis(final long value) { snapshotIntervalMillis = value; return this; }
        public Builder journalSyncEachBatch(final boolean value) { journalSyncEachBatch = value; return this; }
        public Builder shutdownTimeoutMillis(final long value) { shutdownTimeoutMillis = value; return this; }
        public Builder warmUpMillis(final long value) { warmUpMillis = value; return this; }
        public Builder acquirersFile(final Path value) { acquirersFile = value; return this; }
        public Builder beforeSignOn(final String value) { beforeSignOn = value; return this; }
        public Builder maxDoorRefusals(final int value) { maxDoorRefusals = value; return this; }
        public Builder minFreeDiskMb(final long value) { minFreeDiskMb = value; return this; }
        public Builder maxConnectionsPerAddress(final int value) { maxConnectionsPerAddress = value; return this; }
        public Builder writeBufferLowBytes(final int value) { writeBufferLowBytes = value; return this; }
        public Builder writeBufferHighBytes(final int value) { writeBufferHighBytes = value; return this; }
        public Builder slowReaderTimeoutMillis(final long value) { slowReaderTimeoutMillis = value; return this; }
        public Builder idleEchoMillis(final long value) { idleEchoMillis = value; return this; }
        public Builder idleCloseMillis(final long value) { idleCloseMillis = value; return this; }
        public Builder adminTimeoutMillis(final long value) { adminTimeoutMillis = value; return this; }
        public Builder adminHost(final String value) { adminHost = value; return this; }
        public Builder adminPort(final int value) { adminPort = value; return this; }
        public Builder adminTokenFile(final Path value) { adminTokenFile = value; return this; }
        public Builder adminTokenEnv(final String value) { adminTokenEnv = value; return this; }
        public Builder adminMaxBodyBytes(final int value) { adminMaxBodyBytes = value; return this; }
        public Builder adminMaxConnections(final int value) { adminMaxConnections = value; return this; }
        public Builder adminIdleTimeoutMillis(final long value) { adminIdleTimeoutMillis = value; return this; }
        public Builder adminQueueCapacity(final int value) { adminQueueCapacity = value; return this; }
        /** The file {@link #build()} reads the journal key from (64 hex digits or base64 of 32 bytes). */
        public Builder journalKeyFile(final Path value) { journalKeyFile = value; return this; }
        /** The environment variable {@link #build()} reads the journal key from. */
        public Builder journalKeyEnv(final String value) { journalKeyEnv = value; return this; }
        /** A journal key already read (tests). */
        public Builder journalKey(final JournalKey value) { journalKey = value; return this; }
        public Builder tlsCert(final Path value) { tlsCert = value; return this; }
        public Builder tlsKey(final Path value) { tlsKey = value; return this; }
        public Builder tlsKeyPasswordEnv(final String value) { tlsKeyPasswordEnv = value; return this; }
        public Builder tlsClientAuth(final String value) { tlsClientAuth = value; return this; }
        public Builder tlsTrust(final Path value) { tlsTrust = value; return this; }
        public Builder tlsProvider(final String value) { tlsProvider = value; return this; }
        /** @param value comma-separated, e.g. {@code TLSv1.3,TLSv1.2}. */
        public Builder tlsProtocols(final String value) { tlsProtocols = value; return this; }
        public Builder tlsHandshakeTimeoutMillis(final long value) { tlsHandshakeTimeoutMillis = value; return this; }

        /**
         * @throws IllegalArgumentException naming the first option whose value is out of range, or the key
         *                                  option whose key cannot be read.
         */
        public ServerConfig build()
        {
            return new ServerConfig(host, port, dataDir, accountsFile, cardsFile, rulesFile, cutoverTime, maxFrameBytes,
                maxConnections, maxInFlightPerConnection,
                ringSize != null ? ringSize : PipelineConfig.defaultRingSize(threadLayout), waitStrategy, threadLayout, journalHelperBatch, ioThreads, transport, loopSpinMicros, accountCapacity, cardCapacity,
                transactionCapacity, duplicateWindow, holdExpiryMillis, tickIntervalMillis, snapshotIntervalMillis, journalSyncEachBatch,
                shutdownTimeoutMillis, warmUpMillis, acquirersFile, beforeSignOn, maxDoorRefusals, minFreeDiskMb, maxConnectionsPerAddress, writeBufferLowBytes, writeBufferHighBytes,
                slowReaderTimeoutMillis, idleEchoMillis, idleCloseMillis, adminTimeoutMillis, adminHost, adminPort, adminTokenFile, adminTokenEnv, adminMaxBodyBytes,
                adminMaxConnections, adminIdleTimeoutMillis, adminQueueCapacity, readJournalKey(),
                new TlsConfig(tlsCert, tlsKey, tlsKeyPasswordEnv, tlsClientAuth, tlsTrust, tlsProvider,
                    TlsConfig.parseProtocols(tlsProtocols), tlsHandshakeTimeoutMillis));
        }

        private JournalKey readJournalKey()
        {
            final int given = (journalKeyFile != null ? 1 : 0) + (journalKeyEnv != null ? 1 : 0) + (journalKey != null ? 1 : 0);
            if (given > 1)
            {
                throw new IllegalArgumentException("journal-key-file and --journal-key-env name the same key: give one");
            }
            try
            {
                if (journalKeyFile != null)
                {
                    return JournalKey.fromFile(journalKeyFile);
                }
                return journalKeyEnv != null ? JournalKey.fromEnvironment(journalKeyEnv, System.getenv()) : journalKey;
            }
            catch (final IllegalArgumentException e)
            {
                throw new IllegalArgumentException((journalKeyFile != null ? "journal-key-file: " : "journal-key-env: ") +
                    e.getMessage(), e);
            }
        }
    }

    private static void requireTimeout(final long millis, final String key)
    {
        require(millis == 0 || (millis >= 10 && millis <= MAX_TIMEOUT_MILLIS), key, millis,
            "0 (never) or 10..86400000");
    }

    private static void require(final boolean ok, final String key, final long value, final String range)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(key + " must be " + range + ": " + value);
        }
    }
}
