package dev.junction.network.admin;

import static dev.junction.network.TestSwitch.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.StateDigest;
import dev.junction.core.pipeline.AdminOutcomes;
import dev.junction.core.pipeline.Pipeline;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.refdata.DemoData;
import dev.junction.journal.JournalKey;
import dev.junction.journal.SnapshotStore;
import dev.junction.journal.cli.JournalCommand;
import dev.junction.network.JunctionServer;
import dev.junction.network.RingDoubles;
import dev.junction.network.ServerConfig;
import dev.junction.network.StartupException;
import dev.junction.network.TestSwitch;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's actions against a started switch on the demo cards: each one is journaled, applied by
 * the authorizer and answered with what it decided, and acquirers see its effect at once. A second
 * switch, restarted on its own journal, shows that every effect survives a restart.
 */
class RingAdminActionsTest
{
    private static final String ACTOR = "test";
    private static final AtomicInteger STAN = new AtomicInteger();

    @TempDir
    static Path demoDir;

    static JunctionServer demo;
    static AdminActions actions;
    static NACChannel client;
    static final AtomicReference<Throwable> FATAL = new AtomicReference<>();

    @BeforeAll
    static void startOnTheDemoCards() throws Exception
    {
        demo = new JunctionServer(config(demoDir.resolve("data")).build(), FATAL::set);
        demo.start();
        actions = demo.adminActions();
        client = connect(demo);
    }

    @AfterAll
    static void stop() throws IOException
    {
        client.disconnect();
        demo.close();
        assertNull(FATAL.get(), "no ring stage failed");
    }

    @Test
    void aBlockedDemoCardIsDeclined62AndApprovedAgainOnceUnblocked() throws Exception
    {
        final String pan = DemoData.pan(6);
        final AdminResult blocked = actions.blockCard(pan, ACTOR);
        assertEquals(200, blocked.httpStatus(), blocked.message());
        assertTrue(blocked.message().startsWith("card 400000******0069 blocked (journal sequence "), blocked.message());
        assertEquals("62", authorize(client, pan, 1_000));

        final AdminResult again = actions.blockCard(pan, ACTOR);
        assertEquals(200, again.httpStatus());
        assertTrue(again.message().contains("unchanged: it is blocked already"), again.message());

        final AdminResult unblocked = actions.unblockCard(pan, ACTOR);
        assertEquals(200, unblocked.httpStatus(), unblocked.message());
        assertTrue(unblocked.message().startsWith("card 400000******0069 unblocked"), unblocked.message());
        assertEquals("00", authorize(client, pan, 1_000));
    }

    @Test
    void aLostCardIsNotUnblockedAndStaysDeclined41()
    {
        final AdminResult refused = actions.unblockCard(DemoData.pan(DemoData.LOST_CARD), ACTOR);
        assertEquals(409, refused.httpStatus(), refused.message());
        assertTrue(refused.message().startsWith("card 400000******0010 is lost: a lost or stolen card keeps that status"),
            refused.message());
        assertEquals("41", authorize(client, DemoData.pan(DemoData.LOST_CARD), 100));
    }

    @Test
    void anUnknownCardIs404AndABadPanIs400WithoutShowingIt()
    {
        final AdminResult unknown = actions.blockCard("4000009999999999", ACTOR);
        assertEquals(404, unknown.httpStatus(), unknown.message());
        assertTrue(unknown.message().startsWith("no card 400000******9999"), unknown.message());

        final AdminResult bad = actions.blockCard("400000000000006X", ACTOR);
        assertEquals(400, bad.httpStatus());
        assertFalse(bad.message().contains("400000000000006X"), bad.message());
        assertEquals(400, actions.unblockCard(null, ACTOR).httpStatus());
        assertEquals(404, actions.setCardLimits("4000009999999999", 1, 0, 0, ACTOR).httpStatus());
        assertEquals(400, actions.setCardLimits(DemoData.pan(7), -1, 0, 0, ACTOR).httpStatus());
        assertEquals(400, actions.setCardLimits(DemoData.pan(7), 0, 0, -1, ACTOR).httpStatus());
    }

    @Test
    void aCardLimitDeclines61AboveIt()
    {
        final String pan = DemoData.pan(7);
        final AdminResult set = actions.setCardLimits(pan, 5_000, 0, 0, ACTOR);
        assertEquals(200, set.httpStatus(), set.message());
        assertTrue(set.message().startsWith("card 400000******0077 limits set: max single 5000"), set.message());

        assertEquals("61", authorize(client, pan, 5_001));
        assertEquals("00", authorize(client, pan, 5_000));
    }

