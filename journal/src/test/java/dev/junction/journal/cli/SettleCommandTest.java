package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal settle} over two business days written by the live pipeline ({@link SettlementJournal}). */
class SettleCommandTest
{
    @TempDir
    static Path dir;

    static Path dataDir;
    static Path fees;

    @BeforeAll
    static void writeJournal() throws InterruptedException, IOException
    {
        dataDir = dir.resolve("data");
        SettlementJournal.writeTo(dataDir);
        fees = Files.writeString(dir.resolve("fees.csv"), SettlementJournal.FEES_CSV);
    }

    @Test
    void theFirstDaySettlesEachKindPerAcquirerAndMerchantWithFeesPerCategory()
    {
        final Cli cli = settle("20261121", "--fees", fees.toString());

        assertEquals(0, cli.exit(), cli.toString());
        // 111111/1: purchases 10.00 + 20.00 + 1.25; fees 5411: 10 + 15 and 10 + 30, none: 5 + 2.5 rounded up to 3;
        // refund 5.00; the 20.00 reversed. 222222/2: 25.00 captured of a 30.00 hold, fee 5 + 50 by the default row.
        // 111111/3 in 978: 12.34 under the zero-fee row 4111.
        assertEquals(List.of(SettleCommand.HEADER,
            "merchant,20261121,111111,MERCHANT0000001,840,3,3125,0,0,1,500,1,2000,73,552",
            "merchant,20261121,111111,MERCHANT0000003,978,1,1234,0,0,0,0,0,0,0,1234",
            "acquirer,20261121,111111,*,840,3,3125,0,0,1,500,1,2000,73,552",
            "acquirer,20261121,111111,*,978,1,1234,0,0,0,0,0,0,0,1234",
            "merchant,20261121,222222,MERCHANT0000002,840,0,0,1,2500,0,0,0,0,55,2445",
            "acquirer,20261121,222222,*,840,0,0,1,2500,0,0,0,0,55,2445",
            "total,20261121,*,*,840,3,3125,1,2500,1,500,1,2000,128,2997",
            "total,20261121,*,*,978,1,1234,0,0,0,0,0,0,0,1234"), cli.outLines());
        assertTrue(cli.err().contains("settle: business day 20261121: sequences 0.."), cli.err());
        assertTrue(cli.err().contains("; closed; 7 transactions settled"), cli.err());
    }

    @Test
    void theCutoverStartsTheSecondDayWithTheEventsAfterIt()
    {
        final Cli cli = settle("20261122", "--fees", fees.toString());

        assertEquals(0, cli.exit(), cli.toString());
        // A purchase of 7.00 (fee 10 + 10.5 rounded up to 11) and the reversal of day one's refund, which takes
        // the 5.00 back from the cardholder: a negative reversal.
        assertEquals(List.of(SettleCommand.HEADER,
            "merchant,20261122,111111,MERCHANT0000001,840,1,700,0,0,0,0,1,-500,21,1179",
            "acquirer,20261122,111111,*,840,1,700,0,0,0,0,1,-500,21,1179",
            "total,20261122,*,*,840,1,700,0,0,0,0,1,-500,21,1179"), cli.outLines());
        assertTrue(cli.err().contains("still open (no cutover after it yet)"), cli.err());
    }

    @Test
    void eachDaysTotalsBalanceToTheBalanceDeltasTheAuthorizerMadeThatDay()
    {
        final Map<Integer, Map<Integer, Long>> deltas = SettlementJournal.balanceDeltasByDay(dataDir);
        assertEquals(List.of(SettlementJournal.DAY_ONE, SettlementJournal.DAY_TWO), List.copyOf(deltas.keySet()));
        for (final int day : deltas.keySet())
        {
            final Cli cli = settle(Integer.toString(day), "--fees", fees.toString());
            assertEquals(0, cli.exit(), cli.toString());
            long merchantRows = 0;
            for (final String line : cli.outLines().subList(1, cli.outLines().size()))
            {
                final String[] columns = line.split(",");
                final long netPlusFees = Long.parseLong(columns[14]) + Long.parseLong(columns[13]);
                if (columns[0].equals("total"))
                {
                    assertEquals(-deltas.get(day).get(Integer.parseInt(columns[4])), netPlusFees, line);
                }
                if (columns[0].equals("merchant"))
                {
                    merchantRows += netPlusFees;
                }
            }
            assertEquals(-deltas.get(day).values().stream().mapToLong(Long::longValue).sum(), merchantRows,
                "the merchants' net positions and fees add up to what cardholders paid on " + day);
        }
    }

