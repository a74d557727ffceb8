package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import com.lmax.disruptor.ExceptionHandler;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.Decision;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.iso.IsoMessage;
import dev.junction.core.pipeline.RecordingInputJournal.Input;
import dev.junction.core.pipeline.RecordingOutcomeJournal.Outcome;
import dev.junction.core.pipeline.RecordingSink.Response;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real ring with in-memory journals and sink: every request is journaled, authorized and answered
 * once, in order, on its connection, and no answer leaves before its input and outcome are journaled.
 * The timeout only keeps a pipeline that hangs from hanging the build.
 */
@Timeout(20)
class PipelineTest
{
    /** As after a restart: the journal already holds this many records. */
    private static final long FIRST_SEQUENCE = 1_000_000;
    private static final String FUNDED = "4000000000000069";
    private static final String LOST = "4000000000000010";
    private static final String UNKNOWN = "4999999999999999";
    private static final long WAIT_MILLIS = 10_000;

    private final RecordingInputJournal inputJournal = new RecordingInputJournal();
    private final RecordingOutcomeJournal outcomeJournal = new RecordingOutcomeJournal();
    private final RecordingSink sink = new RecordingSink(inputJournal, outcomeJournal);
    private final ConcurrentLinkedQueue<String> stageFailures = new ConcurrentLinkedQueue<>();
    private final Authorizer authorizer = new Authorizer(new AuthorizerConfig(16, 16));
    private final List<Long> requestSequences = new ArrayList<>();
    private Pipeline pipeline;

    @AfterEach
    void stop()
    {
        if (pipeline != null)
        {
            pipeline.shutdown(WAIT_MILLIS);
        }
    }

    @Test
    void everyRequestGetsExactlyOneResponseInRingOrderOnItsConnection() throws Exception
    {
        start(1024);
        final List<Long> connections = new ArrayList<>();
        for (int i = 0; i < 300; i++)
        {
            final long connectionId = 1 + (i * 7919L) % 13;
            connections.add(connectionId);
            publish(TestRequest.purchase(100, FUNDED, 1, i), connectionId);
        }
        drain();

        assertEquals(connections, sink.responses().stream().map(Response::connectionId).toList());
    }

    @Test
    void eachResponseDecodesToTheAnswerOfItsRequestEchoingItsStan() throws Exception
    {
        start(1024);
        publish(TestRequest.purchase(100, FUNDED, 2_500, 11), 1);
        publish(TestRequest.purchase(100, LOST, 2_500, 12), 1);
        publish(TestRequest.purchase(200, UNKNOWN, 2_500, 13), 2);
        publish(TestRequest.purchase(100, FUNDED, 1_000_000_000, 14), 2);
        publish(TestRequest.of(800).with(IsoFields.TRANSMISSION_DATE_TIME, "1121120000")
            .with(IsoFields.STAN, "000015").with(IsoFields.NETWORK_MGMT_CODE, "301"), 3);
        drain();

        final List<Response> responses = sink.responses();
        assertEquals(5, responses.size());
        assertAnswer(responses.get(0), 110, "00", 11);
        assertAnswer(responses.get(1), 110, "41", 12);
        assertAnswer(responses.get(2), 210, "14", 13);
        assertAnswer(responses.get(3), 110, "51", 14);
        assertAnswer(responses.get(4), 810, "00", 15);
    }

    @Test
    void aRequestThatIsItselfAResponseCompletesWithAnEmptyResponse() throws Exception
    {
        start(1024);
        publish(TestRequest.purchase(110, FUNDED, 1, 1), 5);
        publish(TestRequest.purchase(100, FUNDED, 1, 2), 5);
        drain();

        assertEquals(2, sink.responses().size());
        assertEquals(0, sink.responses().get(0).bytes().length);
        assertEquals(5, sink.responses().get(0).connectionId());
        assertAnswer(sink.responses().get(1), 110, "00", 2);
    }

    @Test
    void everyInputIsJournaledOnceWithDenseSequencesFromTheFirstSequence() throws Exception
    {
        start(1024);
        final List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            final byte[] bytes = TestRequest.purchase(100, FUNDED, 1, i).bytes();
            requests.add(bytes);
            publish(bytes, 100 + i);
        }
        drain();

