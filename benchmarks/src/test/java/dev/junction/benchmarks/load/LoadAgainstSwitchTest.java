package dev.junction.benchmarks.load;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load generator against a real Junction switch started in this JVM. */
class LoadAgainstSwitchTest
{
    private static final String EVERY_KIND = "auth=40,purchase=20,echo=10,reversal=10,refund=10,inquiry=10";

    @TempDir
    static Path dir;
    private static SwitchForTest junction;

    @BeforeAll
    static void start() throws Exception
    {
        junction = new SwitchForTest(dir);
    }

    @AfterAll
    static void stop()
    {
        junction.close();
        assertNull(junction.fatal.get(), "the switch reported a fatal error");
    }

    private static LoadConfig config()
    {
        return LoadConfig.defaults("127.0.0.1", junction.port()).withConnections(2).withCards(SwitchForTest.CARDS, false)
            .withMix(EVERY_KIND).withTiming(2_000, 500, 5_000);
    }

    @Test
    void openLoopAnswersEveryRequestWithTheCodeItsKindGetsToday(@TempDir final Path out) throws Exception
    {
        final LoadResult result = Runs.run(config().withRate(2_000));

        Runs.assertClean(result);
        assertOnly("00", result, "auth");
        assertOnly("00", result, "purchase");
        assertOnly("00", result, "echo");
        // Reversals, refunds and inquiries are sent as acquirers send them; the switch answers them 12 for now.
        assertOnly("12", result, "reversal");
        assertOnly("12", result, "refund");
        assertOnly("12", result, "inquiry");
        assertTrue(result.sent() >= 4_500, "2,000/s for 2.5 s: " + result.sent());
        Runs.assertFilesWritten(result, out);
    }

    // TODO(issue 5): enable once the switch stops stalling connections under saturating load. In about one run
    // in three a connection's last 32 requests are never answered: the generator wrote them all, both sockets'
    // queues are empty (ss), the ring's consumers are idle (jstack), and the connection stays open; so the
    // switch holds them unprocessed or holds their answers. Found by this test; reported with the load generator.
    @Disabled("the switch intermittently stalls a connection under saturating load (issue 5); see the comment")
    @Test
    void saturatingModeKeepsEveryConnectionFullAndGetsEveryAnswer(@TempDir final Path out) throws Exception
    {
        final LoadResult result = Runs.run(config().withRate(0).withInFlight(32));

        Runs.assertClean(result);
        assertOnly("00", result, "auth");
        assertOnly("12", result, "reversal");
        assertEquals(0, result.backlogged(), "saturating mode has no schedule to fall behind");
        Runs.assertFilesWritten(result, out);
    }

    @Test
    void theDeclineCardsDeclineWhenIncluded() throws Exception
    {
        final LoadResult result = Runs.run(config().withRate(1_000).withMix("auth=1").withCards(6, true)
            .withTiming(1_000, 0, 5_000));

        Runs.assertClean(result);
        final Map<String, Long> codes = result.responseCodes().byCode("auth");
        assertEquals(java.util.Set.of("00", "41", "43", "62", "54", "51"), codes.keySet(), codes.toString());
    }

    private static void assertOnly(final String code, final LoadResult result, final String kind)
    {
        final Map<String, Long> codes = result.responseCodes().byCode(kind);
        assertEquals(1, codes.size(), kind + " answered " + codes);
        assertTrue(codes.containsKey(code), kind + " answered " + codes + ", expected only " + code);
    }
}