    @Test
    void withoutAFeeTableEveryFeeIsZero()
    {
        final Cli cli = settle("20261121");

        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.outLines().contains("total,20261121,*,*,840,3,3125,1,2500,1,500,1,2000,0,3125"), cli.out());
        assertTrue(cli.err().contains("no fee table: fees 0"), cli.err());
    }

    @Test
    void aDayTheJournalDoesNotHoldIsAUsageErrorThatNamesItsDays()
    {
        final Cli cli = settle("20261123");

        assertOneLine(cli, 2, "business day 20261123 is not in the journal; its days are [20261121, 20261122]");
    }

    @Test
    void aMissingOrMalformedDayIsAUsageError()
    {
        assertOneLine(Cli.run("settle", "--data", dataDir.toString()), 2, "Missing required option: '--day=YYYYMMDD'");
        assertOneLine(settle("2026-11-21"), 2, "--day must be a business date yyyymmdd, e.g. 20261121: '2026-11-21'");
        assertOneLine(settle("20261131"), 2, "--day must be a business date yyyymmdd");
    }

    @Test
    void aBadFeeFileIsAUsageErrorNamingItsLine() throws IOException
    {
        assertBadFees("", "fees.csv:1: the header row is missing; expected mcc,percent_bp,fixed_minor");
        assertBadFees("mcc,fixed_minor,percent_bp\n*,0,0\n", "fees.csv:1: the header must start mcc,percent_bp,fixed_minor");
        assertBadFees("mcc,percent_bp,fixed_minor\n5411,1.5,10\n*,0,0\n",
            "fees.csv:2: percent_bp '1.5' is not a whole number of 1 to 5 digits");
        assertBadFees("mcc,percent_bp,fixed_minor\n*,0,0\n5411,10001,0\n", "fees.csv:3: percent_bp 10001 is over 10000");
        assertBadFees("mcc,percent_bp,fixed_minor\n*,0,0\n5411,100,-5\n",
            "fees.csv:3: fixed_minor '-5' is not a whole number");
        assertBadFees("mcc,percent_bp,fixed_minor\n*,0,0\n541,100,5\n", "fees.csv:3: mcc '541' is neither four digits nor *");
        assertBadFees("mcc,percent_bp,fixed_minor\n5411,0,0\n*,0,0\n5411,1,1\n",
            "fees.csv:4: mcc '5411' is already in line 2");
        assertBadFees("mcc,percent_bp,fixed_minor\n5411,100\n", "fees.csv:2: 2 fields where 3 are needed");
        assertBadFees("mcc,percent_bp,fixed_minor\n5411,100,5\n", "fees.csv: no default row '*'");
        assertOneLine(settle("20261121", "--fees", dir.resolve("nowhere.csv").toString()), 2, "nowhere.csv: no such file");
    }

    @Test
    void aFeeTableWithExtraColumnsAndWindowsLineEndsIsRead() throws IOException
    {
        final Path crlf = Files.writeString(dir.resolve("crlf.csv"),
            "\uFEFFmcc,percent_bp,fixed_minor,note\r\n5411,150,10,grocers\r\n\r\n4111,0,0,promotion\r\n*,200,5,\r\n");

        final Cli cli = settle("20261121", "--fees", crlf.toString());

        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.outLines().contains("total,20261121,*,*,840,3,3125,1,2500,1,500,1,2000,128,2997"), cli.out());
    }

    @Test
    void noOutputShowsAFullPan()
    {
        final Cli cli = settle("20261121", "--fees", fees.toString());
        for (final String pan : List.of(LiveJournal.PAN_A, LiveJournal.PAN_B, LiveJournal.PAN_LOST,
            SettlementJournal.PAN_EUR))
        {
            assertFalse(cli.out().contains(pan) || cli.err().contains(pan), cli.toString());
        }
    }

    private void assertBadFees(final String content, final String message) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("fees.csv"), content);
        try
        {
            assertOneLine(settle("20261121", "--fees", file.toString()), 2, message);
        }
        finally
        {
            Files.writeString(file, SettlementJournal.FEES_CSV);
        }
    }

    static Cli settle(final String day, final String... options)
    {
        final String[] args = new String[4 + options.length];
        args[0] = "settle";
        args[1] = "--data=" + dataDir;
        args[2] = "--day";
        args[3] = day;
        System.arraycopy(options, 0, args, 4, options.length);
        return Cli.run(args);
    }

    static void assertOneLine(final Cli cli, final int exit, final String message)
    {
        assertEquals(exit, cli.exit(), cli.toString());
        assertEquals(1, cli.errLines().size(), cli.toString());
        assertTrue(cli.errLines().get(0).startsWith("junction journal "), cli.toString());
        assertTrue(cli.errLines().get(0).contains(message), cli.toString());
        assertTrue(cli.out().isEmpty(), cli.toString());
    }
}
