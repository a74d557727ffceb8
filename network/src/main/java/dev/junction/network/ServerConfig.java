package dev.junction.network;

import java.nio.file.Path;

import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.BusinessDay;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.refdata.AdminRecords;
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
 * @param maxInFlightPerConnection requests of one connection in the ring at once; beyond it the
 *                                 connection is not read until answers drain.
 * @param ringSize                 ring slots (a power of two).
 * @param waitStrategy             ring consumers' wait strategy name.
 * @param ioThreads                Netty event loop threads.
 * @param transport                {@code auto} (epoll where available), {@code epoll} or {@code nio}.
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
    int ioThreads,
    String transport,
    int accountCapacity,
    int cardCapacity,
    int transactionCapacity,
    int duplicateWindow,
    long holdExpiryMillis,
    long tickIntervalMillis,
    long snapshotIntervalMillis,
    boolean journalSyncEachBatch,
    JournalKey journalKey,
    long shutdownTimeoutMillis)
{
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8583;
    public static final int DEFAULT_MAX_FRAME_BYTES = 4096;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final int DEFAULT_MAX_IN_FLIGHT = 128;
    public static final int DEFAULT_IO_THREADS = 1;
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 10_000;
    public static final long DEFAULT_TICK_INTERVAL_MILLIS = 1_000;
    /** Hourly: a restart then replays at most an hour of journal after the newest snapshot. */
    public static final long DEFAULT_SNAPSHOT_INTERVAL_MILLIS = 3_600_000;
    /** The 2-byte frame length cannot say more. */
    public static final int MAX_FRAME_LIMIT = 65_535;
    /** Connection ids keep the session slot in 16 bits. */
    public static final int MAX_CONNECTIONS_LIMIT = 65_535;

    public ServerConfig
    {
        require(port >= 0 && port <= 65_535, "port", port, "0..65535");
        require(maxFrameBytes >= 64 && maxFrameBytes <= MAX_FRAME_LIMIT, "max-frame-bytes", maxFrameBytes, "64..65535");
        require(maxConnections >= 1 && maxConnections <= MAX_CONNECTIONS_LIMIT, "max-connections", maxConnections,
            "1..65535");
        require(maxInFlightPerConnection >= 1 && maxInFlightPerConnection <= 65_536, "max-in-flight",
            maxInFlightPerConnection, "1..65536");
        require(ringSize >= 64 && Integer.bitCount(ringSize) == 1, "ring-size", ringSize, "a power of two >= 64");
        require(ioThreads >= 1 && ioThreads <= 64, "io-threads", ioThreads, "1..64");
        require(accountCapacity >= 1, "account-capacity", accountCapacity, ">= 1");
        require(cardCapacity >= 1, "card-capacity", cardCapacity, ">= 1");
        require(transactionCapacity >= 1, "transaction-capacity", transactionCapacity, ">= 1");
        require(duplicateWindow >= 1, "duplicate-window", duplicateWindow, ">= 1");
        require(holdExpiryMillis >= 1, "hold-expiry-ms", holdExpiryMillis, ">= 1");
        require(tickIntervalMillis >= 10 && tickIntervalMillis <= 60_000, "tick-ms", tickIntervalMillis, "10..60000");
        require(snapshotIntervalMillis == 0 || snapshotIntervalMillis >= 100, "snapshot-interval-ms",
            snapshotIntervalMillis, "0 (never) or >= 100");
        require(shutdownTimeoutMillis >= 0, "shutdown-timeout-ms", shutdownTimeoutMillis, ">= 0");
        if (!transport.equals("auto") && !transport.equals("epoll") && !transport.equals("nio"))
        {
            throw new IllegalArgumentException("transport must be auto, epoll or nio: " + transport);
        }
        cutoverRecordTime(cutoverTime);
        if (dataDir == null)
        {
            throw new IllegalArgumentException("data must name a directory");
        }
        new PipelineConfig(ringSize, maxFrameBytes, waitStrategy);
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
        return new PipelineConfig(ringSize, maxFrameBytes, waitStrategy);
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
        private int ringSize = PipelineConfig.DEFAULT_RING_SIZE;
        private String waitStrategy = "blocking";
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
        public Builder ringSize(final int value) { ringSize = value; return this; }
        public Builder waitStrategy(final String value) { waitStrategy = value; return this; }
        public Builder ioThreads(final int value) { ioThreads = value; return this; }
        public Builder transport(final String value) { transport = value; return this; }
        public Builder accountCapacity(final int value) { accountCapacity = value; return this; }
        public Builder cardCapacity(final int value) { cardCapacity = value; return this; }
        public Builder transactionCapacity(final int value) { transactionCapacity = value; return this; }
        public Builder duplicateWindow(final int value) { duplicateWindow = value; return this; }
        public Builder holdExpiryMillis(final long value) { holdExpiryMillis = value; return this; }
        public Builder tickIntervalMillis(final long value) { tickIntervalMillis = value; return this; }
        public Builder snapshotIntervalMillis(final long value) { snapshotIntervalMillis = value; return this; }
        public Builder journalSyncEachBatch(final boolean value) { journalSyncEachBatch = value; return this; }
        public Builder shutdownTimeoutMillis(final long value) { shutdownTimeoutMillis = value; return this; }
        /** The file {@link #build()} reads the journal key from (64 hex digits or base64 of 32 bytes). */
        public Builder journalKeyFile(final Path value) { journalKeyFile = value; return this; }
        /** The environment variable {@link #build()} reads the journal key from. */
        public Builder journalKeyEnv(final String value) { journalKeyEnv = value; return this; }
        /** A journal key already read (tests). */
        public Builder journalKey(final JournalKey value) { journalKey = value; return this; }

        /**
         * @throws IllegalArgumentException naming the first option whose value is out of range, or the key
         *                                  option whose key cannot be read.
         */
        public ServerConfig build()
        {
            return new ServerConfig(host, port, dataDir, accountsFile, cardsFile, rulesFile, cutoverTime, maxFrameBytes,
                maxConnections, maxInFlightPerConnection, ringSize, waitStrategy, ioThreads, transport, accountCapacity, cardCapacity,
                transactionCapacity, duplicateWindow, holdExpiryMillis, tickIntervalMillis, snapshotIntervalMillis, journalSyncEachBatch,
                readJournalKey(), shutdownTimeoutMillis);
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

    private static void require(final boolean ok, final String key, final long value, final String range)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(key + " must be " + range + ": " + value);
        }
    }
}
