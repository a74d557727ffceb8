package dev.junction.benchmarks.load;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured and what went wrong, with the final report. Latencies are nanoseconds in
 * {@link #latencies()}; the report and the {@code .hgrm} file show microseconds.
 *
 * @param config               what was run.
 * @param latencies            intended send time to answer, for requests due after the warm-up.
 * @param clampedLatencies     latencies above the histogram's 60 s, recorded as 60 s.
 * @param responseCodes        field 39 of every matched answer, warm-up included, per request kind.
 * @param sent                 requests sent, warm-up included.
 * @param answered             answers matched to their request, warm-up included.
 * @param sentInWindow         requests sent during the measured run.
 * @param answeredInWindow     answers received during the measured run.
 * @param windowNanos          the measured run's length.
 * @param backlogged           open loop: requests that fell due while their connection had
 *                             {@code --in-flight} outstanding, so left late (timed from when due).
 * @param unsent               open loop: requests due before the end that could not be sent before
 *                             the grace period ran out.
 * @param missing              requests sent but never answered within the grace period.
 * @param unmatched            answers whose STAN was not outstanding on the connection, or whose MTI
 *                             did not pair with the request's.
 * @param malformed            answers that did not decode, lacked field 11, or (from a switch) lacked 39; with
 *                             a MAC key, also answers whose MAC was missing or did not verify.
 * @param connectionsLost      connections the peer closed or reset during the run.
 * @param steadyAllocatedBytes bytes the load thread allocated during the measured run; -1 if unknown.
 * @param steadyOperations     requests sent plus answers handled during the same span.
 */
public record LoadResult(
    LoadConfig config,
    Histogram latencies,
    long clampedLatencies,
    ResponseCodeCounts responseCodes,
    long sent,
    long answered,
    long sentInWindow,
    long answeredInWindow,
    long windowNanos,
    long backlogged,
    long unsent,
    long missing,
    long unmatched,
    long malformed,
    long connectionsLost,
    long steadyAllocatedBytes,
    long steadyOperations)
{
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    /** @return true when every request was sent and answered, and every answer matched. */
    public boolean isClean()
    {
        return unsent == 0 && missing == 0 && unmatched == 0 && malformed == 0 && connectionsLost == 0;
    }

    /** @return the CLI's exit status: 0 for a clean run, 1 otherwise. */
    public int exitCode()
    {
        return isClean() ? 0 : 1;
    }

    public double sendRatePerSecond()
    {
        return sentInWindow * 1e9 / windowNanos;
    }

    public double answerRatePerSecond()
    {
        return answeredInWindow * 1e9 / windowNanos;
    }

    /** Prints the final report: settings, percentile table, rates, response codes, errors, allocation. */
    public void print(final PrintStream out)
    {
        out.printf("%njunction load: %s:%d, %d connections, %s, in flight <= %d per connection%n",
            config.host(), config.port(), config.connections(),
            config.isSaturating() ? "saturating (closed loop)" : String.format("open loop at %,d/s", config.ratePerSecond()),
            config.inFlightPerConnection());
        out.printf("  mix %s, %,d cards%s, seed %d%s; %.1f s measured after %.1f s warm-up%n",
            config.mix(), config.cardCount(), config.includeDeclines() ? " (declines included)" : "", config.seed(),
            config.expectEcho() ? ", expecting echoes" : "", windowNanos / 1e9, config.warmupNanos() / 1e9);
        if (config.acquirer().signsOn())
        {
            out.printf("  signed on as %s%n", config.acquirer());
        }
        out.printf("%nlatency, %s to answer, microseconds (%,d answers measured):%n",
            config.isSaturating() ? "send" : "intended send time", latencies.getTotalCount());
        for (final double percentile : PERCENTILES)
        {
            out.printf("  %-7s %,12.1f%n", "p" + trim(percentile), latencies.getValueAtPercentile(percentile) / NANOS_PER_MICRO);
        }
        out.printf("  %-7s %,12.1f%n", "max", latencies.getMaxValue() / NANOS_PER_MICRO);
        if (clampedLatencies > 0)
        {
            out.printf("  (%,d latencies above 60 s recorded as 60 s)%n", clampedLatencies);
        }
        out.printf("%nrates over the measured run: sent %,.0f/s, answered %,.0f/s%n", sendRatePerSecond(), answerRatePerSecond());
        out.printf("requests: %,d sent, %,d answered (warm-up included)%n", sent, answered);
        out.printf("response codes (field 39):%n%s", responseCodes.describe());
        out.printf("problems:%n");
        out.printf("  backlogged        %,d (due while %d were in flight; sent late, timed from when due)%n",
            backlogged, config.inFlightPerConnection());
        out.printf("  never sent        %,d%n", unsent);
        out.printf("  never answered    %,d (after %.1f s grace)%n", missing, config.graceNanos() / 1e9);
        out.printf("  unmatched         %,d (STAN not outstanding, or MTI not paired)%n", unmatched);
        out.printf("  malformed         %,d%s%n", malformed,
            config.acquirer().macAlgorithm() == null ? "" : " (a missing or bad MAC counts here)");
        out.printf("  connections lost  %,d%n", connectionsLost);
        if (steadyAllocatedBytes >= 0)
        {
            out.printf("generator allocation: %,d bytes over %,d requests and answers in the measured run (%.3f bytes each)%n",
                steadyAllocatedBytes, steadyOperations, steadyOperations == 0 ? 0.0 : (double)steadyAllocatedBytes / steadyOperations);
        }
        out.printf("result: %s%n", isClean() ? "clean" : "FAILED: answers missing, unmatched or malformed");
        out.flush();
    }

    /** Writes the latency distribution in HdrHistogram's percentile format, values in microseconds. */
    public void writeHgrm(final Path file) throws IOException
    {
        try (OutputStream stream = Files.newOutputStream(file); PrintStream out = new PrintStream(stream, false, "US-ASCII"))
        {
            latencies.outputPercentileDistribution(out, NANOS_PER_MICRO);
        }
    }

    private static String trim(final double percentile)
    {
        return percentile == Math.rint(percentile) ? Long.toString((long)percentile) : Double.toString(percentile);
    }
}
