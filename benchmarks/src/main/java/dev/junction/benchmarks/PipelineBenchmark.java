package dev.junction.benchmarks;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.ExceptionHandler;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Pipeline;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.pipeline.ResponseSink;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.pipeline.WaitStrategies;
import dev.junction.core.refdata.DemoData;
import dev.junction.journal.ChronicleJournal;
import org.agrona.DirectBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The in-process ring end to end: the benchmark thread publishes 0200 purchases as a network event loop
 * does ({@code tryClaim}, copy into the slot, {@code input}, {@code publish}), each with a fresh STAN, and
 * the pipeline journals them to a real Chronicle journal and authorizes them (a million cards), on the
 * thread layout under test, then encodes, journals the outcome and hands each 0210 to a sink that
 * discards it. One invocation publishes
 * {@value #BATCH} requests, four rings' worth, so the producer meets a full ring and waits (yielding)
 * as back-pressure, then waits until the responder has finished the last one: the score is requests
 * fully processed per second. On 2 cores the stage threads and the producer share the CPU.
 * <p>
 * In the {@value PipelineConfig#INLINE} layout the benchmark thread is also the ring's consumer, as the
 * switch's event loop is: it runs the pipeline's drain tasks after every {@value #READ_BATCH} requests it
 * publishes, as a loop that has read that many frames, and makes room itself when it finds the ring full.
 * The wait strategy does not apply to it. {@code journalHelperBatch} sets its journal helper ({@code 0}: none);
 * with batches of {@value #READ_BATCH} in a row the helper journals most of them, as in a saturated switch.
 */
@State(Scope.Thread)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark extends ForkedBenchmark
{
    static final int BATCH = 4 * PipelineConfig.DEFAULT_RING_SIZE;
    private static final int REQUESTS = 4096;
    private static final long SEED = 4321;
    private static final int MAX_STAN = 999_999;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Param({WaitStrategies.BLOCKING, WaitStrategies.SLEEPING, WaitStrategies.YIELDING})
    public String waitStrategy;

    @Param({PipelineConfig.PIPELINED, PipelineConfig.SINGLE, PipelineConfig.INLINE})
    public String threadLayout;

    /** Inline layout only: the journal helper's smallest batch, 0 for none (the others ignore it). */
    @Param({"16", "0"})
    public int journalHelperBatch;

    /** Inline layout: requests published between two runs of the consumer's tasks. */
    static final int READ_BATCH = 64;
    private final LoopTasks loop = new LoopTasks();
    private boolean inline;

    private final byte[][] requests = new byte[REQUESTS][];
    private final DiscardingSink sink = new DiscardingSink();
    private Authorizer authorizer;
    private Path dataDir;
    private ChronicleJournal journal;
    private Pipeline pipeline;
    private volatile Throwable stageFailure;
    private int next;
    private int stan;
    private long published;
    private long ringFullYields;

    @Setup(Level.Trial)
    public void provision()
    {
        authorizer = Ledgers.provisioned(AuthorizerBenchmark.CARDS);
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < REQUESTS; i++)
        {
            requests[i] = AuthorizationRequests.request(200,
                DemoData.pan(1 + random.nextInt(AuthorizerBenchmark.CARDS)), 1_234, i + 1);
        }
    }

    @Setup(Level.Iteration)
    public void startPipeline()
    {
        dataDir = TempDirectories.create("junction-pipeline-bench");
        journal = new ChronicleJournal(dataDir);
        final PipelineConfig config = new PipelineConfig(
            PipelineConfig.DEFAULT_RING_SIZE, PipelineConfig.DEFAULT_PAYLOAD_CAPACITY, waitStrategy, threadLayout,
            journalHelperBatch);
        pipeline = new Pipeline(config, authorizer, journal.inputWriter(), journal.outcomeWriter(), sink, 0,
            new RecordingExceptionHandler());
        inline = PipelineConfig.INLINE.equals(threadLayout);
        if (inline)
        {
            pipeline.runInlineOn(loop);
        }
        pipeline.start();
        // Inline: the stage starts on this thread, which the benchmark runs on too.
        loop.runAll();
        published = 0;
        ringFullYields = 0;
        sink.responses = 0;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publishAndProcess()
    {
        long ringSequence = -1;
        for (int i = 0; i < BATCH; i++)
        {
            while ((ringSequence = pipeline.tryClaim()) < 0)
            {
                ringFullYields++;
                awaitProgress();
            }
            final byte[] request = requests[next];
            next = (next + 1) & (REQUESTS - 1);
            final TransactionEvent slot = pipeline.slot(ringSequence);
            System.arraycopy(request, 0, slot.payloadArray(), 0, request.length);
            slot.input(pipeline.journalSequence(ringSequence), EventKind.REQUEST,
                AuthorizationRequests.INGRESS_EPOCH_NANOS, AuthorizationRequests.CONNECTION_ID, request.length);
            // A fresh STAN each time, so that no request is a retransmission answered from the duplicate index.
            stan = stan == MAX_STAN ? 1 : stan + 1;
            AuthorizationRequests.restamp(slot, stan);
            pipeline.publish(ringSequence);
            if (inline && (i & (READ_BATCH - 1)) == READ_BATCH - 1)
            {
                loop.runAll();
            }
        }
        published += BATCH;
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (pipeline.processedRingSequence() < ringSequence)
        {
            awaitProgress();
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the pipeline did not process ring sequence " + ringSequence +
                    " within 30 s; it is at " + pipeline.processedRingSequence());
            }
        }
        return ringSequence;
    }

    private void awaitProgress()
    {
        final Throwable failure = stageFailure;
        if (failure != null)
        {
            throw new IllegalStateException("a pipeline stage failed", failure);
        }
        if (inline)
        {
            loop.runAll();
        }
        else
        {
            Thread.yield();
        }
    }

    @TearDown(Level.Iteration)
    public void stopPipeline()
    {
        try
        {
            if (!pipeline.shutdown(10_000))
            {
                throw new IllegalStateException("the pipeline did not stop within 10 s");
            }
            if (sink.responses != published)
            {
                throw new IllegalStateException(published + " requests published but " + sink.responses + " answered");
            }
            System.out.printf("%n%,d requests answered; the producer yielded %,d times on a full ring%n",
                published, ringFullYields);
        }
        finally
        {
            journal.close();
            TempDirectories.delete(dataDir);
        }
    }

    /**
     * The inline layout's executor: tasks wait until the benchmark thread runs them, as tasks given to an
     * event loop wait for the end of its read. One thread; allocation-free once the deque has grown.
     */
    private static final class LoopTasks implements Executor
    {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(final Runnable task)
        {
            tasks.add(task);
        }

        void runAll()
        {
            Runnable task;
            while ((task = tasks.poll()) != null)
            {
                task.run();
            }
        }
    }

    /** What the network's writer would be, minus the sockets: counts the answers and drops them. */
    private static final class DiscardingSink implements ResponseSink
    {
        long responses;

        @Override
        public void onResponse(final long connectionId, final DirectBuffer response, final int offset, final int length)
        {
            if (length > 0)
            {
                responses++;
            }
        }

        @Override
        public void endOfBatch()
        {
        }
    }

    /** Keeps a stage's failure for the benchmark thread to raise, instead of a stage dying silently. */
    private final class RecordingExceptionHandler implements ExceptionHandler<TransactionEvent>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TransactionEvent event)
        {
            stageFailure = ex;
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            stageFailure = ex;
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            stageFailure = ex;
        }
    }
}
