package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import dev.junction.core.auth.Decision;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The inline layout's {@link JournalHelper}, driven through {@link SingleThreadStage} by the test's thread in
 * the event loop's place: a large batch that follows large ones (sustained load) is journaled by the helper
 * while the stage decides it, or by the stage
 * itself when the helper did not take it in time; either way every input and outcome is journaled once, in
 * order, the decisions and answers are those of a stage without a helper, and no answer of a batch leaves
 * before the whole batch is in both journals. A journaling failure on the helper reaches the stage's handler
 * with its own sequence and keeps the batch's answers back.
 */
class JournalHelperTest
{
    private static final long WAIT_SECONDS = 10;
    private static final int MIN_BATCH = 4;

    private final List<Thread> helperThreads = new ArrayList<>();
    private final CountDownLatch helperMayRun = new CountDownLatch(1);
    private final List<SingleThreadStage> started = new ArrayList<>();

    @AfterEach
    void stopStages()
    {
        helperMayRun.countDown();
        for (final SingleThreadStage stage : started)
        {
            stage.onShutdown();
        }
    }

    @Test
    void aLargeBatchTheHelperTookIsJournaledThereAndAnsweredOnlyOnceBothJournalsHoldIt() throws Exception
    {
        final Harness helped = new Harness(MIN_BATCH, this::newHelperThread);
        final Harness alone = new Harness(0, null);
        final long first = helped.sustainLoad();
        alone.sustainLoad();

        helped.runBatch(40, helped.inputs::awaitHelperAppend);
        alone.runBatch(40, () -> { });

        assertEquals(Set.of(JournalHelper.THREAD_NAME), helped.inputs.appendThreads);
        assertEquals(Set.of(JournalHelper.THREAD_NAME), helped.outcomes.appendThreads);
        assertJournaledInOrder(helped, (int)first + 40);
        final List<RecordingSink.Response> responses = helped.sink.responses();
        for (final RecordingSink.Response response : responses.subList((int)first, responses.size()))
        {
            assertEquals(first + 39, response.inputJournaled(), "an answer left before its batch's inputs were journaled");
            assertEquals(first + 39, response.outcomeJournaled(),
                "an answer left before its batch's outcomes were journaled");
        }
        assertSameDecisionsAndAnswers(alone, helped);
    }

    @Test
    void aBatchTheHelperDidNotTakeInTimeIsJournaledByTheStageAndTheNextByTheHelper() throws Exception
    {
        final Harness helped = new Harness(MIN_BATCH, this::newLateHelperThread);
        final Harness alone = new Harness(0, null);
        final long first = helped.sustainLoad();
        alone.sustainLoad();

        // The helper's thread is held: the stage takes the batch back when it has decided it.
        helped.runBatch(30, () -> { });
        assertEquals(Set.of(Thread.currentThread().getName()), helped.inputs.appendThreads);
        assertEquals(first + 30, helped.sink.responses().size());
        helperMayRun.countDown();
        helped.runBatch(30, helped.inputs::awaitHelperAppend);
        alone.runBatch(30, () -> { });
        alone.runBatch(30, () -> { });

        assertEquals(Set.of(Thread.currentThread().getName(), JournalHelper.THREAD_NAME), helped.inputs.appendThreads);
        assertJournaledInOrder(helped, (int)first + 60);
        assertSameDecisionsAndAnswers(alone, helped);
    }

    @Test
    void batchesBelowTheThresholdNeverReachTheHelper() throws Exception
    {
        final Harness helped = new Harness(MIN_BATCH, this::newHelperThread);

        for (int i = 0; i < 2 * SingleThreadStage.HELPER_AFTER_LARGE_BATCHES; i++)
        {
            helped.runBatch(i % 2 == 0 ? 1 : MIN_BATCH - 1, () -> { });
        }

        assertEquals(0, helped.helper.batchesOffered());
        assertEquals(Set.of(Thread.currentThread().getName()), helped.inputs.appendThreads);
        assertEquals(Set.of(Thread.currentThread().getName()), helped.outcomes.appendThreads);
        assertJournaledInOrder(helped, SingleThreadStage.HELPER_AFTER_LARGE_BATCHES * MIN_BATCH);
    }

