package dev.junction.network.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import dev.junction.core.auth.ResponseCodes;
import org.junit.jupiter.api.Test;

/** Counting answers and recording their latency: exact counts, bounded labels, and no allocation. */
class AnswerMetricsTest
{
    /**
     * What a million answers may allocate on the recording thread, in all: a fixed amount that does not
     * grow with the answers (about 1.6 KB measured on OpenJDK 17, from the measurement and the JIT's
     * transitions), while one object per answer would be at least 16 MB, so any per-answer allocation
     * fails this by three orders of magnitude.
     */
    private static final long ALLOCATION_BOUND_BYTES = 16 * 1024;
    private static final int ANSWERS = 1_000_000;

    private long now = 5_000_000_000L;

    @Test
    void requestsAndAnswersAreCountedByMessageClassAndCode()
    {
        final AnswerMetrics metrics = new AnswerMetrics(() -> now);
        for (int i = 0; i < 10; i++)
        {
            metrics.onAnswer(100, ResponseCodes.APPROVED, now - 30_000);
        }
        metrics.onAnswer(100, ResponseCodes.INSUFFICIENT_FUNDS, now - 1_000_000);
        metrics.onAnswer(200, ResponseCodes.EXPIRED_CARD, now - 2_000);
        metrics.onAnswer(300, ResponseCodes.INVALID_TRANSACTION, now - 2_000);
        metrics.onAnswer(-1, ResponseCodes.FORMAT_ERROR, now - 2_000);
        metrics.onAnswer(110, ResponseCodes.NONE, now - 2_000);

        final MetricsRegistry registry = new MetricsRegistry();
        registry.answers(metrics);
        final PrometheusScrape scrape = new PrometheusScrape(registry.scrape());

        assertEquals(11, scrape.count("junction_requests_total{mti=\"0100\"}"));
        assertEquals(1, scrape.count("junction_requests_total{mti=\"0200\"}"));
        assertEquals(3, scrape.count("junction_requests_total{mti=\"other\"}"), "0300, undecodable, and a 0110");
        assertEquals(0, scrape.count("junction_requests_total{mti=\"0800\"}"));
        assertEquals(10, scrape.count("junction_answers_total{mti=\"0100\",code=\"00\"}"));
        assertEquals(1, scrape.count("junction_answers_total{mti=\"0100\",code=\"51\"}"));
        assertEquals(1, scrape.count("junction_answers_total{mti=\"0200\",code=\"54\"}"));
        assertEquals(1, scrape.count("junction_answers_total{mti=\"other\",code=\"12\"}"));
        assertEquals(1, scrape.count("junction_answers_total{mti=\"other\",code=\"30\"}"));
        assertEquals(5, scrape.samples.keySet().stream().filter(key -> key.startsWith("junction_answers_total")).count(),
            "a request with no answer is no answer, and codes never seen make no series");
        assertEquals(14, scrape.count("junction_answer_latency_seconds_count"), "every answer, not the unanswered 0110");
        assertEquals((10 * 30_000 + 1_000_000 + 3 * 2_000) / 1e9, scrape.value("junction_answer_latency_seconds_sum"), 1e-12);
        assertEquals(30e-6, scrape.value("junction_answer_latency_seconds{quantile=\"0.5\"}"), 0.03e-6);
        assertEquals(1e-3, scrape.value("junction_answer_latency_seconds_max"), 0.001e-3);
        assertEquals("summary", scrape.types.get("junction_answer_latency_seconds"));
    }

    @Test
    void theLatencySummaryCoversTheWholeRunAcrossScrapes()
    {
        final AnswerMetrics metrics = new AnswerMetrics(() -> now);
        final MetricsRegistry registry = new MetricsRegistry();
        registry.answers(metrics);
        assertTrue(Double.isNaN(new PrometheusScrape(registry.scrape()).value(
            "junction_answer_latency_seconds{quantile=\"0.99\"}")), "no answers yet: NaN, as Prometheus expects");

        metrics.onAnswer(100, ResponseCodes.APPROVED, now - 40_000);
        registry.scrape();
        metrics.onAnswer(100, ResponseCodes.APPROVED, now - 40_000);

        final PrometheusScrape scrape = new PrometheusScrape(registry.scrape());
        assertEquals(2, scrape.count("junction_answer_latency_seconds_count"));
        assertEquals(40e-6, scrape.value("junction_answer_latency_seconds{quantile=\"0.999\"}"), 0.04e-6,
            "the first answer still counts after a scrape");
    }

    @Test
    void aLatencyBeyondTheHistogramIsRecordedAsItsHighestValue()
    {
        final AnswerMetrics metrics = new AnswerMetrics(() -> now);
        metrics.onAnswer(100, ResponseCodes.APPROVED, now - 10 * AnswerMetrics.HIGHEST_TRACKABLE_NANOS);
        metrics.onAnswer(100, ResponseCodes.APPROVED, now + 1_000);
        final MetricsRegistry registry = new MetricsRegistry();
        registry.answers(metrics);
        final PrometheusScrape scrape = new PrometheusScrape(registry.scrape());
        assertEquals(60.0, scrape.value("junction_answer_latency_seconds_max"), 0.1);
        assertEquals(2, scrape.count("junction_answer_latency_seconds_count"));
    }

    @Test
    void recordingAMillionAnswersAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        final long[] clock = {1_000_000_000L};
        final AnswerMetrics metrics = new AnswerMetrics(() -> clock[0]);
        final int[] mtis = {100, 200, 220, 400, 800, 300, -1};
        final int[] codes = {0, 51, 54, 91, 12, ResponseCodes.NONE};
        record(metrics, clock, mtis, codes, ANSWERS / 5);   // warm up: let the JIT compile the path

        final long before = threads.getCurrentThreadAllocatedBytes();
        record(metrics, clock, mtis, codes, ANSWERS);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated <= ALLOCATION_BOUND_BYTES, "recording " + ANSWERS + " answers allocated " + allocated +
            " bytes");
        final int cycle = mtis.length * codes.length;
        assertEquals((ANSWERS / 5 + cycle - 1) / cycle + (ANSWERS + cycle - 1) / cycle, metrics.answers(100, 0),
            "every 0100 approval was counted");
    }

    private static void record(final AnswerMetrics metrics, final long[] clock, final int[] mtis, final int[] codes,
        final int answers)
    {
        for (int i = 0; i < answers; i++)
        {
            clock[0] += 1_000;
            metrics.onAnswer(mtis[i % mtis.length], codes[i % codes.length], clock[0] - 20_000 - (i & 0xFFFF));
        }
    }
}
