package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.lmax.disruptor.ExceptionHandler;
import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The responder tells the metrics of every request it finishes, once, in ring order, after the answer
 * was handed to the sink, with the request's MTI, the code answered and the ingress stamp; admin events
 * are not requests and are not reported.
 */
@Timeout(20)
class PipelineMetricsTest
{
    private static final String FUNDED = "4000000000000069";
    private static final String LOST = "4000000000000010";

    /** What the metrics saw: MTI, code, ingress stamp, and how many answers the sink held at the time. */
    private record Reported(int mti, int code, long ingressEpochNanos, int answersHandedOver)
    {
    }

    @Test
    void everyFinishedRequestIsReportedAfterItsAnswerWasHandedOver() throws InterruptedException
    {
        final RecordingInputJournal inputs = new RecordingInputJournal();
        final RecordingOutcomeJournal outcomes = new RecordingOutcomeJournal();
        final RecordingSink sink = new RecordingSink(inputs, outcomes);
        final List<Reported> reported = new CopyOnWriteArrayList<>();
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final Pipeline pipeline = new Pipeline(new PipelineConfig(64, PipelineConfig.DEFAULT_PAYLOAD_CAPACITY,
            WaitStrategies.BLOCKING), new Authorizer(new AuthorizerConfig(16, 16)), inputs, outcomes, sink, 0,
            new Failures(failures),
            (mti, code, ingress) -> reported.add(new Reported(mti, code, ingress, sink.responses().size())));
        pipeline.start();
        try
        {
            final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
            publish(pipeline, EventKind.ADMIN, 1, record,
                AdminRecords.writeAccount(record, 0, new AccountRecord(1, 840, 1_000_000, 0)));
            publish(pipeline, EventKind.ADMIN, 2, record,
                AdminRecords.writeCard(record, 0, new CardRecord(FUNDED, 1, 3012, CardStatus.ACTIVE)));
            publish(pipeline, EventKind.ADMIN, 3, record,
                AdminRecords.writeCard(record, 0, new CardRecord(LOST, 1, 3012, CardStatus.LOST)));
            final long now = TestRequest.NOW_EPOCH_NANOS;
            request(pipeline, now + 10, TestRequest.purchase(100, FUNDED, 500, 1).bytes());
            request(pipeline, now + 20, TestRequest.purchase(200, LOST, 500, 2).bytes());
            final long last = request(pipeline, now + 30, TestRequest.purchase(110, FUNDED, 500, 3).bytes());

            assertTrue(pipeline.awaitProcessed(last, 10_000));

            assertEquals(List.of(
                new Reported(100, ResponseCodes.APPROVED, now + 10, 1),
                new Reported(200, ResponseCodes.LOST_CARD, now + 20, 2),
                new Reported(110, ResponseCodes.NONE, now + 30, 3)), reported);
            assertEquals(List.of(), failures);
            assertEquals(pipeline.processedRingSequence(), pipeline.journaledRingSequence(),
                "the journal stage's position is readable, and never behind the responder's");
        }
        finally
        {
            pipeline.shutdown(10_000);
        }
    }

    private static void publish(final Pipeline pipeline, final byte kind, final long ingress, final UnsafeBuffer record,
        final int length)
    {
        pipeline.publishBlocking(kind, ingress, 0, record, 0, length);
    }

    private static long request(final Pipeline pipeline, final long ingress, final byte[] bytes)
    {
        return pipeline.publishBlocking(EventKind.REQUEST, ingress, 7, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static final class Failures implements ExceptionHandler<TransactionEvent>
    {
        private final List<Throwable> failures;

        Failures(final List<Throwable> failures)
        {
            this.failures = failures;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TransactionEvent event)
        {
            failures.add(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failures.add(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            failures.add(ex);
        }
    }
}
