package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code junction start} refuses bad options and bad reference data with one line and a non-zero exit. */
class LauncherTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anOutOfRangeOptionExits2NamingTheOption()
    {
        assertEquals(2, run("start", "--port", "70000", "--data", dir.toString()));
        assertOneLine("junction start: --port must be 0..65535: 70000");
    }

    @Test
    void aTransactionCapacityPastWhatOneTableAddressesExits2NamingTheRange()
    {
        assertEquals(2, run("start", "--transaction-capacity", "100000000", "--data", dir.toString()));
        assertOneLine("junction start: --transaction-capacity must be 1..89478484: 100000000");
    }

    @Test
    void aJournalHelperBatchOfOneExits2NamingTheRange()
    {
        assertEquals(2, run("start", "--journal-helper-batch", "1", "--data", dir.toString()));
        assertOneLine("junction start: --journal-helper-batch must be 0 (no helper) or 2..1048576: 1");
    }

    @Test
    void aWarmUpTooShortToWarmAnythingExits2NamingTheRange()
    {
        assertEquals(2, run("start", "--warm-up-ms", "50", "--data", dir.toString()));
        assertOneLine("junction start: --warm-up-ms must be 0 (none) or 100..600000: 50");
    }

    @Test
    void aLoopSpinOverTenMillisecondsExits2NamingTheRange()
    {
        assertEquals(2, run("start", "--loop-spin-us", "10001", "--data", dir.toString()));
        assertOneLine("junction start: --loop-spin-us must be 0 (block at once) .. 10000: 10001");
    }

    @Test
    void anUnknownWaitStrategyExits2ListingTheChoices()
    {
        assertEquals(2, run("start", "--wait-strategy", "spin-forever", "--data", dir.toString()));
        assertTrue(err.toString().contains("blocking, sleeping, yielding, busy-spin"), err.toString());
    }

    @Test
    void anUnknownThreadLayoutExits2ListingTheChoices()
    {
        assertEquals(2, run("start", "--thread-layout", "sideways", "--data", dir.toString()));
        assertOneLine("junction start: --thread-layout must be pipelined, single or inline: sideways");
    }

    @Test
    void theInlineLayoutWithSeveralEventLoopsExits2NamingBoth()
    {
        assertEquals(2, run("start", "--thread-layout", "inline", "--io-threads", "2", "--data", dir.toString()));
        assertOneLine("junction start: --thread-layout inline needs --io-threads 1 (with more event loops choose pipelined or single): 2");
    }

    @Test
    void anUnknownOptionExits2WithAHint()
    {
        assertEquals(2, run("start", "--colour", "blue"));
        assertOneLine("junction start: Unknown options: '--colour', 'blue' (try: junction start --help)");
    }

    @Test
    void aMissingCardsFileExits1NamingIt()
    {
        final Path missing = dir.resolve("nope.csv");
        assertEquals(1, run("start", "--port", "0", "--admin-port", "-1", "--data", dir.resolve("data").toString(), "--cards", missing.toString()));
        assertOneLine("junction start: " + missing + ": no such file");
    }

    @Test
    void aBadCardsRowExits1NamingFileLineAndColumnWithoutThePan() throws Exception
    {
        final Path accounts = Files.writeString(dir.resolve("a.csv"), "account_id,currency,balance_minor,credit_limit_minor\n1,840,100,0\n");
        final Path cards = Files.writeString(dir.resolve("c.csv"),
            "pan,account_id,expiry_yymm,status\n4000000000000001,1,3012,active\n4000000000000019,1,3013,active\n");

        assertEquals(1, run("start", "--port", "0", "--admin-port", "-1", "--data", dir.resolve("data").toString(),
            "--accounts", accounts.toString(), "--cards", cards.toString()));

        assertOneLine("junction start: " + cards + ":3: expiry_yymm '3013' is not a YYMM date, e.g. 3012");
    }

    @Test
    void aCardOnAnUnknownAccountExits1WithTheMaskedPan() throws Exception
    {
        final Path cards = Files.writeString(dir.resolve("c.csv"),
            "pan,account_id,expiry_yymm,status\n4000000000000019,77,3012,active\n");

        assertEquals(1, run("start", "--port", "0", "--admin-port", "-1", "--data", dir.resolve("data").toString(), "--cards", cards.toString()));

        assertOneLine("junction start: card 400000******0019 names account 77, which is neither in the accounts " +
            "file nor already provisioned");
        assertFalse(err.toString().contains("4000000000000019"));
    }

    @Test
    void helpListsEveryStartOption()
    {
        assertEquals(0, run("start", "--help"));
        for (final String option : new String[] {"--host", "--port", "--data", "--accounts", "--cards",
            "--max-frame-bytes", "--max-connections", "--max-in-flight", "--ring-size", "--wait-strategy",
            "--io-threads", "--transport", "--account-capacity", "--card-capacity", "--journal-sync",
            "--shutdown-timeout-ms", "--thread-layout", "--journal-helper-batch", "--warm-up-ms", "--loop-spin-us"})
        {
            assertTrue(out.toString().contains(option), option);
        }
    }

    @Test
    void theJournalToolsAreReachedThroughJunction()
    {
        assertEquals(0, run("journal", "--help"));
        for (final String tool : new String[] {"verify", "replay", "dump", "stats"})
        {
            assertTrue(out.toString().contains(tool), tool);
        }
    }

    @Test
    void aJournalToolOnADirectoryWithNoJournalExits2WithOneLine()
    {
        final Path missing = dir.resolve("nothing-here");
        assertEquals(2, run("journal", "verify", "--data", missing.toString()));
        assertTrue(err.toString().startsWith("junction journal verify: "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    private int run(final String... args)
    {
        return JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void assertOneLine(final String expected)
    {
        assertEquals(expected + System.lineSeparator(), err.toString());
    }
}
