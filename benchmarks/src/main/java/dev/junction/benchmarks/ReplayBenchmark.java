package dev.junction.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.StateDigest;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoWriter;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import dev.junction.core.pipeline.Replayer;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import dev.junction.core.refdata.DemoData;
import dev.junction.journal.ChronicleJournal;
import dev.junction.journal.JournalKey;
import dev.junction.journal.JournalOptions;
import dev.junction.journal.JournalReader;
import dev.junction.journal.JournalRecovery;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Restart: the replay of a whole journal, as the switch does it at start-up. The trial's set-up writes a
 * journal the way the live switch does (input appended, authorizer applied, response encoded, outcome
 * appended): {@code cards} accounts and cards provisioned by admin events, then {@code requests}
 * requests on cards drawn at random, 85% 0200 purchases, 10% 0100 authorizations (their holds stay
 * open) and 5% 0800 echoes, a millisecond of ingress time apart, with a TICK every thousand events.
 * <p>
 * {@link #recover} is one operation: {@code JournalRecovery.recover} into a new authorizer, which must
 * reach the live run's digest. {@link #readInputs} reads and checks the same input records without
 * applying them: the journal's share of the replay. With {@code sealed}, the payloads are sealed with a
 * journal key and every read decrypts them. Each prints its events per second; the score is the time of
 * one whole replay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ReplayBenchmark extends ForkedBenchmark
{
    private static final int TRANSACTION_CAPACITY = 1 << 20;
    private static final int TICK_EVERY = 1_000;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long SEED = 8583;
    private static final int MAX_STAN = 999_999;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** A fixed benchmark key: the journal is deleted after the trial. */
    private static final byte[] KEY_BYTES = new byte[JournalKey.KEY_LENGTH];

    /** Requests in the journal, after the admin events that provision the cards. */
    @Param("2000000")
    public int requests;

    /** Accounts and cards provisioned, one card per account. */
    @Param("100000")
    public int cards;

    /** Whether the journal's payloads are sealed with AES-256-GCM (a journal key), so that replay decrypts. */
    @Param("false")
    public boolean sealed;

    private Path dataDir;
    private JournalOptions options;
    private AuthorizerConfig config;
    private long events;
    private long liveDigest;

    @Setup(Level.Trial)
    public void writeJournal()
    {
        final long started = System.nanoTime();
        config = new AuthorizerConfig(cards, cards, TRANSACTION_CAPACITY, AuthorizerConfig.DEFAULT_DUPLICATE_WINDOW,
            AuthorizerConfig.DEFAULT_HOLD_EXPIRY_MILLIS);
        dataDir = TempDirectories.create("junction-replay-bench");
        options = sealed ? JournalOptions.DEFAULT.withKey(JournalKey.of(KEY_BYTES)) : JournalOptions.DEFAULT;
        final Authorizer authorizer = new Authorizer(config);
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, options))
        {
            final Writer writer = new Writer(authorizer, journal);
            writer.provision();
            writer.requests();
            writer.close();
            events = writer.sequence;
        }
        liveDigest = authorizer.digest();
        System.out.printf("%nwrote a journal of %,d events (%,d cards, %,d requests) in %,d ms; digest %s%n", events,
            cards, requests, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), StateDigest.hex(liveDigest));
    }

    /** The whole restart replay: every input read, checked and applied, outcomes matched to inputs. */
    @Benchmark
    public long recover()
    {
        final long started = System.nanoTime();
        final long startedCpu = THREADS.getCurrentThreadCpuTime();
        final Authorizer authorizer = new Authorizer(config);
        final Replayer replayer = new Replayer(authorizer);
        final JournalRecovery.Result result;
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, options))
        {
            result = JournalRecovery.recover(journal, replayer);
        }
        final long elapsed = System.nanoTime() - started;
        if (result.eventsReplayed() != events || result.outcomesCompleted() != 0 || authorizer.digest() != liveDigest)
        {
            throw new IllegalStateException("replay reached " + result + ", digest " +
                StateDigest.hex(authorizer.digest()) + ", not the live run's " + events + " events and digest " +
                StateDigest.hex(liveDigest));
        }
        report("recover", result.eventsReplayed(), elapsed, THREADS.getCurrentThreadCpuTime() - startedCpu);
        return result.eventsReplayed();
    }

    /** The journal's share: every input read and checked as replay reads it, none applied. */
    @Benchmark
    public long readInputs()
    {
        final long started = System.nanoTime();
        final long startedCpu = THREADS.getCurrentThreadCpuTime();
        final long read;
        try (JournalReader reader = JournalReader.open(dataDir, options.key()))
        {
            read = reader.readInputs(0, (sequence, kind, ingressEpochNanos, connectionId, payload, offset, length) -> { });
        }
        report("readInputs", read, System.nanoTime() - started, THREADS.getCurrentThreadCpuTime() - startedCpu);
        return read;
    }

    @TearDown(Level.Trial)
    public void deleteJournal()
    {
        TempDirectories.delete(dataDir);
    }

    /**
     * Prints the rate in wall time and in the calling thread's CPU time: on a shared machine the second
     * is the steadier one to compare (it leaves out time the thread was not running).
     */
    private static void report(final String what, final long count, final long nanos, final long cpuNanos)
    {
        System.out.printf("%n%s: %,d events in %,d ms = %,.0f events/s; calling thread's CPU %,d ms = %,.0f events " +
            "per CPU-second%n", what, count, TimeUnit.NANOSECONDS.toMillis(nanos), count * 1e9 / nanos,
            TimeUnit.NANOSECONDS.toMillis(cpuNanos), count * 1e9 / cpuNanos);
    }

    /** Writes the journal as the live switch's stages would, on this one thread. */
    private final class Writer
    {
        private final Authorizer authorizer;
        private final InputJournal inputs;
        private final OutcomeJournal outcomes;
        private final TransactionEvent event = new TransactionEvent(AuthorizationRequests.MAX_LENGTH);
        private final ResponseEncoder encoder = new ResponseEncoder();
        private final UnsafeBuffer record = new UnsafeBuffer(new byte[AuthorizationRequests.MAX_LENGTH]);
        private final UnsafeBuffer echo = new UnsafeBuffer(new byte[AuthorizationRequests.MAX_LENGTH]);
        private final int echoLength;
        private long sequence;
        private long ingressEpochNanos = AuthorizationRequests.INGRESS_EPOCH_NANOS;

        Writer(final Authorizer authorizer, final ChronicleJournal journal)
        {
            this.authorizer = authorizer;
            inputs = journal.inputWriter();
            outcomes = journal.outcomeWriter();
            inputs.onStart();
            outcomes.onStart();
            echoLength = new IsoWriter().wrap(echo, 0).mti(800)
                .putDigits(IsoFields.TRANSMISSION_DATE_TIME, "1121120000".getBytes(StandardCharsets.US_ASCII))
                .putNumeric(IsoFields.STAN, 1)
                .putNumeric(IsoFields.NETWORK_MGMT_CODE, 301)
                .finish();
        }

        void provision()
        {
            for (int n = 1; n <= cards; n++)
            {
                append(EventKind.ADMIN, record, AdminRecords.writeAccount(record, 0,
                    new AccountRecord(n, DemoData.CURRENCY_USD, Ledgers.BALANCE_MINOR, 0)));
            }
            for (int n = 1; n <= cards; n++)
            {
                append(EventKind.ADMIN, record, AdminRecords.writeCard(record, 0,
                    new CardRecord(DemoData.pan(n), n, AuthorizationRequests.EXPIRY_YYMM, CardStatus.ACTIVE)));
            }
        }

        void requests()
        {
            final byte[][] purchases = new byte[cards][];
            final SplittableRandom random = new SplittableRandom(SEED);
            int stan = 0;
            for (int i = 0; i < requests; i++)
            {
                if (sequence % TICK_EVERY == TICK_EVERY - 1)
                {
                    append(EventKind.TICK, record, 0);
                }
                stan = stan == MAX_STAN ? 1 : stan + 1;
                final int kind = random.nextInt(100);
                if (kind < 5)
                {
                    echo.getBytes(0, event.payloadArray(), 0, echoLength);
                    event.input(sequence, EventKind.REQUEST, ingressEpochNanos, AuthorizationRequests.CONNECTION_ID,
                        echoLength);
                    applyAndAppend();
                    continue;
                }
                final int card = random.nextInt(cards);
                if (purchases[card] == null)
                {
                    purchases[card] = AuthorizationRequests.request(200, DemoData.pan(card + 1), 1_234, 1);
                }
                final byte[] purchase = purchases[card];
                System.arraycopy(purchase, 0, event.payloadArray(), 0, purchase.length);
                // An 0100 is the same message with another MTI (its first BCD byte).
                event.payloadArray()[0] = kind < 15 ? (byte)0x01 : (byte)0x02;
                event.input(sequence, EventKind.REQUEST, ingressEpochNanos, AuthorizationRequests.CONNECTION_ID,
                    purchase.length);
                AuthorizationRequests.restamp(event, stan);
                restampRrn(stan);
                applyAndAppend();
            }
        }

        /** Gives the request a retrieval reference of its own: the STAN in its last six characters. */
        private void restampRrn(final int stan)
        {
            final int at = event.request().valueOffset(IsoFields.RRN) + 6;
            int value = stan;
            for (int i = 5; i >= 0; i--)
            {
                event.payloadArray()[at + i] = (byte)('0' + value % 10);
                value /= 10;
            }
        }

        private void append(final byte kind, final UnsafeBuffer payload, final int length)
        {
            event.copyInput(sequence, kind, ingressEpochNanos, 0, payload, 0, length);
            applyAndAppend();
        }

        private void applyAndAppend()
        {
            inputs.append(sequence, event.kind(), event.ingressEpochNanos(), event.connectionId(), event.payload(), 0,
                event.payloadLength());
            authorizer.apply(event);
            int responseLength = 0;
            if (event.kind() == EventKind.REQUEST && event.decision().hasResponse())
            {
                responseLength = encoder.encode(event.request(), event.decision(), event.response(), 0);
            }
            outcomes.append(sequence, event.decision(), event.response(), 0, responseLength);
            sequence++;
            ingressEpochNanos += NANOS_PER_MILLI;
        }

        void close()
        {
            inputs.endOfBatch();
            outcomes.endOfBatch();
            inputs.onShutdown();
            outcomes.onShutdown();
        }
    }
}
