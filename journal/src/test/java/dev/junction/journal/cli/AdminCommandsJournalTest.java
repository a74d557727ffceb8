package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import dev.junction.core.auth.StateDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator tools over a journal of an operator's commands ({@link LiveJournal#adminCommands()}):
 * dump names each record with its PAN masked, replay matches every outcome, and settle follows an
 * adjusted balance without settling the adjustment.
 */
class AdminCommandsJournalTest
{
    @TempDir
    static Path dataDir;

    static long liveDigest;

    @BeforeAll
    static void writeJournal() throws InterruptedException
    {
        liveDigest = LiveJournal.adminCommands().writeTo(dataDir);
    }

    @Test
    void dumpDescribesACardStatusChangeWithItsPanMasked()
    {
        final Cli cli = dump("--from", "3", "--to", "5");
        assertEquals(0, cli.exit(), cli.toString());
        assertEquals(List.of(
            "seq=3 time=2026-11-21T12:00:30Z kind=admin type=card_status pan=400000******7899 status=blocked -> " +
                "result=changed",
            "seq=4 time=2026-11-21T12:00:40Z kind=request conn=7 mti=0200 proc=000000 stan=000001 rrn=000000900001 " +
                "terminal=TERM0001 merchant=MERCHANT0000001 pan=400000******7899 amount=1000 currency=840 -> mti=0210 " +
                "rc=62 account=1 amount=0 balance=100000 holds=0 available=100000",
            "seq=5 time=2026-11-21T12:00:50Z kind=admin type=card_status pan=400000******7899 status=active -> " +
                "result=changed"), cli.outLines());
        assertFalse(cli.out().contains(LiveJournal.PAN_A));
    }

    @Test
    void dumpDescribesAnAdjustmentWithTheAccountAfterItAndARefusedOneWithItsReason()
    {
        final Cli cli = dump("--from", "6", "--to", "9");
        assertEquals(0, cli.exit(), cli.toString());
        assertEquals(List.of(
            "seq=6 time=2026-11-21T12:01:00Z kind=admin type=adjustment account=1 amount=2500 currency=840 " +
                "reference=\"GOODWILL 17\" -> result=changed account=1 amount=2500 balance=102500 holds=0 " +
                "available=102500 balance_delta=2500",
            "seq=8 time=2026-11-21T12:01:20Z kind=admin type=adjustment account=1 amount=-500 currency=978 " +
                "reference=FIX -> result=currency_mismatch account=1 amount=0 balance=101500 holds=0 available=101500",
            "seq=9 time=2026-11-21T12:01:30Z kind=admin type=cutover_now -> result=changed"),
            List.of(cli.outLines().get(0), cli.outLines().get(2), cli.outLines().get(3)));
    }

    @Test
    void replayMatchesEveryOutcomeOfTheCommandsAndReachesTheLiveDigest()
    {
        final Cli cli = Cli.run("replay", "--data", dataDir.toString(), "--account-capacity", "1000",
            "--card-capacity", "1000");
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("12 compared byte for byte: all match"), cli.out());
        assertTrue(cli.out().contains("digest " + StateDigest.hex(liveDigest)), cli.out());
    }

    @Test
    void settleFollowsTheAdjustedBalanceAndTheCutoverNowEndsTheDay()
    {
        final Cli first = Cli.run("settle", "--data", dataDir.toString(), "--day", "20261121");
        assertEquals(0, first.exit(), first.toString());
        assertEquals(List.of(SettleCommand.HEADER,
            "merchant,20261121,-,MERCHANT0000001,840,1,1000,0,0,0,0,0,0,0,1000",
            "acquirer,20261121,-,*,840,1,1000,0,0,0,0,0,0,0,1000",
            "total,20261121,*,*,840,1,1000,0,0,0,0,0,0,0,1000"), first.outLines());
        assertTrue(first.err().contains("closed"), first.err());

        final Cli second = Cli.run("settle", "--data", dataDir.toString(), "--day", "20261122");
        assertEquals(0, second.exit(), second.toString());
        assertEquals("total,20261122,*,*,840,1,500,0,0,0,0,0,0,0,500", second.outLines().get(3));
    }

    private static Cli dump(final String... filters)
    {
        final String[] args = new String[filters.length + 3];
        args[0] = "dump";
        args[1] = "--data";
        args[2] = dataDir.toString();
        System.arraycopy(filters, 0, args, 3, filters.length);
        return Cli.run(args);
    }
}
