package dev.junction.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every JMH benchmark runs one short iteration in the test suite, so none of them rots; the numbers
 * are not judged here (BENCHMARKS.md holds the measured ones).
 */
class JmhSmokeTest
{
    private static final Set<String> BENCHMARKS = Set.of(
        "CodecBenchmark.decode", "CodecBenchmark.encode", "CodecBenchmark.decodeAndEncode",
        "AuthorizerBenchmark.authorize", "AuthorizerBenchmark.authorizeBatch",
        "JournalBenchmark.appendInput", "JournalBenchmark.appendInputAndOutcome",
        "PipelineBenchmark.publishAndProcess", "ReplayBenchmark.recover", "ReplayBenchmark.readInputs");

    @Test
    void everyBenchmarkRunsOneShortIterationAndScores() throws Exception
    {
        // JMH refuses to run while another JMH holds /tmp/jmh.lock (someone benchmarking on the same machine);
        // this in-process smoke run measures nothing, so it need not wait for them.
        System.setProperty("jmh.ignoreLock", "true");
        final Options options = new OptionsBuilder()
            .include("dev\\.junction\\.benchmarks\\..*Benchmark")
            .param("waitStrategy", "blocking")
            .param("journalHelperBatch", "16")
            .param("requests", "20000")
            .param("cards", "1000")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .shouldFailOnError(true)
            .build();

        final Collection<RunResult> results = new Runner(options).run();

        final Set<String> ran = new TreeSet<>();
        for (final RunResult result : results)
        {
            final String label = result.getParams().getBenchmark().replace("dev.junction.benchmarks.", "");
            ran.add(label);
            assertTrue(result.getPrimaryResult().getScore() > 0, label + " scored nothing");
        }
        assertEquals(new TreeSet<>(BENCHMARKS), ran);
    }
}
