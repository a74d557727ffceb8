package dev.junction.benchmarks.load;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load generator against a real Junction switch started in this JVM. */
class LoadAgainstSwitchTest
{
    private static final int CONNECTIONS = 2;
    private static final String EVERY_KIND = "auth=40,purchase=20,echo=10,reversal=10,refund=10,inquiry=10";

    @TempDir
    static Path dir;
    private static SwitchForTest junction;

    @BeforeAll
    static void start() throws Exception
    {
        // Every test of this class drives one switch, and the saturating one approves as many authorizations as
        // the machine allows: their holds stay open (the default expiry is a week), so a table of the default
        // 131,072 filled on a fast run and the tests after it were answered 91. A million leaves room for
        // several times the saturating run on this machine (about 160,000 authorizations in 2.5 s here).
        junction = new SwitchForTest(dir, options -> options.transactionCapacity(1 << 20));
    }

    @AfterAll
    static void stop()
    {
        junction.close();
        assertNull(junction.fatal.get(), "the switch reported a fatal error");
    }

    private static LoadConfig config()
    {
        return LoadConfig.defaults("127.0.0.1", junction.port()).withConnections(CONNECTIONS).withCards(SwitchForTest.CARDS, false)
            .withMix(EVERY_KIND).withTiming(2_000, 500, 5_000);
    }

    @Test
    void openLoopAnswersEveryRequestWithTheCodeItsKindGets(@TempDir final Path out) throws Exception
    {
        final LoadResult result = Runs.run(config().withRate(2_000));

        Runs.assertClean(result);
        assertOnly("00", result, "auth");
        assertOnly("00", result, "purchase");
        assertOnly("00", result, "echo");
        // A reversal names its connection's last authorization (none yet at the start: 25, once a
        // connection at most); a refund names an RRN the switch never saw: 25; an inquiry gets balances.
        assertReversals(result);
        assertOnly("25", result, "refund");
        assertOnly("00", result, "inquiry");
        assertTrue(result.sent() >= 4_500, "2,000/s for 2.5 s: " + result.sent());
        Runs.assertFilesWritten(result, out);
    }

    /**
     * A refund names its original by RRN. The generator's RRNs must not repeat from one run to the next against
     * the same switch, or a later run's refunds would name an earlier run's purchases (answered 12, another card).
     */
    @Test
    void aLaterRunsRefundsNameNoRequestOfAnEarlierRun() throws Exception
    {
        final LoadResult purchases = Runs.run(config().withRate(1_000).withMix("purchase=1").withTiming(1_200, 0, 5_000));
        Runs.assertClean(purchases);
        final LoadResult refunds = Runs.run(config().withRate(1_000).withMix("refund=1").withTiming(1_200, 0, 5_000));
        Runs.assertClean(refunds);
        assertOnly("25", refunds, "refund");
    }

    @Test
    void saturatingModeKeepsEveryConnectionFullAndGetsEveryAnswer(@TempDir final Path out) throws Exception
    {
        // Short: the run approves as many authorizations as the machine can, each an open hold (see start()).
        final LoadResult result = Runs.run(config().withRate(0).withInFlight(32).withTiming(1_000, 250, 5_000));

        Runs.assertClean(result);
        assertOnly("00", result, "auth");
        assertReversals(result);
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

    /**
     * Every reversal is approved but for a connection's first, which may come before any authorization
     * (25). A 12 would mean a reversal found another connection's authorization: the connections share
     * the acquirer id, and before each walked its own part of the STAN range two of them sent the same
     * STAN in the same second now and then, which field 90 cannot tell apart.
     */
    private static void assertReversals(final LoadResult result)
    {
        final Map<String, Long> codes = result.responseCodes().byCode("reversal");
        assertTrue(codes.getOrDefault("00", 0L) > 0, "reversal answered " + codes);
        assertTrue(java.util.Set.of("00", "25").containsAll(codes.keySet()), "reversal answered " + codes);
        assertTrue(codes.getOrDefault("25", 0L) <= CONNECTIONS, "reversal answered " + codes);
    }

    private static void assertOnly(final String code, final LoadResult result, final String kind)
    {
        final Map<String, Long> codes = result.responseCodes().byCode(kind);
        assertEquals(1, codes.size(), kind + " answered " + codes);
        assertTrue(codes.containsKey(code), kind + " answered " + codes + ", expected only " + code);
    }
}
