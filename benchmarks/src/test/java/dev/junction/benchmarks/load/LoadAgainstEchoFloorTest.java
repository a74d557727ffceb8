package dev.junction.benchmarks.load;

import java.nio.file.Path;

import dev.junction.benchmarks.floor.EchoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load generator against the echo floor, which answers each frame with itself. */
class LoadAgainstEchoFloorTest
{
    private static EchoServer floor;
    private static int port;

    @BeforeAll
    static void start()
    {
        floor = new EchoServer("127.0.0.1", 0, 1, "auto");
        port = floor.start().getPort();
    }

    @AfterAll
    static void stop()
    {
        floor.close();
    }

    private static LoadConfig config()
    {
        return LoadConfig.defaults("127.0.0.1", port).withConnections(2).withExpectEcho(true)
            .withMix("auth=40,purchase=20,echo=10,reversal=10,refund=10,inquiry=10").withTiming(2_000, 500, 5_000);
    }

    @Test
    void openLoopMatchesEveryEchoByItsOwnMtiAndStan(@TempDir final Path out) throws Exception
    {
        final LoadResult result = Runs.run(config().withRate(2_000));

        Runs.assertClean(result);
        assertEquals(java.util.Map.of("none", result.responseCodes().byCode("auth").get("none")),
            result.responseCodes().byCode("auth"), "an echo carries no field 39");
        Runs.assertFilesWritten(result, out);
    }

    @Test
    void saturatingModeGetsEveryEcho(@TempDir final Path out) throws Exception
    {
        final LoadResult result = Runs.run(config().withRate(0));

        Runs.assertClean(result);
        Runs.assertFilesWritten(result, out);
    }

    @Test
    void withoutExpectEchoAnEchoedRequestIsUnmatchedBecauseItsMtiDoesNotPair() throws Exception
    {
        final LoadResult result = Runs.run(config().withExpectEcho(false).withRate(500).withTiming(1_000, 0, 300));

        assertTrue(result.sent() > 0);
        assertEquals(result.sent(), result.unmatched(), "every echo is an answer whose MTI does not pair");
        assertEquals(0, result.answered());
        assertEquals(result.sent(), result.missing(), "so no request got its answer");
        assertEquals(1, result.exitCode());
    }

    @Test
    void theLoadThreadAllocatesNothingPerRequestInSteadyState() throws Exception
    {
        final LoadResult result = Runs.run(config().withRate(0).withTiming(2_000, 1_000, 5_000));

        Runs.assertClean(result);
        assertTrue(result.steadyOperations() > 10_000, "enough traffic to see a per-request allocation: "
            + result.steadyOperations());
        assertTrue(result.steadyAllocatedBytes() >= 0, "this JVM measures thread allocation");
        // One allocation per request would be at least 16 bytes each; allow a few hundred bytes in all.
        final double bytesEach = (double)result.steadyAllocatedBytes() / result.steadyOperations();
        System.out.printf("load thread allocated %,d bytes over %,d requests and answers: %.4f bytes each%n",
            result.steadyAllocatedBytes(), result.steadyOperations(), bytesEach);
        assertTrue(bytesEach < 0.5, "allocated " + result.steadyAllocatedBytes() + " bytes over "
            + result.steadyOperations() + " requests and answers");
    }
}