    @Test
    void onlyALargeBatchThatFollowsLargeOnesIsOfferedToTheHelper() throws Exception
    {
        final Harness helped = new Harness(MIN_BATCH, this::newHelperThread);
        final String loop = Thread.currentThread().getName();

        // Large batches after a small one, as after a stall at a moderate rate: the loop journals them.
        for (int round = 0; round < 2; round++)
        {
            helped.runBatch(1, () -> { });
            for (int i = 1; i < SingleThreadStage.HELPER_AFTER_LARGE_BATCHES; i++)
            {
                helped.runBatch(MIN_BATCH * 2, () -> { });
            }
        }
        assertEquals(0, helped.helper.batchesOffered(), "batches offered before the load was sustained");
        assertEquals(Set.of(loop), helped.inputs.appendThreads);
        // One more large batch in a row: sustained load, offered.
        helped.runBatch(MIN_BATCH * 2, helped.inputs::awaitHelperAppend);

        assertEquals(1, helped.helper.batchesOffered());
        assertEquals(Set.of(loop, JournalHelper.THREAD_NAME), helped.inputs.appendThreads);
    }

    @Test
    void aJournalFailureOnTheHelperReachesTheHandlerWithItsSequenceAndNoAnswerOfTheBatchLeaves() throws Exception
    {
        final Harness helped = new Harness(MIN_BATCH, this::newHelperThread);
        final long first = helped.sustainLoad();
        helped.inputs.failAt(first + 7);

        helped.runBatch(20, helped.inputs::awaitHelperAppend);

        assertNotNull(helped.handler.failure);
        assertEquals("disk full at " + (first + 7), helped.handler.failure.getMessage());
        assertEquals(first + 7, helped.handler.ringSequence);
        assertEquals(first + 7, helped.inputs.recording.inputs().size(), "the inputs before the failure");
        assertEquals(first, helped.outcomes.recording.outcomes().size(), "no outcome after a failed input");
        assertEquals(first, helped.sink.responses().size(), "nothing of a batch that is not all journaled is answered");

        // The helper is free again: the next batch is journaled and answered.
        helped.runBatch(20, helped.inputs::awaitHelperAppend);
        assertEquals(first + 20, helped.sink.responses().size());
        assertEquals(first + 27, helped.inputs.recording.inputs().size());
    }

    @Test
    void aHandlerThatStopsTheStageOnAHelperFailureStopsItBeforeAnyAnswer() throws Exception
    {
        final Harness helped = new Harness(MIN_BATCH, this::newHelperThread);
        final long first = helped.sustainLoad();
        helped.handler.fatal = true;
        helped.inputs.failAt(first + 3);

        final IllegalStateException stopped = assertThrows(IllegalStateException.class,
            () -> helped.runBatch(10, helped.inputs::awaitHelperAppend));

        assertEquals("stage stopped", stopped.getMessage());
        assertEquals(first + 3, helped.handler.ringSequence);
        assertEquals(first, helped.sink.responses().size());
    }

    @Test
    void anAnswerThatFailsInAHelpedBatchIsReportedWithItsSequenceAndTheRestAreAnswered() throws Exception
    {
        final Harness helped = new Harness(MIN_BATCH, this::newHelperThread);
        final long first = helped.sustainLoad();
        helped.sink.failFor(connectionId -> connectionId == 66);
        helped.fromConnection66 = 5;

        helped.runBatch(12, helped.inputs::awaitHelperAppend);

        assertEquals("the sink failed for connection 66", helped.handler.failure.getMessage());
        assertEquals(first + 5, helped.handler.ringSequence);
        assertEquals(first + 11, helped.sink.responses().size(), "the other answers of the batch");
        assertEquals(RecordingSink.END_OF_BATCH, helped.sink.calls().get(helped.sink.calls().size() - 1));
    }

    @Test
    void theStagesShutdownEndsTheHelpersThread() throws Exception
    {
        final Harness helped = new Harness(MIN_BATCH, this::newHelperThread);
        helped.sustainLoad();
        helped.runBatch(10, helped.inputs::awaitHelperAppend);
        final Thread helper = helperThreads.get(0);
        assertTrue(helper.isAlive());

        started.remove(helped.stage);
        helped.stage.onShutdown();

        assertFalse(helper.isAlive(), "the helper's thread outlived the stage");
        assertEquals(1, helped.inputs.recording.shutdowns());
    }

