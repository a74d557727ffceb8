package dev.junction.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.junction.core.auth.AuthorizationIds;
import dev.junction.core.auth.Decision;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.DemoData;
import dev.junction.journal.ChronicleJournal;
import dev.junction.journal.JournalKey;
import dev.junction.journal.JournalOptions;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The Chronicle Queue journal: what the journal stage appends for each request (its input record with
 * the raw 0100) and what the responder appends (its outcome record with the 0110), both here on the
 * benchmark's one thread, which creates the appenders. Default options: records reach the page cache,
 * no sync per batch. Each iteration writes a fresh journal in a temporary directory and deletes it
 * after, so a run does not leave gigabytes behind; the cost of mapping new queue files is measured.
 * {@code encrypted=true} seals each payload and response with AES-256-GCM under a fixed journal key
 * (format version 4), so one run compares the two; run it with {@code -prof gc} for the bytes each
 * record's {@code Cipher.init} allocates.
 */
@State(Scope.Thread)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalBenchmark extends ForkedBenchmark
{
    /** A fixed key: the benchmark measures the cipher, not key handling. */
    private static final JournalKey KEY = JournalKey.of(new byte[JournalKey.KEY_LENGTH]);

    private final UnsafeBuffer request = new UnsafeBuffer(AuthorizationRequests.purchase(
        DemoData.pan(DemoData.FIRST_ACTIVE_CARD), 1_234, 123_456));
    private final UnsafeBuffer response = new UnsafeBuffer(new byte[TransactionEvent.RESPONSE_CAPACITY]);
    private final Decision approval = new Decision();
    /** Whether payloads and responses are sealed (AES-256-GCM) or written in clear. */
    @Param({"false", "true"})
    public boolean encrypted;
    private int responseLength;
    private Path dataDir;
    private ChronicleJournal journal;
    private InputJournal inputs;
    private OutcomeJournal outcomes;
    private long sequence;

    @Setup(Level.Trial)
    public void encodeResponse()
    {
        final TransactionEvent event = new TransactionEvent(AuthorizationRequests.MAX_LENGTH);
        AuthorizationRequests.load(request.byteArray(), event, 1);
        approval.reset();
        approval.respond(110, ResponseCodes.APPROVED);
        approval.authorizationId(AuthorizationIds.forApproval(1));
        approval.account(6, 1_234, DemoData.CURRENCY_USD, Ledgers.BALANCE_MINOR, 1_234);
        responseLength = new ResponseEncoder().encode(event.request(), approval, response, 0);
    }

    @Setup(Level.Iteration)
    public void openJournal()
    {
        dataDir = TempDirectories.create("junction-journal-bench");
        journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(encrypted ? KEY : null));
        inputs = journal.inputWriter();
        outcomes = journal.outcomeWriter();
        inputs.onStart();
        outcomes.onStart();
        sequence = 0;
    }

    /** The journal stage's and the responder's appends for one request: two records. */
    @Benchmark
    public long appendInputAndOutcome()
    {
        final long appended = ++sequence;
        inputs.append(appended, EventKind.REQUEST, AuthorizationRequests.INGRESS_EPOCH_NANOS,
            AuthorizationRequests.CONNECTION_ID, request, 0, request.capacity());
        outcomes.append(appended, approval, response, 0, responseLength);
        return appended;
    }

    /** The journal stage's append alone: one record, for comparison with the appends-per-second target. */
    @Benchmark
    public long appendInput()
    {
        final long appended = ++sequence;
        inputs.append(appended, EventKind.REQUEST, AuthorizationRequests.INGRESS_EPOCH_NANOS,
            AuthorizationRequests.CONNECTION_ID, request, 0, request.capacity());
        return appended;
    }

    @TearDown(Level.Iteration)
    public void deleteJournal()
    {
        try
        {
            inputs.onShutdown();
            outcomes.onShutdown();
            journal.close();
        }
        finally
        {
            TempDirectories.delete(dataDir);
        }
    }
}
