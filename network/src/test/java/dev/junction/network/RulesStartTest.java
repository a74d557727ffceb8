package dev.junction.network;

import static dev.junction.network.TestSwitch.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.journal.JournalReader;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --rules} and {@code --cutover-time} on {@code junction start}: the rules file's limits, blocks
 * and rates decide what acquirers are answered; starting again with the same command line publishes
 * nothing and keeps the decisions; a file that contradicts the rules in force stops the start.
 */
@ExtendWith(NettyLeaks.class)
class RulesStartTest
{
    private static final String RULES = String.join("\n",
        "# test issuer rules",
        "version 3",
        "limits max-single=5000",
        "mcc 7995 blocked          # gambling",
        "rate 978 840 1.1",
        "card-limits " + TestSwitch.RICH + " max-single=100",
        "");
    private static final int RULE_RECORDS = 4;
    /** The test CSVs: 3 accounts and 7 cards. */
    private static final int REFERENCE_RECORDS = 10;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theRulesDecideAndARestartWithTheSameCommandLinePublishesNothingAndDecidesAlike() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).rulesFile(rules(RULES)).build();
        final List<String> firstAnswers;
        try (TestSwitch first = TestSwitch.start(config))
        {
            assertEquals(3, first.report.rulesVersion());
            assertEquals(RULE_RECORDS, first.report.rulesImported());
            assertEquals(0, first.report.rulesVersionBefore());
            firstAnswers = decide(first, 1);
        }
        assertEquals(List.of("61", "57", "00", "61", "00"), firstAnswers);
        final long adminEvents = adminEvents();
        assertEquals(REFERENCE_RECORDS + RULE_RECORDS, adminEvents);
        assertEquals(List.of(Decision.ADMIN_CREATED, Decision.ADMIN_CREATED, Decision.ADMIN_CREATED,
            Decision.ADMIN_CREATED), adminResults().subList(REFERENCE_RECORDS, REFERENCE_RECORDS + RULE_RECORDS));

        try (TestSwitch second = TestSwitch.start(config))
        {
            assertTrue(second.report.rulesAlreadyInForce());
            assertEquals(0, second.report.rulesImported());
            assertEquals(3, second.report.rulesVersionBefore());
            assertEquals(firstAnswers, decide(second, 100));
        }
        assertEquals(adminEvents, adminEvents(), "a restart with the same rules published admin events");
    }

    @Test
    void aConvertedAnswerCarriesTheBillingAmountRateAndCurrency() throws Exception
    {
        try (TestSwitch server = TestSwitch.start(TestSwitch.configIn(dir).rulesFile(rules(RULES)).build()))
        {
            final NACChannel client = server.connect();
            final ISOMsg request = TestSwitch.request("0200", TestSwitch.ACTIVE, 1_000, 1);
            request.set(49, "978");
            final ISOMsg answer = exchange(client, request);
            client.disconnect();

            assertEquals("00", answer.getString(39));
            assertEquals("000000001100", answer.getString(6));
            assertEquals("61100000", answer.getString(10));
            assertEquals("840", answer.getString(51));
        }
    }

    @Test
    void aNewerVersionIsImportedOverTheOneInForce() throws Exception
    {
        try (TestSwitch first = TestSwitch.start(TestSwitch.configIn(dir).rulesFile(rules(RULES)).build()))
        {
            assertEquals(RULE_RECORDS, first.report.rulesImported());
        }
        final Path newer = rules(RULES.replace("version 3", "version 4").replace("max-single=5000", "max-single=7000"));
        try (TestSwitch second = TestSwitch.start(TestSwitch.configIn(dir).rulesFile(newer).build()))
        {
            assertEquals(4, second.report.rulesVersion());
            assertEquals(3, second.report.rulesVersionBefore());
            assertEquals(RULE_RECORDS, second.report.rulesImported());
            final NACChannel client = second.connect();
            assertEquals("00", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 6_000, 1)).getString(39));
            assertEquals("61", exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 7_001, 2)).getString(39));
            client.disconnect();
        }
    }

    @Test
    void theSameVersionWithOtherContentOrAnOlderVersionStopsTheStart() throws Exception
    {
        try (TestSwitch first = TestSwitch.start(TestSwitch.configIn(dir).rulesFile(rules(RULES)).build()))
        {
            assertEquals(RULE_RECORDS, first.report.rulesImported());
        }
        final long adminEvents = adminEvents();

        final Path changed = rules(RULES.replace("max-single=5000", "max-single=6000"));
        final StartupException sameVersion = assertThrows(StartupException.class,
            () -> TestSwitch.start(TestSwitch.configIn(dir).rulesFile(changed).build()).close());
        assertEquals(changed + ":3: differs from version 3 in force (changed, or refused when it was imported); " +
            "raise the file's version to import it", sameVersion.getMessage());

        final Path older = rules(RULES.replace("version 3", "version 2"));
        final StartupException olderVersion = assertThrows(StartupException.class,
            () -> TestSwitch.start(TestSwitch.configIn(dir).rulesFile(older).build()).close());
        assertEquals(older + ": version 2 is older than version 3 in force, and the switch refuses older rules; " +
            "raise the file's version", olderVersion.getMessage());

        assertEquals(adminEvents, adminEvents(), "a refused start published admin events");
    }

    @Test
    void cardLimitsForAnUnknownCardStopTheStartWithTheMaskedPan() throws Exception
    {
        TestSwitch.configIn(dir);
        final Path file = rules("version 1\ncard-limits " + TestSwitch.UNKNOWN + " daily-count=1\n");

        assertEquals(1, run("start", "--port", "0", "--admin-port", "-1", "--data", dir.resolve("data").toString(),
            "--accounts", dir.resolve("accounts.csv").toString(), "--cards", dir.resolve("cards.csv").toString(),
            "--rules", file.toString()));

        assertEquals("junction start: " + file + ":2: card 400000******9999 is neither in the cards file nor " +
            "already provisioned" + System.lineSeparator(), err.toString());
        assertFalse(err.toString().contains(TestSwitch.UNKNOWN));
    }

    @Test
    void aBadRulesLineExits1NamingFileAndLine() throws Exception
    {
        final Path file = rules("version 1\n\nlimits max-single=lots\n");

        assertEquals(1, run("start", "--port", "0", "--admin-port", "-1", "--data", dir.resolve("data").toString(), "--rules", file.toString()));

        assertEquals("junction start: " + file + ":3: max-single 'lots' is not a whole number" + System.lineSeparator(),
            err.toString());
    }

    @Test
    void aCutoverTimeThatIsNotHhMmOrNoneExits2NamingTheOption()
    {
        for (final String bad : new String[] {"24:00", "7:30", "12:60", "noon", "", "12:3x", "NONE"})
        {
            err.getBuffer().setLength(0);
            assertEquals(2, run("start", "--port", "0", "--admin-port", "-1", "--data", dir.resolve("data").toString(),
                "--cutover-time", bad), bad);
            assertEquals("junction start: --cutover-time must be HH:MM (UTC, 00:00 to 23:59) or none: " + bad +
                System.lineSeparator(), err.toString());
        }
        assertFalse(Files.exists(dir.resolve("data")), "a refused option created the data directory");
    }

    @Test
    void helpListsTheRulesAndCutoverOptions()
    {
        assertEquals(0, run("start", "--help"));
        assertTrue(out.toString().contains("--rules=FILE"), out.toString());
        assertTrue(out.toString().contains("--cutover-time=HH:MM|none"), out.toString());
    }

    @Test
    void aCutoverTimeIsParsedToSecondsAfterMidnightOrOnCommandOnly()
    {
        assertEquals(0, ServerConfig.cutoverRecordTime("00:00"));
        assertEquals(22 * 3600 + 30 * 60, ServerConfig.cutoverRecordTime("22:30"));
        assertEquals(23 * 3600 + 59 * 60, ServerConfig.cutoverRecordTime("23:59"));
        assertEquals(AdminRecords.CUTOVER_ON_COMMAND_ONLY, ServerConfig.cutoverRecordTime("none"));
        assertEquals(AdminRecords.CUTOVER_KEEP_TIME, ServerConfig.cutoverRecordTime(null));
    }

    @Test
    void aCutoverTimeIsPublishedAtStartAndTheSameTimeAgainChangesNothing() throws Exception
    {
        final ServerConfig config = TestSwitch.configIn(dir).cutoverTime("22:00").build();
        try (TestSwitch first = TestSwitch.start(config))
        {
            assertEquals(22 * 3600, first.report.cutoverSecondOfDay());
        }
        try (TestSwitch second = TestSwitch.start(config))
        {
            assertEquals(22 * 3600, second.report.cutoverSecondOfDay());
        }
        try (TestSwitch third = TestSwitch.start(TestSwitch.configIn(dir).cutoverTime("none").build()))
        {
            assertEquals(AdminRecords.CUTOVER_ON_COMMAND_ONLY, third.report.cutoverSecondOfDay());
        }
        try (TestSwitch fourth = TestSwitch.start(TestSwitch.configIn(dir).build()))
        {
            assertEquals(AdminRecords.CUTOVER_KEEP_TIME, fourth.report.cutoverSecondOfDay());
        }

        final List<int[]> cutovers = cutovers();
        assertEquals(3, cutovers.size());
        assertCutover(cutovers.get(0), 22 * 3600, Decision.ADMIN_CREATED);
        assertCutover(cutovers.get(1), 22 * 3600, Decision.ADMIN_UNCHANGED);
        assertCutover(cutovers.get(2), AdminRecords.CUTOVER_ON_COMMAND_ONLY, Decision.ADMIN_CREATED);
    }

    @Test
    void noRulesFileAndNoCutoverPublishNothingBeyondTheCsvs() throws Exception
    {
        try (TestSwitch server = TestSwitch.start(dir))
        {
            assertEquals(0, server.report.rulesVersion());
            assertFalse(server.report.rulesAlreadyInForce());
        }
        assertEquals(REFERENCE_RECORDS, adminEvents());
    }

    /**
     * From {@code stan} on: over the single-amount limit (61), a blocked merchant category (57), within
     * limits (00), over the card's own limit (61), and the other card's within it (00).
     */
    private static List<String> decide(final TestSwitch server, final int stan) throws Exception
    {
        final NACChannel client = server.connect();
        final List<String> codes = new ArrayList<>();
        codes.add(exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 5_001, stan)).getString(39));
        final ISOMsg gambling = TestSwitch.request("0100", TestSwitch.ACTIVE, 100, stan + 1);
        gambling.set(18, "7995");
        codes.add(exchange(client, gambling).getString(39));
        codes.add(exchange(client, TestSwitch.request("0100", TestSwitch.ACTIVE, 100, stan + 2)).getString(39));
        codes.add(exchange(client, TestSwitch.request("0100", TestSwitch.RICH, 101, stan + 3)).getString(39));
        codes.add(exchange(client, TestSwitch.request("0100", TestSwitch.RICH, 100, stan + 4)).getString(39));
        client.disconnect();
        return codes;
    }

    private Path rules(final String text) throws Exception
    {
        return Files.writeString(dir.resolve("rules-" + Integer.toHexString(text.hashCode()) + ".txt"), text);
    }

    private long adminEvents()
    {
        try (JournalReader reader = JournalReader.open(dir.resolve("data")))
        {
            return JournalCounts.ofKind(reader, EventKind.ADMIN);
        }
    }

    private List<Integer> adminResults()
    {
        final List<Integer> results = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir.resolve("data")))
        {
            reader.readEvents(0, (input, outcome) ->
            {
                if (input.kind() == EventKind.ADMIN)
                {
                    results.add(outcome.adminResult());
                }
                return true;
            });
        }
        return results;
    }

    /** @return each cutover record's daily time and admin result, in journal order. */
    private List<int[]> cutovers()
    {
        final List<int[]> cutovers = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir.resolve("data")))
        {
            reader.readEvents(0, (input, outcome) ->
            {
                if (input.kind() == EventKind.ADMIN && AdminRecords.type(input.payload(), input.payloadOffset(),
                    input.payloadLength()) == AdminRecords.TYPE_CUTOVER)
                {
                    assertEquals(AdminRecords.CUTOVER_NO_DATE,
                        AdminRecords.cutoverBusinessDate(input.payload(), input.payloadOffset()));
                    cutovers.add(new int[] {AdminRecords.cutoverSecondOfDay(input.payload(), input.payloadOffset()),
                        outcome.adminResult()});
                }
                return true;
            });
        }
        return cutovers;
    }

    private static void assertCutover(final int[] cutover, final int secondOfDay, final int adminResult)
    {
        assertEquals(secondOfDay, cutover[0]);
        assertEquals(adminResult, cutover[1]);
    }

    private int run(final String... args)
    {
        return JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
