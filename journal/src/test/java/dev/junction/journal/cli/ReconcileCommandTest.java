package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code journal reconcile} against the settlement journal ({@link SettlementJournal}). Day two holds
 * two answered requests: a purchase of 7.00 (stan 12, rrn 000000900012, approved) and the reversal of a
 * refund (stan 5, rrn 000000900005, amount 0, approved).
 */
class ReconcileCommandTest
{
    private static final String HEADER = "rrn,stan,terminal,amount_minor,response_code";

    @TempDir
    static Path dir;

    static Path dataDir;

    @BeforeAll
    static void writeJournal() throws InterruptedException
    {
        dataDir = dir.resolve("data");
        SettlementJournal.writeTo(dataDir);
    }

    @Test
    void aFileThatAgreesWithTheJournalMatchesEveryRowAndExitsZero() throws IOException
    {
        final Cli cli = reconcile("20261122", file(HEADER, "000000900012,12,TERM0001,700,00", "000000900005,000005,TERM0001,0,00"));

        assertEquals(0, cli.exit(), cli.toString());
        assertEquals(List.of(ReconcileCommand.HEADER,
            "matched,000000900012,000012,TERM0001,700,700,00,00,21",
            "matched,000000900005,000005,TERM0001,0,0,00,00,22"), cli.outLines());
        assertTrue(cli.err().contains("2 matched, 0 mismatched, 0 missing in the journal, 0 missing in the file"),
            cli.err());
    }

    @Test
    void everyDifferenceIsListedInItsCategoryAndExitsOne() throws IOException
    {
        // Day one: the refund's amount differs (it carries its original's rrn), the lost card's code differs,
        // the 10.00 purchase matches (its duplicate counts once; the reversal of the 20.00 shares that
        // purchase's rrn, stan and terminal, so it is the same row), a row the journal never saw, and the
        // rest of the day is missing in the file.
        final Cli cli = reconcile("20261121", file(HEADER,
            "000000900001,1,TERM0001,1000,00",
            "000000900001,5,TERM0001,550,00",
            "000000900011,11,TERM0001,900,00",
            "000000999999,99,TERM0009,100,00"));

        assertEquals(1, cli.exit(), cli.toString());
        final List<String> lines = cli.outLines();
        assertEquals(List.of(ReconcileCommand.HEADER,
            "matched,000000900001,000001,TERM0001,1000,1000,00,00,8",
            "missing_in_file,000000900002,000002,TERM0001,,2000,,00,9",
            "missing_in_file,000000900010,000010,TERM0001,,125,,00,10",
            "mismatched,000000900001,000005,TERM0001,550,500,00,00,11",
            "mismatched,000000900011,000011,TERM0001,900,900,00,41,14",
            "missing_in_file,000000900003,000003,TERM0002,,3000,,00,15",
            "missing_in_file,000000900004,000004,TERM0002,,2500,,00,16",
            "missing_in_file,000000900007,000007,TERM0002,,400,,00,17",
            "missing_in_file,000000900009,000009,TERM0003,,1234,,00,19",
            "missing_in_journal,000000999999,000099,TERM0009,100,,00,,"), lines);
        assertTrue(cli.err().contains("1 matched, 2 mismatched, 1 missing in the journal, 6 missing in the file"),
            cli.err());
    }

    @Test
    void textOutputGroupsTheRowsByCategory() throws IOException
    {
        final Cli cli = reconcile("20261122", file(HEADER, "000000900012,12,TERM0001,701,00"), "--format", "text");

        assertEquals(1, cli.exit(), cli.toString());
        assertEquals(List.of("matched: 0", "mismatched: 1",
            "  rrn=000000900012 stan=000012 terminal=TERM0001 file: amount=701 rc=00 journal: amount=700 rc=00 seq=21",
            "missing in journal: 0", "missing in file: 1",
            "  rrn=000000900005 stan=000005 terminal=TERM0001 journal: amount=0 rc=00 seq=22"), cli.outLines());
    }

    @Test
    void aBadFileIsAUsageErrorNamingTheFileAndLine() throws IOException
    {
        assertBadFile("", ":1: the header row is missing");
        assertBadFile("rrn,stan,amount_minor\n", ":1: the header must start rrn,stan,terminal,amount_minor,response_code");
        assertBadFile(HEADER + "\n000000900012,12,TERM0001,700,00\n000000900005,x5,TERM0001,0,00\n",
            ":3: stan 'x5' is not a whole number of 1 to 6 digits");
        assertBadFile(HEADER + "\n000000900012,12,TERM0001,7.00,00\n", ":2: amount_minor '7.00' is not a whole number");
        assertBadFile(HEADER + "\n000000900012,12,TERM0001,700,0\n", ":2: response_code '0' is not two characters");
        assertBadFile(HEADER + "\n000000900012,12,TERMINAL09,700,00\n", ":2: terminal 'TERMINAL09' is not 1 to 8");
        assertBadFile(HEADER + "\n000000900012,12,TERM0001,700\n", ":2: 4 fields where 5 are needed");
        assertBadFile(HEADER + "\n000000900012,12,TERM0001,700,00\n\n000000900012,000012,TERM0001,700,00\n",
            ":4: the same rrn, stan and terminal as line 2");
        SettleCommandTest.assertOneLine(reconcile("20261122", dir.resolve("absent.csv")), 2, "absent.csv: no such file");
    }

    @Test
    void aMissingDayOrFileIsAUsageError() throws IOException
    {
        final Path file = file(HEADER);
        SettleCommandTest.assertOneLine(Cli.run("reconcile", "--data", dataDir.toString(), "--file", file.toString()), 2,
            "Missing required option: '--day=YYYYMMDD'");
        SettleCommandTest.assertOneLine(Cli.run("reconcile", "--data", dataDir.toString(), "--day", "20261121"), 2,
            "Missing required option: '--file=FILE'");
        SettleCommandTest.assertOneLine(reconcile("20261130", file), 2, "business day 20261130 is not in the journal");
    }

    @Test
    void noOutputShowsAFullPan() throws IOException
    {
        for (final String format : List.of("csv", "text"))
        {
            final Cli cli = reconcile("20261121", file(HEADER, "000000900001,1,TERM0001,1000,00"), "--format", format);
            for (final String pan : List.of(LiveJournal.PAN_A, LiveJournal.PAN_B, LiveJournal.PAN_LOST,
                SettlementJournal.PAN_EUR))
            {
                assertFalse(cli.out().contains(pan) || cli.err().contains(pan), cli.toString());
            }
        }
    }

    private void assertBadFile(final String content, final String message) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("acquirer.csv"), content);
        SettleCommandTest.assertOneLine(reconcile("20261122", file), 2, "acquirer.csv" + message);
    }

    private static Path file(final String... lines) throws IOException
    {
        return Files.writeString(dir.resolve("acquirer.csv"), String.join("\n", lines) + "\n");
    }

    private static Cli reconcile(final String day, final Path file, final String... options)
    {
        final String[] args = new String[6 + options.length];
        args[0] = "reconcile";
        args[1] = "--data=" + dataDir;
        args[2] = "--day";
        args[3] = day;
        args[4] = "--file";
        args[5] = file.toString();
        System.arraycopy(options, 0, args, 6, options.length);
        return Cli.run(args);
    }
}