    @Test
    void aCreditShowsInABalanceInquiry() throws Exception
    {
        final AdminResult credited = actions.adjustAccount(8, 2_345, 840, "GOODWILL-1", ACTOR);
        assertEquals(200, credited.httpStatus(), credited.message());
        assertTrue(credited.message().startsWith("account 8 credited 2345: balance 1002345, available 1002345"),
            credited.message());

        final ISOMsg inquiry = request("0100", DemoData.pan(8), 0);
        inquiry.set(3, "310000");
        inquiry.unset(4);
        final ISOMsg answer = exchange(client, inquiry);
        assertEquals("00", answer.getString(39));
        assertEquals(String.format("0001840C%012d0002840C%012d", 1_002_345, 1_002_345), answer.getString(54));
    }

    @Test
    void aDebitInAnotherCurrencyOrBeyondTheFundsIsRefusedAndChangesNothing()
    {
        final AdminResult otherCurrency = actions.adjustAccount(9, -100, 978, "FIX-1", ACTOR);
        assertEquals(422, otherCurrency.httpStatus(), otherCurrency.message());
        assertTrue(otherCurrency.message().startsWith("account 9 is in currency 840, not 978; nothing changed"),
            otherCurrency.message());

        final AdminResult beyond = actions.adjustAccount(9, -1_000_001, 840, "FIX-2", ACTOR);
        assertEquals(409, beyond.httpStatus(), beyond.message());
        assertTrue(beyond.message().startsWith("debit of 1000001 refused: account 9 has 1000000 available"),
            beyond.message());

        final AdminResult debited = actions.adjustAccount(9, -1_000_000, 840, "FIX-3", ACTOR);
        assertEquals(200, debited.httpStatus(), debited.message());
        assertTrue(debited.message().startsWith("account 9 debited 1000000: balance 0, available 0"), debited.message());
        assertEquals("51", authorize(client, DemoData.pan(9), 1));
    }