        final List<Input> inputs = inputJournal.inputs();
        assertEquals(provisioned() + 50, inputs.size());
        for (int i = 0; i < inputs.size(); i++)
        {
            assertEquals(FIRST_SEQUENCE + i, inputs.get(i).sequence());
        }
        for (int i = 0; i < 50; i++)
        {
            final Input input = inputs.get(provisioned() + i);
            assertEquals(EventKind.REQUEST, input.kind());
            assertEquals(100 + i, input.connectionId());
            assertEquals(TestRequest.NOW_EPOCH_NANOS, input.ingressEpochNanos());
            assertArrayEquals(requests.get(i), input.payload());
        }
        assertEquals(1, inputJournal.starts());
    }

    @Test
    void everyOutcomeIsJournaledWithTheSequenceOfItsInputAndTheBytesTheSinkReceived() throws Exception
    {
        start(1024);
        for (int i = 0; i < 50; i++)
        {
            publish(TestRequest.purchase(100, i % 2 == 0 ? FUNDED : UNKNOWN, 1, i), 1);
        }
        drain();

        final List<Outcome> outcomes = outcomeJournal.outcomes();
        assertEquals(provisioned() + 50, outcomes.size());
        for (int i = 0; i < outcomes.size(); i++)
        {
            assertEquals(FIRST_SEQUENCE + i, outcomes.get(i).sequence());
        }
        for (int i = 0; i < provisioned(); i++)
        {
            assertEquals(Decision.ADMIN_CREATED, outcomes.get(i).adminResult());
            assertEquals(0, outcomes.get(i).response().length);
        }
        for (int i = 0; i < 50; i++)
        {
            final Outcome outcome = outcomes.get(provisioned() + i);
            assertEquals(i % 2 == 0 ? ResponseCodes.APPROVED : ResponseCodes.INVALID_CARD_NUMBER, outcome.responseCode());
            assertArrayEquals(sink.responses().get(i).bytes(), outcome.response());
        }
        assertEquals(1, outcomeJournal.starts());
    }

    @Test
    void noResponseReachesTheSinkBeforeItsInputAndItsOutcomeAreJournaled() throws Exception
    {
        start(1024);
        for (int i = 0; i < 500; i++)
        {
            publish(TestRequest.purchase(100, FUNDED, 1, i), 1);
        }
        drain();

        final List<Response> responses = sink.responses();
        assertEquals(500, responses.size());
        for (int i = 0; i < responses.size(); i++)
        {
            final long sequence = requestSequences.get(i);
            assertTrue(responses.get(i).inputJournaled() >= sequence, "input " + sequence + " not yet journaled");
            assertTrue(responses.get(i).outcomeJournaled() >= sequence, "outcome " + sequence + " not yet journaled");
        }
    }

    @Test
    void theSinksEndOfBatchFollowsEveryResponseOfItsBatch() throws Exception
    {
        start(1024);
        for (int i = 0; i < 200; i++)
        {
            publish(TestRequest.purchase(100, FUNDED, 1, i), 1);
        }
        drain();

        final List<Integer> calls = sink.calls();
        assertEquals(RecordingSink.END_OF_BATCH, calls.get(calls.size() - 1), "the last batch ends");
        int expectedResponse = 0;
        for (final int call : calls)
        {
            if (call != RecordingSink.END_OF_BATCH)
            {
                assertEquals(expectedResponse++, call);
            }
        }
        assertEquals(200, expectedResponse);
    }

    @Test
    void theOutcomeJournalEndsEachBatchBeforeTheSinkFlushesIt() throws Exception
    {
        start(1024);
        for (int i = 0; i < 200; i++)
        {
            publish(TestRequest.purchase(100, FUNDED, 1, i), 1);
        }
        drain();

        final List<Integer> outcomeBatches = sink.outcomeBatchesAtEndOfBatch();
        for (int batch = 0; batch < outcomeBatches.size(); batch++)
        {
            assertTrue(outcomeBatches.get(batch) > batch, "batch " + batch + " flushed before its outcomes were ended");
        }
        assertTrue(inputJournal.batches() >= 1);
    }

    @Test
    void tryClaimReturnsMinusOneWhenTheRingIsFullAndClaimsAgainOnceTheConsumersCatchUp() throws Exception
    {
        start(4);
        final CountDownLatch release = new CountDownLatch(1);
        sink.holdUntil(release);
        try
        {
            publish(TestRequest.purchase(100, FUNDED, 1, 1), 1);
            sink.awaitHeld();
            for (int i = 2; i <= 4; i++)
            {
                assertTrue(tryPublish(TestRequest.purchase(100, FUNDED, 1, i), 1) >= 0, "slot " + i + " is free");
            }

            assertEquals(0, pipeline.remainingCapacity());
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                assertEquals(-1, pipeline.tryClaim());
            }
        }
        finally
        {
            release.countDown();
        }
        drain();
        assertTrue(tryPublish(TestRequest.purchase(100, FUNDED, 1, 5), 1) >= 0);
        drain();

        assertEquals(5, sink.responses().size());
        assertEquals(provisioned() + 5, inputJournal.inputs().size());
    }

    @Test
    void aRefusedClaimTakesNoSequence() throws Exception
    {
        start(4);
        final CountDownLatch release = new CountDownLatch(1);
        sink.holdUntil(release);
        try
        {
            publish(TestRequest.purchase(100, FUNDED, 1, 1), 1);
            sink.awaitHeld();
            while (tryPublish(TestRequest.purchase(100, FUNDED, 1, 2), 1) >= 0)
            {
                // fill the ring
            }
            assertEquals(-1, pipeline.tryClaim());
        }
        finally
        {
            release.countDown();
        }
        drain();
        publish(TestRequest.purchase(100, FUNDED, 1, 3), 1);
        drain();

        final List<Input> inputs = inputJournal.inputs();
        for (int i = 0; i < inputs.size(); i++)
        {
            assertEquals(FIRST_SEQUENCE + i, inputs.get(i).sequence());
        }
    }

    @Test
    void shutdownReturnsOnlyAfterEverythingPublishedIsProcessed() throws Exception
    {
        start(1024);
        for (int i = 0; i < 500; i++)
        {
            publish(TestRequest.purchase(100, FUNDED, 1, i), 1);
        }

        assertTrue(pipeline.shutdown(WAIT_MILLIS));

        assertEquals(500, sink.responses().size());
        assertEquals(provisioned() + 500, inputJournal.inputs().size());
        assertEquals(provisioned() + 500, outcomeJournal.outcomes().size());
        assertEquals(pipeline.claimedRingSequence(), pipeline.processedRingSequence());
    }

    @Test
    void shutdownRightAfterStartStillProcessesEverythingPublished()
    {
        startWithoutWaiting(1024);
        publish(TestRequest.purchase(100, FUNDED, 1, 1), 1);

        assertTrue(pipeline.shutdown(WAIT_MILLIS));

        assertEquals(1, sink.responses().size());
        assertEquals(provisioned() + 1, outcomeJournal.outcomes().size());
    }

    @Test
    void shutdownReturnsOnlyAfterBothJournalsAreShutDown() throws Exception
    {
        start(1024);
        publish(TestRequest.purchase(100, FUNDED, 1, 1), 1);
        outcomeJournal.shutdownTakes(200);

        assertTrue(pipeline.shutdown(WAIT_MILLIS));

        // The server closes the journal's files next: its writers must be done with them.
        assertEquals(1, inputJournal.shutdowns());
        assertEquals(1, outcomeJournal.shutdowns());
    }

    @Test
    void anInputLargerThanASlotIsRefusedBeforeItTakesASequence() throws Exception
    {
        start(1024);
        final byte[] tooLarge = new byte[PipelineConfig.DEFAULT_PAYLOAD_CAPACITY + 1];

        assertThrows(IllegalArgumentException.class, () -> pipeline.publishBlocking(EventKind.ADMIN,
            TestRequest.NOW_EPOCH_NANOS, 0, new UnsafeBuffer(tooLarge), 0, tooLarge.length));

        publish(TestRequest.purchase(100, FUNDED, 1, 1), 1);
        drain();
        final List<Input> inputs = inputJournal.inputs();
        assertEquals(provisioned() + 1, inputs.size());
        for (int i = 0; i < inputs.size(); i++)
        {
            assertEquals(FIRST_SEQUENCE + i, inputs.get(i).sequence());
        }
    }

    @Test
    void aJournalStageThatThrowsReachesTheExceptionHandlerWithItsSequence() throws Exception
    {
        start(1024);
        inputJournal.failNextAppend(new IllegalStateException("disk full"));
        final long ringSequence = publish(TestRequest.purchase(100, FUNDED, 1, 1), 1);
        drain();

        assertEquals(List.of("IllegalStateException: disk full at " + ringSequence), List.copyOf(stageFailures));
    }

    @Test
    void aResponderStageThatThrowsReachesTheExceptionHandlerWithItsSequence() throws Exception
    {
        start(1024);
        sink.failFor(connectionId -> connectionId == 66);
        publish(TestRequest.purchase(100, FUNDED, 1, 1), 1);
        final long failing = publish(TestRequest.purchase(100, FUNDED, 1, 2), 66);
        publish(TestRequest.purchase(100, FUNDED, 1, 3), 1);
        drain();

        assertEquals(List.of("IllegalStateException: the sink failed for connection 66 at " + failing),
            List.copyOf(stageFailures));
    }

    @Test
    void theJournaledInputsReplayToTheLiveAuthorizersStateAndDecisions() throws Exception
    {
        start(1024);
        for (int i = 0; i < 100; i++)
        {
            publish(TestRequest.purchase(i % 3 == 0 ? 200 : 100, i % 5 == 0 ? LOST : FUNDED, 10_000 * i, i), 1);
        }
        assertTrue(pipeline.shutdown(WAIT_MILLIS));

        final Authorizer replayed = new Authorizer(new AuthorizerConfig(16, 16));
        final Replayer replayer = new Replayer(replayed);
        final List<Outcome> outcomes = outcomeJournal.outcomes();
        for (int i = 0; i < inputJournal.inputs().size(); i++)
        {
            final Input input = inputJournal.inputs().get(i);
            final Decision decision = replayer.apply(input.sequence(), input.kind(), input.ingressEpochNanos(),
                input.connectionId(), new UnsafeBuffer(input.payload()), 0, input.payload().length);
            assertEquals(outcomes.get(i).responseCode(), decision.responseCode(), "sequence " + input.sequence());
            assertEquals(outcomes.get(i).authorizationId(), decision.authorizationId(), "sequence " + input.sequence());
        }
        assertEquals(authorizer.digest(), replayed.digest());
    }

    /** The thread layout under test; {@link SingleThreadPipelineTest} and {@link InlinePipelineTest} run every test here on the others. */
    String threadLayout()
    {
        return PipelineConfig.PIPELINED;
    }

    /** What the layout under test needs done before {@link Pipeline#start} (the inline one: its executor). */
    void beforeStart(final Pipeline built)
    {
    }

    /** Starts a pipeline and provisions one account and two cards, waiting until they are applied. */
    private void start(final int ringSize) throws InterruptedException
    {
        startWithoutWaiting(ringSize);
        drain();
    }

    private void startWithoutWaiting(final int ringSize)
    {
        pipeline = new Pipeline(
            new PipelineConfig(ringSize, PipelineConfig.DEFAULT_PAYLOAD_CAPACITY, WaitStrategies.BLOCKING, threadLayout()),
            authorizer, inputJournal, outcomeJournal, sink, FIRST_SEQUENCE, new RecordingExceptionHandler());
        beforeStart(pipeline);
        pipeline.start();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        admin(record, AdminRecords.writeAccount(record, 0, new AccountRecord(1, 840, 1_000_000, 0)));
        admin(record, AdminRecords.writeCard(record, 0, new CardRecord(FUNDED, 1, 3012, CardStatus.ACTIVE)));
        admin(record, AdminRecords.writeCard(record, 0, new CardRecord(LOST, 1, 3012, CardStatus.LOST)));
    }

    /** The admin events {@link #start} publishes before any request. */
    private static int provisioned()
    {
        return 3;
    }

    private void admin(final UnsafeBuffer record, final int length)
    {
        pipeline.publishBlocking(EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, 0, record, 0, length);
    }

    private long publish(final TestRequest request, final long connectionId)
    {
        return publish(request.bytes(), connectionId);
    }

    /** Publishes a request as an event loop does, but waiting for space: claim, fill the slot, publish. */
    private long publish(final byte[] request, final long connectionId)
    {
        return fill(pipeline.claim(), request, connectionId);
    }

    /** Publishes a request exactly as an event loop does; returns -1 when the ring is full. */
    private long tryPublish(final TestRequest request, final long connectionId)
    {
        final long ringSequence = pipeline.tryClaim();
        return ringSequence < 0 ? -1 : fill(ringSequence, request.bytes(), connectionId);
    }

    private long fill(final long ringSequence, final byte[] request, final long connectionId)
    {
        final TransactionEvent slot = pipeline.slot(ringSequence);
        System.arraycopy(request, 0, slot.payloadArray(), 0, request.length);
        final long sequence = pipeline.journalSequence(ringSequence);
        slot.input(sequence, EventKind.REQUEST, TestRequest.NOW_EPOCH_NANOS, connectionId, request.length);
        pipeline.publish(ringSequence);
        requestSequences.add(sequence);
        return ringSequence;
    }

    private void drain() throws InterruptedException
    {
        assertTrue(pipeline.awaitProcessed(pipeline.claimedRingSequence(), WAIT_MILLIS), "the ring drains");
    }

    private static void assertAnswer(final Response response, final int mti, final String code, final int stan)
    {
        final IsoMessage message = new IsoMessage();
        assertEquals(IsoDecodeStatus.OK, message.wrap(new UnsafeBuffer(response.bytes()), 0, response.bytes().length));
        assertEquals(mti, message.mti());
        assertEquals(code.charAt(0), message.charAt(IsoFields.RESPONSE_CODE, 0));
        assertEquals(code.charAt(1), message.charAt(IsoFields.RESPONSE_CODE, 1));
        assertEquals(stan, message.numeric(IsoFields.STAN));
    }

    /** Records what reaches the pipeline's exception handler, from any stage thread. */
    private final class RecordingExceptionHandler implements ExceptionHandler<TransactionEvent>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TransactionEvent event)
        {
            stageFailures.add(ex.getClass().getSimpleName() + ": " + ex.getMessage() + " at " + sequence);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            stageFailures.add("start: " + ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            stageFailures.add("shutdown: " + ex);
        }
    }
}
