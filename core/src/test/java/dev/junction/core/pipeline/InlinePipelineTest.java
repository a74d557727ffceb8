package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.lmax.disruptor.ExceptionHandler;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@link PipelineTest} again on the {@value PipelineConfig#INLINE} thread layout, where the thread of an
 * executor (in the switch, the event loop) consumes the ring; and what is the inline layout's own: the stages
 * run on that thread only, the thread makes room itself when it finds the ring full, a burst published from
 * another thread costs one task, and a fatal failure stops the consuming where it happened.
 */
class InlinePipelineTest extends PipelineTest
{
    static final String FUNDED = "4000000000000069";
    private static final String OWNER = "inline-owner";
    private static final long WAIT_MILLIS = 10_000;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> new Thread(task, OWNER));
    private final RecordingInputJournal inputJournal = new RecordingInputJournal();
    private final RecordingOutcomeJournal outcomeJournal = new RecordingOutcomeJournal();
    private final RecordingSink sink = new RecordingSink(inputJournal, outcomeJournal);
    private Pipeline own;

    @Override
    String threadLayout()
    {
        return PipelineConfig.INLINE;
    }

    @Override
    void beforeStart(final Pipeline built)
    {
        built.runInlineOn(executor);
    }

    @Override
    @AfterEach
    void stop()
    {
        super.stop();
        if (own != null)
        {
            own.shutdown(WAIT_MILLIS);
        }
        executor.shutdownNow();
    }

    @Test
    void journalsDecisionsAndAnswersAllRunOnTheExecutorsThread() throws Exception
    {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final ResponseSink threadSink = new ResponseSink()
        {
            @Override
            public void onResponse(final long connectionId, final DirectBuffer response, final int offset,
                final int length)
            {
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void endOfBatch()
            {
                threads.add(Thread.currentThread().getName());
            }
        };
        own = new Pipeline(config(64), provisionedAuthorizer(), inputJournal, outcomeJournal, threadSink, 0,
            new FailingHandler());
        own.runInlineOn(executor);
        own.start();
        for (int stan = 1; stan <= 20; stan++)
        {
            publish(own, TestRequest.purchase(200, FUNDED, 100, stan).bytes());
        }

        assertTrue(own.awaitProcessed(own.claimedRingSequence(), WAIT_MILLIS));
        assertEquals(Set.of(OWNER), threads);
        assertEquals(20, inputJournal.inputs().size());
        assertTrue(own.shutdown(WAIT_MILLIS));
        assertEquals(1, inputJournal.starts());
        assertEquals(1, inputJournal.shutdowns());
        assertEquals(1, outcomeJournal.shutdowns());
    }

    @Test
    void theConsumingThreadMakesRoomItselfWhenItFindsTheRingFull() throws Exception
    {
        own = new Pipeline(config(4), provisionedAuthorizer(), inputJournal, outcomeJournal, sink, 0,
            new FailingHandler());
        own.runInlineOn(executor);
        own.start();
        // On the consuming thread, as an event loop reading a burst: nothing else drains meanwhile.
        final Future<long[]> onOwner = executor.submit(() ->
        {
            for (int stan = 1; stan <= 4; stan++)
            {
                final long claimed = own.tryClaim();
                fill(own, claimed, TestRequest.purchase(200, FUNDED, 100, stan).bytes());
            }
            final int answeredBefore = sink.responses().size();
            final long fifth = own.tryClaim();
            final int answeredAfter = sink.responses().size();
            fill(own, fifth, TestRequest.purchase(200, FUNDED, 100, 5).bytes());
            return new long[] {answeredBefore, fifth, answeredAfter};
        });
        final long[] seen = onOwner.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);

        assertEquals(0, seen[0], "nothing answered before the ring filled");
        assertEquals(4, seen[1], "the fifth claim succeeds: the ring of four was drained to make room");
        assertEquals(4, seen[2], "the four were journaled and answered first");
        assertTrue(own.awaitProcessed(4, WAIT_MILLIS));
        assertEquals(5, sink.responses().size());
    }

    @Test
    void aBurstPublishedFromAnotherThreadCostsOneDrainTask() throws Exception
    {
        final AtomicInteger tasks = new AtomicInteger();
        own = new Pipeline(config(1024), provisionedAuthorizer(), inputJournal, outcomeJournal, sink, 0,
            new FailingHandler());
        own.runInlineOn(task ->
        {
            tasks.incrementAndGet();
            executor.execute(task);
        });
        own.start();
        // Past the start's own drain request, then holding the consuming thread busy.
        executor.submit(() -> { }).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        final CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> awaitUninterruptibly(release));
        final int before = tasks.get();
        for (int stan = 1; stan <= 100; stan++)
        {
            publish(own, TestRequest.purchase(200, FUNDED, 100, stan).bytes());
        }
        final int duringBurst = tasks.get() - before;
        release.countDown();

        assertTrue(own.awaitProcessed(own.claimedRingSequence(), WAIT_MILLIS));
        assertEquals(1, duringBurst, "drain tasks asked for by 100 publications while the consumer was busy");
        assertEquals(100, sink.responses().size());
    }

    @Test
    void aHandlerThatThrowsStopsTheConsumingWhereItFailed() throws Exception
    {
        final FailingHandler handler = new FailingHandler();
        own = new Pipeline(config(64), provisionedAuthorizer(), inputJournal, outcomeJournal, sink, 0, handler);
        own.runInlineOn(executor);
        own.start();
        publish(own, TestRequest.purchase(200, FUNDED, 100, 1).bytes());
        assertTrue(own.awaitProcessed(0, WAIT_MILLIS));
        inputJournal.failNextAppend(new IllegalStateException("disk full"));
        final long failed = publish(own, TestRequest.purchase(200, FUNDED, 100, 2).bytes());
        assertTrue(handler.failed.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        publish(own, TestRequest.purchase(200, FUNDED, 100, 3).bytes());
        // A drain task runs after the publication; once it has, nothing more may have moved.
        executor.submit(() -> { }).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);

        assertEquals(failed - 1, own.processedRingSequence());
        assertEquals(1, sink.responses().size(), "only the request before the failure is answered");
        assertEquals(1, inputJournal.inputs().size(), "nothing after the failure is journaled");
    }

    @Test
    void theInlineLayoutNeedsAnExecutorAndOnlyItTakesOne()
    {
        final Pipeline withoutExecutor = new Pipeline(config(64), provisionedAuthorizer(), inputJournal,
            outcomeJournal, sink, 0, new FailingHandler());
        final IllegalStateException noExecutor = assertThrows(IllegalStateException.class, withoutExecutor::start);
        assertEquals("the inline thread layout needs an executor to run on before start", noExecutor.getMessage());

        final Pipeline pipelined = new Pipeline(new PipelineConfig(64, PipelineConfig.DEFAULT_PAYLOAD_CAPACITY,
            WaitStrategies.BLOCKING, PipelineConfig.PIPELINED), provisionedAuthorizer(), inputJournal, outcomeJournal,
            sink, 0, new FailingHandler());
        final IllegalStateException notInline = assertThrows(IllegalStateException.class,
            () -> pipelined.runInlineOn(executor));
        assertEquals("only the inline thread layout runs on an executor", notInline.getMessage());
    }

    private static PipelineConfig config(final int ringSize)
    {
        return new PipelineConfig(ringSize, PipelineConfig.DEFAULT_PAYLOAD_CAPACITY, WaitStrategies.BLOCKING,
            PipelineConfig.INLINE);
    }

    /** An authorizer with one funded account and card, provisioned directly (no ring events). */
    static Authorizer provisionedAuthorizer()
    {
        final Authorizer authorizer = new Authorizer(new AuthorizerConfig(16, 16));
        final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        final TransactionEvent event = new TransactionEvent(PipelineConfig.DEFAULT_PAYLOAD_CAPACITY);
        int length = AdminRecords.writeAccount(record, 0, new AccountRecord(1, 840, 1_000_000_000, 0));
        event.copyInput(0, EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, 0, record, 0, length);
        authorizer.apply(event);
        length = AdminRecords.writeCard(record, 0, new CardRecord(FUNDED, 1, 3012, CardStatus.ACTIVE));
        event.copyInput(1, EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, 0, record, 0, length);
        authorizer.apply(event);
        return authorizer;
    }

    private static long publish(final Pipeline pipeline, final byte[] request)
    {
        final long claimed = pipeline.claim();
        fill(pipeline, claimed, request);
        return claimed;
    }

    private static void fill(final Pipeline pipeline, final long ringSequence, final byte[] request)
    {
        final TransactionEvent slot = pipeline.slot(ringSequence);
        System.arraycopy(request, 0, slot.payloadArray(), 0, request.length);
        slot.input(pipeline.journalSequence(ringSequence), EventKind.REQUEST, TestRequest.NOW_EPOCH_NANOS, 1,
            request.length);
        pipeline.publish(ringSequence);
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** As the switch's: a failure is fatal, and the handler throws to stop the stage where it failed. */
    private static final class FailingHandler implements ExceptionHandler<TransactionEvent>
    {
        private final CountDownLatch failed = new CountDownLatch(1);

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TransactionEvent event)
        {
            failed.countDown();
            throw new IllegalStateException("stage stopped", ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failed.countDown();
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
        }
    }
}
