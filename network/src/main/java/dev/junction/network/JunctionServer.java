package dev.junction.network;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.lmax.disruptor.ExceptionHandler;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.pipeline.AdminOutcomes;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Pipeline;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.auth.SnapshotException;
import dev.junction.core.pipeline.Replayer;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.RuleRecord;
import dev.junction.journal.ChronicleJournal;
import dev.junction.journal.JournalException;
import dev.junction.journal.JournalOptions;
import dev.junction.journal.JournalRecovery;
import dev.junction.journal.JournalSnapshots;
import dev.junction.journal.SnapshotStore;
import dev.junction.network.admin.AdminActions;
import dev.junction.network.admin.AdminHttpServer;
import dev.junction.network.admin.AdminToken;
import dev.junction.network.admin.AnswerMetrics;
import dev.junction.network.admin.MetricsRegistry;
import dev.junction.network.admin.Readiness;
import dev.junction.network.admin.RingAdminActions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switch process: opens the admin endpoint (so that {@code /health} can say it is not ready yet),
 * recovers the state from the journal, imports reference data as journaled admin events, then listens
 * for acquirers. {@link #start} returns once it accepts connections; {@link #close} is the graceful
 * stop: stop accepting, stop reading, answer everything taken in, close the journal, and last the
 * admin endpoint.
 */
public final class JunctionServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(JunctionServer.class);
    private static final long IMPORT_TIMEOUT_MILLIS = 600_000;
    /** Failed TLS handshakes logged per second at most, over the whole server. */
    private static final int TLS_FAILURE_LOG_LINES_PER_SECOND = 5;

    private final ServerConfig config;
    private final Consumer<Throwable> onFatal;
    private final ServerCounters counters = new ServerCounters();
    private final IngressClock clock = new IngressClock();
    private final SessionRegistry sessions;
    /** Set once by start(), before the acquirer port opens; read by the metrics thread too. */
    private volatile AcquirerDoor door = AcquirerDoor.open();
    private final AdminOutcomes adminOutcomes = new AdminOutcomes(AdminOutcomes.DEFAULT_CAPACITY);
    /** One snapshot at a time, whether the interval's or an operator's. */
    private final AtomicBoolean snapshotInProgress = new AtomicBoolean();
    /** The ring while it takes operators' actions: set once start-up's imports are applied, cleared on close. */
    private volatile Pipeline adminRing;
    private final AdminActions adminActions;
    private final Readiness readiness;
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final AnswerMetrics answers = new AnswerMetrics(clock::epochNanos);

    private volatile AdminHttpServer adminServer;
    private ChronicleJournal journal;
    private Pipeline pipeline;
    private Authorizer authorizer;
    private EventLoopGroup group;
    /** How long start-up waits for an event loop to run its first task. */
    private static final long STARTUP_TASK_TIMEOUT_SECONDS = 10;
    /** With {@code --loop-spin-us}: the times the event loop blocked after its window ({@link SpinThenBlock}). */
    private final AtomicLong loopBlocks = new AtomicLong();
    private boolean epoll;
    private Channel serverChannel;
    private ScheduledExecutorService ticker;
    private final DiskFloor diskFloor;
    private ScheduledExecutorService snapshotter;
    private StartupReport report;
    private TlsServerContext tls;
    private boolean closed;
    /** A {@link WarmUp}'s scratch switch: says nothing in the log about its start, its stop or its connections. */
    private final boolean scratch;

    /**
     * @param onFatal what to do when a stage fails (a broken ledger invariant, a journal that cannot be
     *                written): the process must stop answering. The launcher halts the JVM.
     */
    public JunctionServer(final ServerConfig config, final Consumer<Throwable> onFatal)
    {
        this(config, onFatal, null);
    }

    /**
     * @param adminActions what the admin endpoint's actions call, once the switch is ready; null for the
     *                     switch's own, which publish each action into the ring as a journaled admin event.
     */
    public JunctionServer(final ServerConfig config, final Consumer<Throwable> onFatal, final AdminActions adminActions)
    {
        this(config, onFatal, adminActions, new Readiness());
    }

    /** @param readiness moved through start-up and stop by this server; {@code /health} reports it. */
    public JunctionServer(final ServerConfig config, final Consumer<Throwable> onFatal, final AdminActions adminActions,
        final Readiness readiness)
    {
        this(config, onFatal, adminActions, readiness, false);
    }

    /** A {@link WarmUp}'s scratch switch on its own data directory. */
    static JunctionServer scratch(final ServerConfig config, final Consumer<Throwable> onFatal)
    {
        return new JunctionServer(config, onFatal, null, new Readiness(), true);
    }

    private JunctionServer(final ServerConfig config, final Consumer<Throwable> onFatal, final AdminActions adminActions,
        final Readiness readiness, final boolean scratch)
    {
        this.scratch = scratch;
        this.config = config;
        this.onFatal = onFatal;
        this.sessions = new SessionRegistry(config.maxConnections(), config.maxConnectionsPerAddress(),
            scratch ? 0 : SessionRegistry.LIFECYCLE_LOG_LINES_PER_SECOND);
        this.diskFloor = new DiskFloor(config.dataDir(), config.minFreeDiskMb(), counters);
        this.adminActions = adminActions != null ? adminActions : new RingAdminActions(() -> adminRing, adminOutcomes,
            clock::epochNanos, config.dataDir(), config.journalKey(), config.authorizerConfig(), snapshotInProgress,
            config.adminTimeoutMillis());
        this.readiness = readiness;
        registerNetworkMetrics();
    }

    /** What start-up did, for the banner. */
    public record StartupReport(
        InetSocketAddress address, String transport, String security, Path dataDir, String snapshot, long snapshotSequence,
        long eventsReplayed, long replayMillis,
        long nextSequence, int accountsImported, int cardsImported, int accountsKnown, int cardsKnown, boolean demo,
        int accounts, int cards, String stateDigest, int rulesVersion, int rulesImported, int rulesVersionBefore,
        int cutoverSecondOfDay, InetSocketAddress adminAddress, WarmUp.Result warmUp)
    {
        /** @return whether a rules file was named whose version was already in force, so nothing was imported. */
        public boolean rulesAlreadyInForce()
        {
            return rulesVersion != 0 && rulesVersion == rulesVersionBefore && rulesImported == 0;
        }
    }

    public StartupReport start() throws StartupException
    {
        door = openDoor();
        if (config.tls().enabled())
        {
            // Before the journal is touched: a bad certificate or key stops the start at once.
            tls = TlsServerContext.create(config.tls(), System::getenv);
        }
        try
        {
            startAdmin();
            openJournal();
        }
        catch (final StartupException | RuntimeException e)
        {
            // Nothing ran yet: stop the admin endpoint only, so the failure stays the one line it names.
            if (adminServer != null)
            {
                adminServer.close();
            }
            throw e;
        }
        try
        {
            return startOnJournal();
        }
        catch (final StartupException | RuntimeException e)
        {
            close();
            throw e;
        }
    }

    /**
     * The admin endpoint comes first: while the journal is replayed, {@code /health} answers 503 and
     * {@code /metrics} already shows the network counters.
     */
    private void startAdmin() throws StartupException
    {
        if (!config.adminEnabled())
        {
            return;
        }
        final AdminToken token;
        try
        {
            token = config.adminTokenFile() != null ? AdminToken.fromFile(config.adminTokenFile()) :
                config.adminTokenEnv() != null ? AdminToken.fromEnvironment(config.adminTokenEnv(), System.getenv()) :
                    AdminToken.none();
        }
        catch (final IllegalArgumentException e)
        {
            throw new StartupException(e.getMessage());
        }
        final AdminHttpServer server = new AdminHttpServer(config.adminSettings(), token, readiness, metrics,
            adminActions);
        adminServer = server;
        try
        {
            server.start();
        }
        catch (final IllegalStateException e)
        {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private void openJournal() throws StartupException
    {
        try
        {
            Files.createDirectories(config.dataDir());
        }
        catch (final IOException e)
        {
            throw new StartupException("cannot use data directory " + config.dataDir() + ": " + e.getMessage());
        }
        if (config.journalKey() == null && !scratch)
        {
            LOG.warn("the journal and snapshots in {} hold card numbers (PANs) in clear: no --journal-key-file or " +
                "--journal-key-env given (see docs/pan-protection.md)", config.dataDir());
        }
        try
        {
            authorizer = new Authorizer(config.authorizerConfig());
        }
        catch (final OutOfMemoryError e)
        {
            // One allocation of a table too large for the heap fails whole: nothing else is left short.
            throw new StartupException("the authorizer's tables do not fit in the heap (at most " +
                Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB) with --account-capacity " +
                config.accountCapacity() + ", --card-capacity " + config.cardCapacity() + ", --transaction-capacity " +
                config.transactionCapacity() + " and --duplicate-window " + config.duplicateWindow() +
                ": lower them, or give the JVM more heap (JUNCTION_JAVA_OPTS=-Xmx...)");
        }
        try
        {
            journal = new ChronicleJournal(config.dataDir(),
                (config.journalSyncEachBatch() ? JournalOptions.SYNC_EACH_BATCH : JournalOptions.DEFAULT)
                    .withKey(config.journalKey()));
        }
        catch (final RuntimeException e)
        {
            throw new StartupException("cannot open the journal in " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    /** Reads the acquirers file before anything else, so that a bad one stops the start at once. */
    private AcquirerDoor openDoor() throws StartupException
    {
        if (config.acquirersFile() == null)
        {
            final AcquirerDoor open = AcquirerDoor.open();
            if (!scratch)
            {
                LOG.warn("acquirers: {}", open.describe());
            }
            return open;
        }
        try
        {
            final AcquirerDoor known = new AcquirerDoor(Acquirers.load(config.acquirersFile(), System::getenv),
                config.beforeSignOn(), config.maxDoorRefusals());
            LOG.info("acquirers: {}", known.describe());
            return known;
        }
        catch (final AcquirersFileException e)
        {
            throw new StartupException(e.getMessage());
        }
    }

    /** @return the banner's line on acquirers: who is known, or plainly that the switch runs open. */
    public String acquirersDescription()
    {
        return door.describe();
    }

    DoorCounters doorCounters()
    {
        return door.counters();
    }

    private StartupReport startOnJournal() throws StartupException
    {
        readiness.moveTo(Readiness.State.RECOVERING);
        final long replayStart = System.nanoTime();
        final SnapshotStore.Restored restored;
        final Replayer replayer;
        try
        {
            // The newest usable snapshot, if any; the journal after it is replayed. Each snapshot skipped
            // is named in a warning and restart falls back to an older one or to the whole journal.
            restored = new SnapshotStore(config.dataDir(), config.journalKey()).restoreNewest(config.authorizerConfig(),
                JournalRecovery.snapshotLimit(config.dataDir(), config.journalKey()), warning -> LOG.warn("{}", warning));
            if (restored != null)
            {
                authorizer = restored.authorizer();
            }
            replayer = restored == null ? new Replayer(authorizer) : new Replayer(authorizer, restored.snapshot().sequence());
            // Also journals the outcomes of inputs a killed switch left unanswered at the tail.
            JournalRecovery.recover(journal, replayer);
        }
        catch (final JournalException | IllegalStateException | SnapshotException e)
        {
            throw new StartupException("cannot recover from the journal in " + config.dataDir() + ": " + e.getMessage(), e);
        }
        final long replayMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replayStart);
        final long nextSequence = replayer.lastSequence() + 1;
        final ReferenceDataPlan plan = ReferenceDataPlan.of(config, authorizer, nextSequence == 0);

        createEventLoops();
        registerEventLoopMetrics();
        pipeline = new Pipeline(config.pipelineConfig(), authorizer, journal.inputWriter(),
            adminOutcomes.recording(journal.outcomeWriter()), new ChannelResponseSink(sessions, counters), nextSequence,
            new FatalStageHandler(onFatal, diskFloor), answers);
        if (PipelineConfig.INLINE.equals(config.threadLayout()))
        {
            // One event loop (the configuration insists on it): every connection is served by this one.
            pipeline.runInlineOn(group.next());
        }
        pipeline.start();
        registerRingMetrics(pipeline);
        readiness.moveTo(Readiness.State.IMPORTING);
        publishReferenceData(plan);
        adminRing = pipeline;

        readiness.moveTo(Readiness.State.WARMING);
        final WarmUp.Result warmUp = WarmUp.run(config);
        if (warmUp.problem() != null)
        {
            LOG.warn("warm-up stopped after {} ms: {}; the switch starts without it", warmUp.millis(), warmUp.problem());
        }
        final String transport = bind();
        report = new StartupReport((InetSocketAddress)serverChannel.localAddress(), transport,
            tls == null ? "plaintext" : tls.describe(), config.dataDir(),
            restored == null ? null : restored.snapshot().file().getFileName().toString(),
            restored == null ? -1 : restored.snapshot().sequence(), replayer.applied(), replayMillis, pipeline.journalSequence(pipeline.claimedRingSequence() + 1),
            plan.accounts().size(), plan.cards().size(), plan.knownAccounts(), plan.knownCards(), plan.demo(),
            authorizer.accounts().count(), authorizer.cards().count(),
            dev.junction.core.auth.StateDigest.hex(authorizer.digest()), plan.rulesVersion(), plan.rules().size(),
            plan.rulesVersionInForce(), plan.cutoverSecondOfDay(), adminAddress(), warmUp);
        startTicker();
        startSnapshotter();
        readiness.moveTo(Readiness.State.READY);
        return report;
    }

    /** What /metrics shows from the network edge; registered before recovery, so it is there from the start. */
    private void registerNetworkMetrics()
    {
        metrics.gauge("junction_ready", "1 when the switch answers requests (GET /health is 200), else 0.",
            () -> readiness.isReady() ? 1 : 0);
        metrics.gauge("junction_connections_open", "Acquirer connections open now.", () -> sessions.open().size());
        metrics.counter("junction_connections_accepted_total", "Acquirer connections accepted.",
            counters.connectionsAccepted::get);
        metrics.counter("junction_connections_refused_total", "Acquirer connections closed on accept: over " +
            "--max-connections.", counters.connectionsRefused::get);
        metrics.counter("junction_requests_published_total", "Requests the network put into the ring.",
            counters.requestsPublished::get);
        metrics.counter("junction_ring_full_rejects_total", "Requests answered 91 at once because the ring was full " +
            "(not journaled).", counters.ringFullRejects::get);
        metrics.counter("junction_disk_low_rejects_total", "Requests answered 91 at once because the data directory " +
            "was below --min-free-disk-mb (not journaled).", counters.diskLowRejects::get);
        metrics.gauge("junction_data_free_bytes", "Usable bytes in the data directory at the last tick (-1: not " +
            "checked, --min-free-disk-mb 0).", () -> diskFloor.lastFreeBytes());
        metrics.gauge("junction_disk_low", "1 while the data directory is below --min-free-disk-mb (requests " +
            "answered 91), else 0.", () -> counters.diskLow ? 1 : 0);
        metrics.counter("junction_malformed_requests_total", "Requests that failed to decode (answered 30 when " +
            "addressable).", counters.malformedRequests::get);
        metrics.counter("junction_unaddressable_frames_total", "Frames with no readable MTI or bitmap: the " +
            "connection was closed.", counters.unaddressableFrames::get);
        metrics.counter("junction_oversize_frames_total", "Frames declared over --max-frame-bytes: the connection " +
            "was closed.", counters.oversizeFrames::get);
        metrics.counter("junction_answers_for_closed_connections_total", "Answers dropped because their connection " +
            "had closed.", counters.answersForClosedConnections::get);
        metrics.counter("junction_outbound_overflows_total", "Connections closed because their unsent answers " +
            "overflowed.", counters.outboundOverflows::get);
        metrics.counter("junction_disconnects_not_journaled_total", "Disconnects that found the ring full and were " +
            "not journaled.", counters.disconnectsNotJournaled::get);
        metrics.counter("junction_ticks_skipped_total", "Time ticks skipped because the ring was full.",
            counters.ticksSkipped::get);
        metrics.counter("junction_connections_refused_per_address_total", "Connections closed on accept: their " +
            "address had --max-connections-per-address open (also counted in junction_connections_refused_total).",
            counters.connectionsRefusedPerAddress::get);
        metrics.counter("junction_slow_reader_closes_total", "Connections closed: their client left answers unread " +
            "past --slow-reader-timeout-ms.", counters.slowReaderCloses::get);
        metrics.counter("junction_idle_closes_total", "Connections closed: nothing arrived for --idle-close-ms.",
            counters.idleCloses::get);
        metrics.counter("junction_echoes_sent_total", "0800 echoes sent to silent acquirers (--idle-echo-ms).",
            counters.echoesSent::get);
        metrics.counter("junction_echo_replies_total", "0810 answers to those echoes.", counters.echoRepliesReceived::get);
        metrics.counter("junction_tls_handshake_failures_total", "TLS handshakes that failed: not TLS, an old " +
            "protocol, a client certificate refused, a reset.", counters.tlsHandshakeFailures::get);
        metrics.counter("junction_tls_handshake_timeouts_total", "TLS handshakes not done within " +
            "--tls-handshake-timeout-ms.", counters.tlsHandshakeTimeouts::get);
        metrics.counter("junction_sign_ons_total", "Sign-ons (0800, 70=001) accepted at the door (--acquirers).",
            () -> door.counters().signOns.get());
        metrics.counter("junction_sign_offs_total", "Sign-offs (0800, 70=002) taken at the door.",
            () -> door.counters().signOffs.get());
        metrics.counter("junction_door_refused_before_sign_on_total", "Requests answered 91 at the door: no sign-on yet.",
            () -> door.counters().beforeSignOn.get());
        metrics.counter("junction_door_unknown_institution_total", "Sign-ons answered 63: field 32 unknown or absent.",
            () -> door.counters().unknownInstitution.get());
        metrics.counter("junction_door_address_not_allowed_total", "Sign-ons answered 63: the institution is not " +
            "allowed from that address.", () -> door.counters().addressNotAllowed.get());
        metrics.counter("junction_door_institution_mismatch_total", "Requests answered 63: a field 32 other than the " +
            "signed-on institution's.", () -> door.counters().institutionMismatch.get());
        metrics.counter("junction_door_mac_missing_total", "Requests answered 63: no MAC from an acquirer with a key.",
            () -> door.counters().macMissing.get());
        metrics.counter("junction_door_mac_bad_total", "Requests answered 63: a MAC that does not verify.",
            () -> door.counters().macBad.get());
        metrics.counter("junction_door_connections_closed_total", "Connections closed at the door (--before-sign-on " +
            "close, or --max-door-refusals reached).", () -> door.counters().connectionsClosed.get());
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        metrics.gauge("junction_jvm_heap_used_bytes", "JVM heap in use.", () -> memory.getHeapMemoryUsage().getUsed());
        metrics.gauge("junction_jvm_heap_max_bytes", "JVM heap limit (-Xmx), -1 when undefined.",
            () -> memory.getHeapMemoryUsage().getMax());
    }

    /**
     * The event loops' CPU time: with the inline layout the loop also journals, authorizes and answers, so
     * its busy fraction (the counter's rate) is how close the switch is to its limit. Read at each scrape
     * from the JVM's per-thread CPU clock; nothing is counted on the loop. Left out where the JVM has no
     * such clock.
     */
    private void registerEventLoopMetrics() throws StartupException
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled())
        {
            return;
        }
        final long[] loopIds = new long[config.ioThreads()];
        int next = 0;
        try
        {
            for (final EventExecutor loop : group)
            {
                loopIds[next++] = loop.submit(() -> Thread.currentThread().getId())
                    .get(STARTUP_TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting the event loops");
        }
        catch (final ExecutionException | TimeoutException e)
        {
            throw new StartupException("an event loop did not start: " + e);
        }
        metrics.secondsCounter("junction_event_loop_cpu_seconds_total", "CPU time of the event loop threads, which " +
            "with the inline layout also journal, authorize and answer: its rate is the loops' busy fraction.", () ->
        {
            long nanos = 0;
            for (final long id : loopIds)
            {
                nanos += Math.max(0, threads.getThreadCpuTime(id));
            }
            return nanos;
        });
    }

    /** What /metrics shows from the ring, once recovery has built it. */
    private void registerRingMetrics(final Pipeline ring)
    {
        metrics.gauge("junction_ring_size", "Ring slots (--ring-size).", ring::ringSize);
        metrics.gauge("junction_ring_occupancy", "Ring slots claimed and not yet answered (claimed minus processed).",
            () -> Math.max(0, ring.claimedRingSequence() - ring.processedRingSequence()));
        metrics.gauge("junction_journal_next_sequence", "The journal sequence the next input will get.",
            () -> ring.journalSequence(ring.claimedRingSequence() + 1));
        metrics.gauge("junction_journal_lag", "Inputs claimed in the ring and not yet appended to the journal.",
            () -> Math.max(0, ring.claimedRingSequence() - ring.journaledRingSequence()));
        if (ring.journalHelperBatches() >= 0)
        {
            metrics.counter("junction_journal_helper_batches_total", "Batches the inline layout's journal helper " +
                "journaled while the event loop authorized them (--journal-helper-batch).", ring::journalHelperBatches);
        }
        metrics.answers(answers);
    }

    /**
     * Publishes reference data through the ring as admin events, in this order: accounts, cards, the rules
     * file's records (card limits need their cards), the cutover; then waits until all are applied. The
     * authorizer's counts read afterwards are safe: the ring's sequence barrier orders them.
     */
    private void publishReferenceData(final ReferenceDataPlan plan) throws StartupException
    {
        if (plan.accounts().isEmpty() && plan.cards().isEmpty() && plan.rules().isEmpty() && !plan.publishesCutover())
        {
            return;
        }
        final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        long last = -1;
        for (final AccountRecord account : plan.accounts())
        {
            final int length = AdminRecords.writeAccount(record, 0, account);
            last = pipeline.publishBlocking(EventKind.ADMIN, clock.epochNanos(), 0, record, 0, length);
        }
        for (final CardRecord card : plan.cards())
        {
            final int length = AdminRecords.writeCard(record, 0, card);
            last = pipeline.publishBlocking(EventKind.ADMIN, clock.epochNanos(), 0, record, 0, length);
        }
        for (final RuleRecord rule : plan.rules())
        {
            last = pipeline.publishBlocking(EventKind.ADMIN, clock.epochNanos(), 0, rule.buffer(), 0, rule.length());
        }
        if (plan.publishesCutover())
        {
            final int length = AdminRecords.writeCutover(record, 0, AdminRecords.CUTOVER_NO_DATE,
                plan.cutoverSecondOfDay());
            last = pipeline.publishBlocking(EventKind.ADMIN, clock.epochNanos(), 0, record, 0, length);
        }
        try
        {
            if (!pipeline.awaitProcessed(last, IMPORT_TIMEOUT_MILLIS))
            {
                throw new StartupException("reference data import did not finish in " + IMPORT_TIMEOUT_MILLIS + " ms");
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while importing reference data");
        }
    }

    /** Where the free-space floor reads the data directory's usable bytes from (tests simulate a full disk). */
    void freeSpaceSource(final java.util.function.ToLongFunction<Path> source)
    {
        diskFloor.usableBytes(source);
    }

    /**
     * Time reaches the authorizer only through journaled events: a TICK every interval lets holds expire
     * while no request arrives. A tick that finds the ring full is skipped; the next one carries the time.
     */
    private void startTicker()
    {
        diskFloor.check();
        final UnsafeBuffer empty = new UnsafeBuffer(new byte[0]);
        ticker = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "junction-ticker");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() ->
        {
            diskFloor.check();
            final long ringSequence = pipeline.tryClaim();
            if (ringSequence < 0)
            {
                counters.ticksSkipped.incrementAndGet();
                return;
            }
            try
            {
                pipeline.slot(ringSequence).copyInput(pipeline.journalSequence(ringSequence), EventKind.TICK,
                    clock.epochNanos(), 0, empty, 0, 0);
            }
            finally
            {
                pipeline.publish(ringSequence);
            }
        }, config.tickIntervalMillis(), config.tickIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Snapshots on an interval without touching the business thread: a background thread rebuilds the
     * state from the newest snapshot and the journal, read-only, as {@code journal snapshot} does, and
     * writes the next snapshot. The authorizer is deterministic, so that state is the live one as of the
     * last answered input; the price is the replay's CPU, not a pause of the ring.
     */
    private void startSnapshotter()
    {
        if (config.snapshotIntervalMillis() == 0)
        {
            return;
        }
        snapshotter = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "junction-snapshotter");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        snapshotter.scheduleWithFixedDelay(this::takeSnapshot, config.snapshotIntervalMillis(),
            config.snapshotIntervalMillis(), TimeUnit.MILLISECONDS);
    }

    private void takeSnapshot()
    {
        if (!snapshotInProgress.compareAndSet(false, true))
        {
            LOG.info("interval snapshot skipped: an operator's snapshot is being taken");
            return;
        }
        final long started = System.nanoTime();
        try
        {
            final JournalSnapshots.Taken taken = JournalSnapshots.take(config.dataDir(), config.journalKey(),
                config.authorizerConfig(),
                warning -> LOG.warn("snapshot: {}", warning));
            LOG.info("snapshot {} written: state up to sequence {} ({} events replayed in {} ms)",
                taken.file().getFileName(), taken.sequence(), taken.eventsReplayed(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        catch (final IOException | RuntimeException e)
        {
            LOG.warn("snapshot not written: {}", e.getMessage());
        }
        finally
        {
            snapshotInProgress.set(false);
        }
    }

    /**
     * Chooses the transport and creates the event loops, before the ring: the inline thread layout runs the
     * ring's stages on the event loop.
     */
    private void createEventLoops() throws StartupException
    {
        switch (config.transport())
        {
            case "epoll":
                if (!Epoll.isAvailable())
                {
                    throw new StartupException("transport epoll is not available here: " +
                        Epoll.unavailabilityCause().getMessage());
                }
                epoll = true;
                break;
            case "nio":
                epoll = false;
                break;
            default:
                epoll = Epoll.isAvailable();
                break;
        }
        final IoHandlerFactory ioHandlers = SpinThenBlock.ioHandlers(epoll, config.loopSpinMicros(), loopBlocks);
        group = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("junction-io"), ioHandlers);
    }

    private String bind() throws StartupException
    {
        final Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        final TlsHandshakeGate.Shared handshakes = tls == null ? null : new TlsHandshakeGate.Shared(
            config.maxConnections(), counters, TLS_FAILURE_LOG_LINES_PER_SECOND, this::newSession);
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            // Above the high mark a connection takes no more answers and is not read (AcquirerSession), so a
            // client that does not read holds at most this much plus one drained batch.
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.writeBufferLowBytes(), config.writeBufferHighBytes()))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    if (tls != null)
                    {
                        // The gate adds the acquirer session behind itself once the handshake is done.
                        channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
                        channel.pipeline().addLast("tls-gate", new TlsHandshakeGate(handshakes));
                        return;
                    }
                    channel.pipeline().addLast("acquirer", newSession());
                }
            });
        final ChannelFuture bound = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess())
        {
            final Throwable cause = bound.cause();
            final String why = cause instanceof BindException || cause.getMessage() != null ?
                cause.getMessage() : cause.getClass().getSimpleName();
            throw new StartupException("cannot listen on " + config.host() + ":" + config.port() + ": " + why, cause);
        }
        serverChannel = bound.channel();
        return epoll ? "epoll" : "nio";
    }

    private AcquirerSession newSession()
    {
        return new AcquirerSession(pipeline, sessions, clock, counters, config.maxFrameBytes(),
            config.maxInFlightPerConnection(), door, config.connectionTimeouts());
    }

    /** @return the bound address (after {@link #start}). */
    public InetSocketAddress address()
    {
        return report.address();
    }

    /** @return with {@code --loop-spin-us}, the times the event loop has blocked after its window (tests); else 0. */
    long loopBlocks()
    {
        return loopBlocks.get();
    }

    /**
     * @return the admin endpoint's bound address, or null when it is off or not yet bound. Set early in
     * {@link #start}, before recovery, so that a caller on another thread can watch {@code /health}.
     */
    public InetSocketAddress adminAddress()
    {
        final AdminHttpServer server = adminServer;
        return server == null ? null : server.address();
    }

    /** @return the batches the inline layout's journal helper journaled, -1 without a helper or before the ring. */
    public long journalHelperBatches()
    {
        final Pipeline ring = pipeline;
        return ring == null ? -1 : ring.journalHelperBatches();
    }

    /** @return the authorizer's state digest; call only when the ring is idle (after {@link #close}, in tests). */
    public long stateDigest()
    {
        return authorizer.digest();
    }

    /**
     * @return the operator's actions on this switch ({@link RingAdminActions}): usable from any thread but an
     * event loop, at any time; they answer 503 until start-up has imported its reference data, and after
     * {@link #close} begins.
     */
    public AdminActions adminActions()
    {
        return adminActions;
    }

    ServerCounters counters()
    {
        return counters;
    }

    /** @return the open sessions' registry (tests look into a session's buffers through it). */
    SessionRegistry sessions()
    {
        return sessions;
    }

    /**
     * The graceful stop: stop accepting, stop reading requests, wait until every request taken in has
     * been journaled and answered and its answer written (up to the shutdown timeout), then close the
     * connections, the ring and the journal. Idempotent.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        adminRing = null;
        readiness.moveTo(Readiness.State.STOPPING);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMillis());
        if (serverChannel != null)
        {
            serverChannel.close().awaitUninterruptibly();
        }
        if (group != null && pipeline != null)
        {
            onEachSession(AcquirerSession::stopReading);
            final boolean drained = awaitQuiet(deadline);
            if (!drained)
            {
                LOG.warn("shutdown timeout of {} ms passed with requests still unanswered", config.shutdownTimeoutMillis());
            }
            onEachSession(session -> session.channel().close());
        }
        if (adminServer != null)
        {
            // After the drain, so /health says "stopping" meanwhile; before the ring stops, so that an
            // action still running can have its event applied.
            adminServer.close();
        }
        if (snapshotter != null)
        {
            snapshotter.shutdownNow();
        }
        if (ticker != null)
        {
            ticker.shutdownNow();
            try
            {
                ticker.awaitTermination(1, TimeUnit.SECONDS);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (pipeline != null)
        {
            final long waitMillis = Math.max(100, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (!pipeline.shutdown(waitMillis))
            {
                LOG.warn("the ring did not drain within the shutdown timeout");
            }
        }
        if (group != null)
        {
            // After the ring: in the inline layout the event loop is the ring's consumer until it stops.
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (journal != null)
        {
            journal.close();
        }
        if (!scratch)
        {
            LOG.info("stopped: {}; door: {}", counters, door.counters());
        }
    }

    private boolean awaitQuiet(final long deadlineNanos)
    {
        while (System.nanoTime() < deadlineNanos)
        {
            final boolean ringIdle = pipeline.processedRingSequence() == pipeline.claimedRingSequence();
            if (ringIdle && allSessionsQuiet())
            {
                return true;
            }
            try
            {
                Thread.sleep(2);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private boolean allSessionsQuiet()
    {
        final boolean[] quiet = {true};
        onEachSession(session -> quiet[0] &= session.isQuiet());
        return quiet[0];
    }

    /** Runs an action on each open session's own event loop and waits for all of them. */
    private void onEachSession(final Consumer<AcquirerSession> action)
    {
        final List<AcquirerSession> open = sessions.open();
        final CountDownLatch done = new CountDownLatch(open.size());
        for (final AcquirerSession session : open)
        {
            session.channel().eventLoop().execute(() ->
            {
                try
                {
                    action.accept(session);
                }
                finally
                {
                    done.countDown();
                }
            });
        }
        try
        {
            done.await(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** A stage failed: the ledger or the journal can no longer be trusted, so the switch must stop. */
    private static final class FatalStageHandler implements ExceptionHandler<TransactionEvent>
    {
        private final Consumer<Throwable> onFatal;
        private final DiskFloor diskFloor;

        FatalStageHandler(final Consumer<Throwable> onFatal, final DiskFloor diskFloor)
        {
            this.onFatal = onFatal;
            this.diskFloor = diskFloor;
        }

        @Override
        public void handleEventException(final Throwable ex, final long ringSequence, final TransactionEvent event)
        {
            // The free space goes into the line: a full disk fails the journal's mapped write with an error
            // that names neither (an InternalError about an unsafe memory access).
            LOG.error("fatal: a ring stage failed on journal sequence {} ({}); {}; stopping", event.sequence(),
                EventKind.name(event.kind()), diskFloor.describe(), ex);
            onFatal.accept(ex);
            // Stop this stage where it failed: the stages after it must never see the event, so nothing
            // unjournaled or half-decided can be answered.
            throw new IllegalStateException("ring stage stopped after a fatal error", ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            LOG.error("fatal: a ring stage failed to start; stopping", ex);
            onFatal.accept(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.error("a ring stage failed while stopping", ex);
        }
    }
}