    @Test
    void actionsFromSeveralThreadsAtOnceEachGetTheOutcomeOfTheirOwnRecord() throws InterruptedException
    {
        final int threads = 4;
        final int credits = 25;
        final AtomicReference<String> wrong = new AtomicReference<>();
        final Thread[] operators = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            final long account = 20 + t;
            operators[t] = new Thread(() ->
            {
                for (int i = 1; i <= credits; i++)
                {
                    final AdminResult result = actions.adjustAccount(account, 1, 840, "CONCURRENT", ACTOR);
                    final String expected = "account " + account + " credited 1: balance " + (1_000_000 + i) + ",";
                    if (result.httpStatus() != 200 || !result.message().startsWith(expected))
                    {
                        wrong.compareAndSet(null, "expected " + expected + " got " + result);
                    }
                }
            });
            operators[t].start();
        }
        for (final Thread operator : operators)
        {
            operator.join();
        }
        assertNull(wrong.get());
    }

    @Test
    void anAdjustmentOfAnUnknownAccountIs404AndBadValuesAre400()
    {
        assertEquals(404, actions.adjustAccount(999_999, 1, 840, "X", ACTOR).httpStatus());
        assertEquals(400, actions.adjustAccount(0, 1, 840, "X", ACTOR).httpStatus());
        assertEquals(400, actions.adjustAccount(10, 0, 840, "X", ACTOR).httpStatus());
        assertEquals(400, actions.adjustAccount(10, 1_000_000_000_000_000L, 840, "X", ACTOR).httpStatus());
        assertEquals(400, actions.adjustAccount(10, 1, 1000, "X", ACTOR).httpStatus());
        assertEquals(400, actions.adjustAccount(10, 1, 840, "", ACTOR).httpStatus());
        final AdminResult longReference = actions.adjustAccount(10, 1, 840, "A REFERENCE TOO LONG", ACTOR);
        assertEquals(400, longReference.httpStatus());
        assertEquals("reference must be 1 to 16 printable ASCII characters", longReference.message());
    }

    @Test
    void aCsvLoadCreatesCardsUsableAtOnceAndSaysWhatItSkippedAndWhere()
    {
        final String accounts = "account_id,currency,balance_minor,credit_limit_minor\n200001,840,5000,0\n";
        final String cards = "pan,account_id,expiry_yymm,status\n4111110000000001,200001,3012,active\n\n" +
            "4111110000000002,777777,3012,active\n";
        final AdminResult loaded = actions.loadReferenceData(accounts, cards, ACTOR);
        assertEquals(422, loaded.httpStatus(), loaded.message());
        assertTrue(loaded.message().startsWith("accounts: 1 created, 0 already present, 0 refused; " +
            "cards: 1 created, 0 already present, 1 refused; first refused: cards:4: card 411111******0002"),
            loaded.message());
        assertEquals("00", authorize(client, "4111110000000001", 4_000));
        assertEquals("14", authorize(client, "4111110000000002", 1), "the refused card does not exist");

        final AdminResult again = actions.loadReferenceData(accounts, null, ACTOR);
        assertEquals(200, again.httpStatus(), again.message());
        assertTrue(again.message().startsWith("accounts: 0 created, 1 already present, 0 refused; " +
            "cards: 0 created, 0 already present, 0 refused (journal sequences "), again.message());
    }

    @Test
    void aMalformedCsvLoadsNothingAndNamesItsLine()
    {
        final AdminResult bad = actions.loadReferenceData(null,
            "pan,account_id,expiry_yymm,status\n4111110000000003,1,3012,active\n4111110000000004,1,3013,active\n",
            ACTOR);
        assertEquals(400, bad.httpStatus());
        assertEquals("cards:3: expiry_yymm '3013' is not a YYMM date, e.g. 3012; nothing loaded", bad.message());
        assertEquals("14", authorize(client, "4111110000000003", 1), "the good line before it was not loaded");
        assertEquals(400, actions.loadReferenceData(null, " ", ACTOR).httpStatus());
    }

    @Test
    void aCutoverClosesTheBusinessDayAndSettleSeesItClosed()
    {
        final int todayBefore = today();
        final AdminResult first = actions.cutover(ACTOR);
        assertEquals(200, first.httpStatus(), first.message());
        final int opened = openedDate(first);
        assertTrue(opened >= todayBefore, "never a date before the ingress time's: " + first.message());

        final AdminResult second = actions.cutover(ACTOR);
        assertEquals(200, second.httpStatus(), second.message());
        assertEquals(LocalDate.parse(Integer.toString(opened), DateTimeFormatter.BASIC_ISO_DATE).plusDays(1),
            LocalDate.parse(Integer.toString(openedDate(second)), DateTimeFormatter.BASIC_ISO_DATE),
            "each cutover closes one day");

        final StringWriter err = new StringWriter();
        assertEquals(0, JournalCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "settle",
            "--data", demoDir.resolve("data").toString(), "--day", Integer.toString(opened)), err.toString());
        assertTrue(err.toString().contains("business day " + opened) && err.toString().contains("closed"), err.toString());
    }

    @Test
    void aSnapshotWritesAFileAndASecondOneAtTheSameTimeIs409() throws IOException
    {
        final AdminResult taken = actions.snapshot(ACTOR);
        assertEquals(200, taken.httpStatus(), taken.message());
        final Matcher file = Pattern.compile("snapshot (snapshot-\\d+\\.jsnp) written: state up to sequence \\d+")
            .matcher(taken.message());
        assertTrue(file.find(), taken.message());
        assertTrue(Files.isRegularFile(demoDir.resolve("data").resolve("snapshots").resolve(file.group(1))));

        final AdminActions busy = new RingAdminActions(() -> null, new AdminOutcomes(64), System::nanoTime,
            demoDir.resolve("data"), AuthorizerConfig.defaults(), new AtomicBoolean(true), 1_000);
        assertEquals(503, busy.snapshot(ACTOR).httpStatus(), "not running: nothing to snapshot");
        final Pipeline ring = dummyRing();
        final AdminActions running = new RingAdminActions(() -> ring, new AdminOutcomes(64), System::nanoTime,
            demoDir.resolve("data"), AuthorizerConfig.defaults(), new AtomicBoolean(true), 1_000);
        final AdminResult refused = running.snapshot(ACTOR);
        assertEquals(409, refused.httpStatus());
        assertEquals("a snapshot is being taken already; try again when it is written", refused.message());
    }

    @Test
    void anActionTheRingDoesNotApplyInTimeIs503AndSaysItIsJournaled()
    {
        // A ring whose stages never run: the record is published, its outcome never comes.
        final Pipeline ring = dummyRing();
        final AdminActions stalled = new RingAdminActions(() -> ring, new AdminOutcomes(64),
            System::nanoTime, demoDir, AuthorizerConfig.defaults(), new AtomicBoolean(), 100);
        final AdminResult result = stalled.blockCard(DemoData.pan(6), ACTOR);
        assertEquals(503, result.httpStatus());
        assertTrue(result.message().startsWith("the switch did not apply journal sequence 0 within 100 ms; it is " +
            "journaled and will take effect"), result.message());
    }

    /** With the journal sealed at rest, an operator's snapshot is sealed with the same key, as the interval's are. */
    @Test
    void aSnapshotOnCommandIsSealedWithTheJournalKey(@TempDir final Path dir) throws Exception
    {
        final byte[] raw = new byte[JournalKey.KEY_LENGTH];
        new java.util.Random(7).nextBytes(raw);
        final JournalKey key = JournalKey.of(raw);
        final Path data = dir.resolve("data");
        final String accounts = "account_id,currency,balance_minor,credit_limit_minor\n1,840,10000,0\n";
        final String cards = "pan,account_id,expiry_yymm,status\n4000000000000001,1,3012,active\n";
        final Path accountsFile = Files.writeString(dir.resolve("a.csv"), accounts);
        final Path cardsFile = Files.writeString(dir.resolve("c.csv"), cards);
        final Path file;
        try (JunctionServer server = start(config(data).accountsFile(accountsFile).cardsFile(cardsFile).journalKey(key)
            .build()))
        {
            final AdminResult taken = server.adminActions().snapshot(ACTOR);
            assertEquals(200, taken.httpStatus(), taken.message());
            final Matcher name = Pattern.compile("snapshot (snapshot-\\d+\\.jsnp) written").matcher(taken.message());
            assertTrue(name.find(), taken.message());
            file = data.resolve("snapshots").resolve(name.group(1));
        }
        assertEquals(1, SnapshotStore.read(file, key).restore(config(data).build().authorizerConfig()).cards().count(),
            "it opens with the key");
        assertThrows(Exception.class, () -> SnapshotStore.read(file), "and not without it");
    }

    @Test
    void aSwitchNotStartedOrStoppedAnswers503(@TempDir final Path dir) throws Exception
    {
        final JunctionServer server = new JunctionServer(config(dir.resolve("data")).build(), FATAL::set);
        final AdminResult starting = server.adminActions().cutover(ACTOR);
        assertEquals(503, starting.httpStatus());
        assertEquals("the switch is not running: it is starting or stopping", starting.message());
        server.close();
        assertEquals(503, server.adminActions().snapshot(ACTOR).httpStatus());
    }

    /**
     * Every action's effect on a switch of its own, then a restart: the restarted switch (from the snapshot
     * and the journal after it) and a full replay of the journal reach the digest the first run ended with,
     * and acquirers see every effect still.
     */
    @Test
    void everyEffectSurvivesARestart(@TempDir final Path dir) throws Exception
    {
        final Path data = dir.resolve("data");
        final String pan = "4000000000000001";
        final String loadedPan = "4000000000000002";
        final String accounts = "account_id,currency,balance_minor,credit_limit_minor\n1,840,10000,0\n";
        final String cards = "pan,account_id,expiry_yymm,status\n" + pan + ",1,3012,active\n";
        Files.writeString(dir.resolve("accounts.csv"), accounts);
        Files.writeString(dir.resolve("cards.csv"), cards);
        final ServerConfig config = config(data).accountsFile(dir.resolve("accounts.csv"))
            .cardsFile(dir.resolve("cards.csv")).accountCapacity(100).cardCapacity(100).build();

        final long digest;
        final int businessDate;
        try (JunctionServer first = start(config))
        {
            final NACChannel channel = connect(first);
            final AdminActions admin = first.adminActions();
            assertEquals(200, admin.loadReferenceData(
                "account_id,currency,balance_minor,credit_limit_minor\n2,840,700,0\n",
                "pan,account_id,expiry_yymm,status\n" + loadedPan + ",2,3012,active\n", ACTOR).httpStatus());
            assertEquals(200, admin.setCardLimits(loadedPan, 300, 0, 0, ACTOR).httpStatus());
            assertEquals(200, admin.adjustAccount(1, 5_000, 840, "RESTART", ACTOR).httpStatus());
            assertEquals("00", authorize(channel, pan, 2_000));
            assertEquals(200, admin.snapshot(ACTOR).httpStatus());
            // After the snapshot, so that the restart applies these from the journal.
            assertEquals(200, admin.blockCard(pan, ACTOR).httpStatus());
            businessDate = openedDate(admin.cutover(ACTOR));
            assertEquals(200, admin.adjustAccount(2, -100, 840, "RESTART", ACTOR).httpStatus());
            channel.disconnect();
            first.close();
            digest = first.stateDigest();
        }

        final StringWriter out = new StringWriter();
        assertEquals(0, JournalCommand.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
            "replay", "--data", data.toString(), "--account-capacity", "100", "--card-capacity", "100"), out.toString());
        assertTrue(out.toString().contains("digest " + StateDigest.hex(digest)), "a full replay: " + out);
        assertTrue(out.toString().contains("all match"), out.toString());

        final ServerConfig again = config(data).accountCapacity(100).cardCapacity(100).build();
        final JunctionServer restarted = new JunctionServer(again, FATAL::set);
        final JunctionServer.StartupReport report = restarted.start();
        restarted.close();
        assertTrue(report.snapshot() != null, "restarted from the snapshot the action wrote");
        assertEquals(StateDigest.hex(digest), StateDigest.hex(restarted.stateDigest()), "the snapshot and the journal after it");

        try (JunctionServer third = start(again))
        {
            final NACChannel channel = connect(third);
            assertEquals("62", authorize(channel, pan, 1), "still blocked");
            assertEquals("61", authorize(channel, loadedPan, 301), "the loaded card's limit still stands");
            final ISOMsg inquiry = request("0100", loadedPan, 0);
            inquiry.set(3, "310000");
            inquiry.unset(4);
            assertEquals(String.format("0001840C%012d0002840C%012d", 600, 600), exchange(channel, inquiry).getString(54),
                "the loaded account, less the debit after the snapshot");
            assertEquals("00", authorize(channel, loadedPan, 300));
            assertEquals(nextDay(businessDate), openedDate(third.adminActions().cutover(ACTOR)),
                "the business day the cutover opened is still the one in force");
            channel.disconnect();
        }
    }

    private static int nextDay(final int yyyymmdd)
    {
        return Integer.parseInt(LocalDate.parse(Integer.toString(yyyymmdd), DateTimeFormatter.BASIC_ISO_DATE)
            .plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    private static ServerConfig.Builder config(final Path data)
    {
        return ServerConfig.builder().port(0).adminPort(-1).dataDir(data).accountCapacity(200_000).cardCapacity(200_000)
            .ringSize(1024).tickIntervalMillis(60_000).snapshotIntervalMillis(0).shutdownTimeoutMillis(5_000)
            .adminTimeoutMillis(30_000);
    }

    private static JunctionServer start(final ServerConfig config) throws StartupException
    {
        final JunctionServer server = new JunctionServer(config, FATAL::set);
        server.start();
        return server;
    }

    private static int openedDate(final AdminResult cutover)
    {
        final Matcher opened = Pattern.compile("business day closed; (\\d{8}) is open").matcher(cutover.message());
        assertTrue(opened.find(), cutover.message());
        return Integer.parseInt(opened.group(1));
    }

    private static int today()
    {
        return Integer.parseInt(LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    private static NACChannel connect(final JunctionServer server) throws IOException
    {
        final NACChannel channel = new NACChannel("127.0.0.1", server.address().getPort(), new ISO87BPackager(), null);
        channel.setTimeout(30_000);
        channel.connect();
        return channel;
    }

    /** An 0100 of {@code amountMinor} on {@code pan}; @return field 39 of the answer. */
    private static String authorize(final NACChannel channel, final String pan, final long amountMinor)
    {
        try
        {
            return exchange(channel, request("0100", pan, amountMinor)).getString(39);
        }
        catch (final ISOException | IOException e)
        {
            throw new AssertionError(e);
        }
    }

    /** An acquirer's request under the next STAN of this class, so no two are taken for one another. */
    private static ISOMsg request(final String mti, final String pan, final long amountMinor) throws ISOException
    {
        return TestSwitch.request(mti, pan, amountMinor, STAN.incrementAndGet());
    }

    /** A ring that takes claims but whose stages never start: nothing published on it is ever applied. */
    private static Pipeline dummyRing()
    {
        return new Pipeline(new PipelineConfig(64, 64, "blocking"), new Authorizer(new AuthorizerConfig(1, 1)),
            new RingDoubles.DiscardingInputs(), new RingDoubles.DiscardingOutcomes(),
            new RingDoubles.DiscardingResponses(), 0, RingDoubles.recordFirst(FATAL));
    }
}
