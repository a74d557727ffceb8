package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journal dump} over the standard live journal (see {@link LiveJournal#standard()}). */
class DumpCommandTest
{
    @TempDir
    static Path dataDir;

    @BeforeAll
    static void writeJournal() throws InterruptedException
    {
        LiveJournal.standard().writeTo(dataDir);
    }

    @Test
    void everyEventIsOneLineWithItsOutcomeAndNoLineShowsAFullPan()
    {
        for (final String format : new String[] {"text", "json"})
        {
            final Cli cli = dump("--format", format);
            assertEquals(0, cli.exit(), cli.toString());
            assertEquals(21, cli.outLines().size(), cli.out());
            for (final String pan : LiveJournal.PANS)
            {
                assertFalse(cli.out().contains(pan), "a full PAN in the " + format + " dump");
                assertFalse(cli.err().contains(pan), "a full PAN on stderr");
            }
            assertTrue(cli.out().contains("400000******7899"), cli.out());
            assertTrue(cli.out().contains("411111******1111"), "an admin card record's PAN, masked: " + cli.out());
            assertEquals(List.of("dump: 21 of 21 events shown, read in " + cli.err().split(" read in ")[1].trim()),
                cli.errLines());
        }
    }

    @Test
    void aRequestLineShowsTheFieldsAnOperatorSearchesBy()
    {
        final Cli cli = dump("--from", "7", "--to", "7");
        assertEquals(List.of("seq=7 time=2026-11-21T12:01:10Z kind=request conn=7 mti=0100 proc=000000 stan=000001 " +
            "rrn=000000900001 terminal=TERM0001 merchant=MERCHANT0000001 pan=400000******7899 amount=1500 " +
            "currency=840 -> mti=0110 rc=00 auth=000001 account=1 amount=1500 balance=100000 holds=1500 available=98500 " +
            "score=76 reasons=0x0080 holds_delta=1500"),
            cli.outLines());
    }

    @Test
    void jsonLinesCarryTheSameFields()
    {
        final Cli cli = dump("--from", "9", "--to", "9", "--format", "json");
        assertEquals(List.of("{\"seq\":9,\"time\":\"2026-11-21T12:01:30Z\",\"kind\":\"request\",\"conn\":7," +
            "\"mti\":\"0100\",\"proc\":\"000000\",\"stan\":\"000003\",\"rrn\":\"000000900003\",\"terminal\":\"TERM0001\"," +
            "\"merchant\":\"MERCHANT0000001\",\"pan\":\"411111******1111\",\"amount\":100,\"currency\":\"840\"," +
            "\"outcome\":{\"mti\":\"0110\",\"rc\":\"41\",\"account\":3,\"amount\":0,\"balance\":20000,\"holds\":0,\"available\":20000}}"),
            cli.outLines());
    }

    @Test
    void aMalformedRequestShowsWhereItBrokeAndWhatDecodedBefore()
    {
        final Cli cli = dump("--from", "12", "--to", "12");
        assertEquals(List.of("seq=12 time=2026-11-21T12:02:00Z kind=request conn=7 mti=0100 " +
            "decode=\"TRUNCATED_FIELD at field 3\" pan=550000******3210 -> mti=0110 rc=30"), cli.outLines());
    }

    @Test
    void eachFilterSelectsItsEvents()
    {
        assertEquals(List.of(7L, 8L, 9L), sequences(dump("--from", "7", "--to", "9")));
        assertEquals(List.of(7L, 8L, 9L), sequences(dump("--since", "2026-11-21T12:01:10Z", "--until", "2026-11-21T12:01:30Z")));
        assertEquals(List.of(13L), sequences(dump("--rrn", "000000900007")));
        assertEquals(List.of(8L), sequences(dump("--stan", "2")));
        assertEquals(List.of(8L), sequences(dump("--stan", "000002")));
        assertEquals(List.of(16L, 17L, 18L, 19L), sequences(dump("--terminal", "TERM0003")));
        assertEquals(List.of(13L), sequences(dump("--merchant", "MERCHANT0000002")));
        assertEquals(List.of(10L), sequences(dump("--response-code", "51")));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), sequences(dump("--kind", "admin")));
        assertEquals(List.of(6L), sequences(dump("--kind", "connect")));
        assertEquals(List.of(16L, 17L), sequences(dump("--terminal", "TERM0003", "--to", "17", "--response-code", "00")));
        assertEquals(List.of(), sequences(dump("--rrn", "nothing-like-it")));
    }

    @Test
    void requestsShowTheirScoreReasonsRulesConversionAndFlags(@TempDir final Path decisionsDir) throws Exception
    {
        LiveJournal.decisions().writeTo(decisionsDir);
        final String request = "kind=request conn=7 mti=0100 proc=000000 stan=000001 rrn=000000900001 terminal=TERM0001 " +
            "merchant=MERCHANT0000001 pan=400000******7899 amount=10000 currency=978 -> ";
        final List<String> text = Cli.run("dump", "--data", decisionsDir.toString(), "--kind", "request").outLines();
        assertEquals(List.of(
            "seq=4 time=2026-11-21T12:00:40Z " + request + "mti=0110 rc=00 auth=000001 account=1 amount=10850 " +
                "balance=100000 holds=10850 available=89150 score=76 reasons=0x0080 rules=3 flagged billing=10850 " +
                "billing_currency=840 rate=1.085000 holds_delta=10850",
            "seq=5 time=2026-11-21T12:00:50Z " + request + "mti=0110 rc=00 auth=000001 account=1 amount=0 " +
                "balance=100000 holds=10850 available=89150 dup",
            "seq=6 time=2026-11-21T12:01:00Z kind=request conn=7 mti=0100 proc=312000 stan=000002 rrn=000000900002 " +
                "terminal=TERM0001 merchant=MERCHANT0000001 pan=400000******7899 amount=0 currency=840 -> mti=0110 " +
                "rc=00 account=1 amount=0 balance=100000 holds=10850 available=89150 rules=3 inquiry account_type=20",
            "seq=8 time=2026-11-21T12:01:20Z kind=request conn=7 mti=0200 proc=000000 stan=000003 rrn=000000900003 " +
                "terminal=TERM0001 merchant=MERCHANT0000001 pan=400000******7899 amount=1000 currency=840 -> mti=0210 " +
                "rc=59 account=1 amount=0 balance=100000 holds=10850 available=89150 score=269 reasons=0x0000 rules=4",
            "seq=9 time=2026-11-21T12:01:30Z " + request.replace("mti=0100", "mti=0400") + "mti=0410 rc=00 account=1 " +
                "amount=0 balance=100000 holds=0 available=100000 original=000001 rules=4 holds_delta=-10850"), text);

        final Cli json = Cli.run("dump", "--data", decisionsDir.toString(), "--format", "json", "--from", "4", "--to", "4");
        assertEquals(List.of("{\"seq\":4,\"time\":\"2026-11-21T12:00:40Z\",\"kind\":\"request\",\"conn\":7," +
            "\"mti\":\"0100\",\"proc\":\"000000\",\"stan\":\"000001\",\"rrn\":\"000000900001\",\"terminal\":\"TERM0001\"," +
            "\"merchant\":\"MERCHANT0000001\",\"pan\":\"400000******7899\",\"amount\":10000,\"currency\":\"978\"," +
            "\"outcome\":{\"mti\":\"0110\",\"rc\":\"00\",\"auth\":\"000001\",\"account\":1,\"amount\":10850," +
            "\"balance\":100000,\"holds\":10850,\"available\":89150,\"score\":76,\"reasons\":\"0x0080\",\"rules\":3," +
            "\"flagged\":true,\"billing\":10850,\"billing_currency\":\"840\",\"rate\":\"1.085000\"," +
            "\"holds_delta\":10850}}"), json.outLines());

        for (final String format : new String[] {"text", "json"})
        {
            final Cli cli = Cli.run("dump", "--data", decisionsDir.toString(), "--format", format);
            assertEquals(0, cli.exit(), cli.toString());
            assertEquals(11, cli.outLines().size(), cli.out());
            assertFalse(cli.out().contains(LiveJournal.PAN_A) || cli.err().contains(LiveJournal.PAN_A),
                "a full PAN in the " + format + " dump");
        }
    }

    private static List<Long> sequences(final Cli cli)
    {
        assertEquals(0, cli.exit(), cli.toString());
        final List<Long> sequences = new ArrayList<>();
        for (final String line : cli.outLines())
        {
            sequences.add(Long.parseLong(line.substring("seq=".length(), line.indexOf(' '))));
        }
        return sequences;
    }

    private static Cli dump(final String... options)
    {
        final List<String> args = new ArrayList<>(List.of("dump", "--data", dataDir.toString()));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(new String[0]));
    }
}