    @Test
    void theHelpersThresholdIsZeroForNoneOrAtLeastTwo()
    {
        final int payload = PipelineConfig.DEFAULT_PAYLOAD_CAPACITY;
        assertEquals(0, new PipelineConfig(64, payload, WaitStrategies.BLOCKING, PipelineConfig.INLINE, 0)
            .journalHelperBatch());
        assertEquals(2, new PipelineConfig(64, payload, WaitStrategies.BLOCKING, PipelineConfig.INLINE, 2)
            .journalHelperBatch());
        assertEquals(PipelineConfig.DEFAULT_JOURNAL_HELPER_BATCH,
            new PipelineConfig(64, payload, WaitStrategies.BLOCKING, PipelineConfig.INLINE).journalHelperBatch());
        for (final int refused : new int[] {1, -1, PipelineConfig.MAX_JOURNAL_HELPER_BATCH + 1})
        {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PipelineConfig(64, payload, WaitStrategies.BLOCKING, PipelineConfig.INLINE, refused));
            assertEquals("journal helper batch must be 0 (no helper) or 2.." + PipelineConfig.MAX_JOURNAL_HELPER_BATCH +
                ": " + refused, e.getMessage());
        }
    }

    private static void assertJournaledInOrder(final Harness harness, final int count)
    {
        final List<RecordingInputJournal.Input> inputs = harness.inputs.recording.inputs();
        final List<RecordingOutcomeJournal.Outcome> outcomes = harness.outcomes.recording.outcomes();
        assertEquals(count, inputs.size());
        assertEquals(count, outcomes.size());
        for (int i = 0; i < count; i++)
        {
            assertEquals(i, inputs.get(i).sequence());
            assertEquals(i, outcomes.get(i).sequence());
        }
        assertEquals(count, harness.sink.responses().size());
    }

    private static void assertSameDecisionsAndAnswers(final Harness expected, final Harness actual)
    {
        final List<RecordingOutcomeJournal.Outcome> want = expected.outcomes.recording.outcomes();
        final List<RecordingOutcomeJournal.Outcome> got = actual.outcomes.recording.outcomes();
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++)
        {
            assertEquals(want.get(i).responseCode(), got.get(i).responseCode(), "response code of " + i);
            assertEquals(want.get(i).authorizationId(), got.get(i).authorizationId(), "authorization of " + i);
            assertArrayEquals(want.get(i).response(), got.get(i).response(), "journaled answer of " + i);
            assertArrayEquals(expected.sink.responses().get(i).bytes(), actual.sink.responses().get(i).bytes(),
                "answer " + i);
        }
    }

    private Thread newHelperThread(final Runnable helper)
    {
        final Thread thread = JournalHelper.daemonThread(helper);
        helperThreads.add(thread);
        return thread;
    }

    /** A helper thread that does not run until the test lets it. */
    private Thread newLateHelperThread(final Runnable helper)
    {
        return newHelperThread(() ->
        {
            awaitUninterruptibly(helperMayRun);
            helper.run();
        });
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        try
        {
            assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** One stage, its ring, journals, sink and handler; the test's thread consumes. */
    private final class Harness
    {
        final RingBuffer<TransactionEvent> ring = RingBuffer.createMultiProducer(
            () -> new TransactionEvent(PipelineConfig.DEFAULT_PAYLOAD_CAPACITY), 1024, new BusySpinWaitStrategy());
        final WatchedInputs inputs = new WatchedInputs();
        final WatchedOutcomes outcomes = new WatchedOutcomes();
        final RecordingSink sink = new RecordingSink(inputs.recording, outcomes.recording);
        final RecordingHandler handler = new RecordingHandler();
        final SingleThreadStage stage;
        /** Null without one. */
        final JournalHelper helper;
        private int stan;
        /** The index in the next batch whose request comes from connection 66, -1 for none. */
        int fromConnection66 = -1;

        Harness(final int minBatch, final ThreadFactory helperThreads)
        {
            final ResponderStage responder = new ResponderStage(outcomes, sink, PipelineMetrics.NONE);
            stage = new SingleThreadStage(inputs, InlinePipelineTest.provisionedAuthorizer(), responder, handler);
            stage.ring(ring);
            helper = minBatch > 0 ? new JournalHelper(ring, inputs, responder, helperThreads) : null;
            if (helper != null)
            {
                stage.helper(helper, minBatch);
            }
            stage.onStart();
            started.add(stage);
        }

        /**
         * Runs the large batches in a row after which the next large one is offered to the helper; they are
         * journaled by the stage. Forgets which threads appended them.
         *
         * @return the ring sequence of the next event.
         */
        long sustainLoad()
        {
            for (int i = 1; i < SingleThreadStage.HELPER_AFTER_LARGE_BATCHES; i++)
            {
                runBatch(MIN_BATCH, () -> { });
            }
            inputs.appendThreads.clear();
            outcomes.appendThreads.clear();
            return ring.getCursor() + 1;
        }

        /** Publishes {@code size} purchases and hands them to the stage as one batch; runs {@code beforeLast} before the last. */
        void runBatch(final int size, final Runnable beforeLast)
        {
            final long first = ring.getCursor() + 1;
            for (int i = 0; i < size; i++)
            {
                final long claimed = ring.next();
                final byte[] request = TestRequest.purchase(200, InlinePipelineTest.FUNDED, 100, ++stan).bytes();
                final TransactionEvent slot = ring.get(claimed);
                System.arraycopy(request, 0, slot.payloadArray(), 0, request.length);
                slot.input(claimed, EventKind.REQUEST, TestRequest.NOW_EPOCH_NANOS, i == fromConnection66 ? 66 : 1,
                    request.length);
                ring.publish(claimed);
            }
            final long last = first + size - 1;
            stage.onBatchStart(size, size);
            for (long sequence = first; sequence <= last; sequence++)
            {
                if (sequence == last)
                {
                    beforeLast.run();
                }
                stage.onEvent(ring.get(sequence), sequence, sequence == last);
            }
        }
    }

    /** Records which threads appended, can fail one sequence, and tells when the helper's thread first appends. */
    private static final class WatchedInputs implements InputJournal
    {
        final RecordingInputJournal recording = new RecordingInputJournal();
        final Set<String> appendThreads = ConcurrentHashMap.newKeySet();
        private final CountDownLatch helperAppended = new CountDownLatch(1);
        private volatile long failAt = -1;

        void failAt(final long sequence)
        {
            failAt = sequence;
        }

        /** Waits until the helper has taken a batch: it appends only what it took. */
        void awaitHelperAppend()
        {
            awaitUninterruptibly(helperAppended);
        }

        @Override
        public void onStart()
        {
            recording.onStart();
        }

        @Override
        public void append(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
            final DirectBuffer payload, final int offset, final int length)
        {
            final String thread = Thread.currentThread().getName();
            appendThreads.add(thread);
            if (JournalHelper.THREAD_NAME.equals(thread))
            {
                helperAppended.countDown();
            }
            if (sequence == failAt)
            {
                failAt = -1;
                throw new IllegalStateException("disk full at " + sequence);
            }
            recording.append(sequence, kind, ingressEpochNanos, connectionId, payload, offset, length);
        }

        @Override
        public void endOfBatch()
        {
            recording.endOfBatch();
        }

        @Override
        public void onShutdown()
        {
            recording.onShutdown();
        }
    }

    private static final class WatchedOutcomes implements OutcomeJournal
    {
        final RecordingOutcomeJournal recording = new RecordingOutcomeJournal();
        final Set<String> appendThreads = ConcurrentHashMap.newKeySet();

        @Override
        public void onStart()
        {
            recording.onStart();
        }

        @Override
        public void append(final long sequence, final Decision decision, final DirectBuffer response, final int offset,
            final int length)
        {
            appendThreads.add(Thread.currentThread().getName());
            recording.append(sequence, decision, response, offset, length);
        }

        @Override
        public void endOfBatch()
        {
            recording.endOfBatch();
        }

        @Override
        public void onShutdown()
        {
            recording.onShutdown();
        }
    }

    /** Keeps the last failure; throws to stop the stage when {@link #fatal}, as the switch's handler does. */
    private static final class RecordingHandler implements ExceptionHandler<TransactionEvent>
    {
        volatile boolean fatal;
        volatile Throwable failure;
        volatile long ringSequence = -1;

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TransactionEvent event)
        {
            failure = ex;
            ringSequence = sequence;
            if (fatal)
            {
                throw new IllegalStateException("stage stopped", ex);
            }
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failure = ex;
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            failure = ex;
        }
    }
}
