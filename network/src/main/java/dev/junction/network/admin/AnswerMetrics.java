package dev.junction.network.admin;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import dev.junction.core.pipeline.PipelineMetrics;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Counts the requests the responder finishes by message class and response code, and records each
 * answer's latency, from the ingress stamp to the moment the answer was handed to its connection.
 * <p>
 * The responder thread is the only writer: counters live in one preallocated array written with ordered
 * stores ({@code lazySet}), latencies go to an HdrHistogram {@link SingleWriterRecorder}, so recording
 * allocates nothing, takes no lock and never waits for a scrape. The scrape (any thread) reads the
 * counters and folds the recorder's interval histograms into one histogram of the whole run.
 */
public final class AnswerMetrics implements PipelineMetrics
{
    /**
     * The request classes counted under their own label; every other MTI, and a request whose MTI did
     * not decode, is counted as {@code other}. A fixed list keeps the label set bounded whatever a peer
     * sends.
     */
    static final int[] REQUEST_CLASSES = {100, 200, 220, 400, 401, 420, 421, 800};
    static final String OTHER_CLASS = "other";
    /** Latencies above this are recorded as this (a minute: far beyond any answer's useful life). */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Three significant digits: quantiles within 0.1 %. */
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int MTI_VALUES = 10_000;
    private static final int OTHER = REQUEST_CLASSES.length;
    private static final int CLASSES = REQUEST_CLASSES.length + 1;
    /** Codes 00 to 99, and one slot for a request that got no answer. */
    private static final int CODE_SLOTS = 101;
    private static final int NO_ANSWER = 100;
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;
    private static final byte[] CLASS_OF_MTI = classOfMti();

    private final LongSupplier epochNanos;
    private final AtomicLongArray counts = new AtomicLongArray(CLASSES * CODE_SLOTS);
    private final AtomicLong latencyCount = new AtomicLong();
    private final AtomicLong latencySumNanos = new AtomicLong();
    private final SingleWriterRecorder recorder =
        new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    /** Guarded by this: only scrapes touch them. */
    private final Histogram wholeRun = new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private Histogram interval;

    /**
     * @param epochNanos the clock the ingress stamps come from (the switch's {@code IngressClock}), so that
     *                   "now" minus the stamp is a latency and not a difference of two clocks.
     */
    public AnswerMetrics(final LongSupplier epochNanos)
    {
        this.epochNanos = epochNanos;
    }

    @Override
    public void onAnswer(final int requestMti, final int responseCode, final long ingressEpochNanos)
    {
        final int requestClass = requestMti >= 0 && requestMti < MTI_VALUES ? CLASS_OF_MTI[requestMti] : OTHER;
        final boolean answered = responseCode >= 0 && responseCode < NO_ANSWER;
        final int index = requestClass * CODE_SLOTS + (answered ? responseCode : NO_ANSWER);
        counts.lazySet(index, counts.get(index) + 1);
        if (answered)
        {
            final long latencyNanos = Math.max(0, Math.min(HIGHEST_TRACKABLE_NANOS,
                epochNanos.getAsLong() - ingressEpochNanos));
            recorder.recordValue(latencyNanos);
            latencyCount.lazySet(latencyCount.get() + 1);
            latencySumNanos.lazySet(latencySumNanos.get() + latencyNanos);
        }
    }

    /** @return how many requests of this class (e.g. 100) were answered with this code, for tests. */
    long answers(final int requestMti, final int responseCode)
    {
        return counts.get(CLASS_OF_MTI[requestMti] * CODE_SLOTS + responseCode);
    }

    void writeTo(final PrometheusText text)
    {
        text.family("junction_requests_total", "counter",
            "Requests the switch finished, by request message class (other: any MTI not listed, or undecodable).");
        for (int requestClass = 0; requestClass < CLASSES; requestClass++)
        {
            long requests = 0;
            for (int slot = 0; slot < CODE_SLOTS; slot++)
            {
                requests += counts.get(requestClass * CODE_SLOTS + slot);
            }
            text.sample("junction_requests_total", requests, "mti", className(requestClass));
        }
        text.family("junction_answers_total", "counter",
            "Answers sent by the responder, by request message class and field 39 response code. The 91s " +
                "answered at once for a full ring are junction_ring_full_rejects_total.");
        for (int requestClass = 0; requestClass < CLASSES; requestClass++)
        {
            for (int code = 0; code < NO_ANSWER; code++)
            {
                final long answers = counts.get(requestClass * CODE_SLOTS + code);
                if (answers > 0)
                {
                    text.sample("junction_answers_total", answers, "mti", className(requestClass),
                        "code", code < 10 ? "0" + code : Integer.toString(code));
                }
            }
        }
        writeLatency(text);
    }

    private synchronized void writeLatency(final PrometheusText text)
    {
        interval = interval == null ? recorder.getIntervalHistogram() : recorder.getIntervalHistogram(interval);
        wholeRun.add(interval);
        final long count = latencyCount.get();
        final long sumNanos = latencySumNanos.get();
        text.family("junction_answer_latency_seconds", "summary",
            "Answer latency since start, from the ingress stamp to the answer handed to its connection " +
                "(HdrHistogram, 3 significant digits).");
        for (final double quantile : QUANTILES)
        {
            text.sample("junction_answer_latency_seconds", wholeRun.getTotalCount() == 0 ? Double.NaN :
                wholeRun.getValueAtPercentile(quantile * 100) / NANOS_PER_SECOND, "quantile", Double.toString(quantile));
        }
        text.sample("junction_answer_latency_seconds_sum", sumNanos / NANOS_PER_SECOND);
        text.sample("junction_answer_latency_seconds_count", count);
        text.family("junction_answer_latency_seconds_max", "gauge", "Highest answer latency since start.");
        text.sample("junction_answer_latency_seconds_max", wholeRun.getMaxValue() / NANOS_PER_SECOND);
    }

    private static String className(final int requestClass)
    {
        if (requestClass == OTHER)
        {
            return OTHER_CLASS;
        }
        final int mti = REQUEST_CLASSES[requestClass];
        return String.format("%04d", mti);
    }

    private static byte[] classOfMti()
    {
        final byte[] classes = new byte[MTI_VALUES];
        Arrays.fill(classes, (byte)OTHER);
        for (int i = 0; i < REQUEST_CLASSES.length; i++)
        {
            classes[REQUEST_CLASSES[i]] = (byte)i;
        }
        return classes;
    }
}
