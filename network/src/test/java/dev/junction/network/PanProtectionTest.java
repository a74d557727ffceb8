package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.junction.core.refdata.Pans;
import dev.junction.journal.JournalKey;
import org.agrona.concurrent.UnsafeBuffer;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PANs at rest and in what people read: a switch run as an operator runs it, with journal encryption on,
 * takes approved, declined, malformed and unknown-card traffic, writes a snapshot, stops, and has every
 * journal tool run on its data directory. No test PAN may then appear, as ASCII digits, as the packed
 * BCD of field 2 or as the 64-bit card key of the snapshot's card table, in the switch's log or stdout,
 * in any tool's output or log, or in any byte under {@code data/journal} and {@code data/snapshots}.
 * Without the key, or with another, the switch and the tools refuse in one line.
 */
class PanProtectionTest
{
    private static final String APPROVED = "4532015112830366";
    private static final String EMPTY = "5425233430109903";
    private static final String LOST = "4916338506082832";
    /** 15 digits: its packed BCD ends in a pad nibble. */
    private static final String AMEX = "371449635398431";
    /** In no cards file: declined 14. */
    private static final String UNKNOWN = "6011000990139424";
    /** Provisioned, but sent only in a truncated request: answered 30, echoing field 2. */
    private static final String MALFORMED = "4485275742308327";
    /** Sent only in a response MTI, which the switch ignores with a log line. */
    private static final String IN_A_RESPONSE = "4024007186492318";
    private static final List<String> PANS = List.of(APPROVED, EMPTY, LOST, AMEX, UNKNOWN, MALFORMED, IN_A_RESPONSE);
    private static final String[] CAPACITIES = {"--account-capacity", "100", "--card-capacity", "100",
        "--transaction-capacity", "1024", "--duplicate-window", "1024"};

    @TempDir
    static Path dir;

    static Path data;
    static Path keyFile;
    static String keyId;
    /** What people read: every line of the switch's log and stdout, every tool's output, the tools' log. */
    static final Map<String, String> readable = new LinkedHashMap<>();
    static final Map<String, String> answers = new LinkedHashMap<>();

    @BeforeAll
    static void runTheSwitchWithEncryptionThenEveryTool() throws Exception
    {
        data = dir.resolve("data");
        final byte[] raw = new byte[JournalKey.KEY_LENGTH];
        new java.security.SecureRandom().nextBytes(raw);
        keyFile = Files.writeString(dir.resolve("journal.key"), HexFormat.of().formatHex(raw) + "\n");
        keyId = JournalKey.of(raw).idHex();
        final Path accounts = Files.writeString(dir.resolve("accounts.csv"), String.join("\n",
            "account_id,currency,balance_minor,credit_limit_minor", "1,840,900000000,0", "2,840,0,0", ""));
        final Path cards = Files.writeString(dir.resolve("cards.csv"), String.join("\n",
            "pan,account_id,expiry_yymm,status", APPROVED + ",1,3012,active", EMPTY + ",2,3012,active",
            LOST + ",1,3012,lost", AMEX + ",1,3012,active", MALFORMED + ",1,3012,active", ""));
        final Path rules = Files.writeString(dir.resolve("rules.txt"),
            "version 1\ncard-limits " + APPROVED + " max-single=500000\n");
        final Path log = dir.resolve("switch.log");
        final List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--accounts", accounts.toString(),
            "--cards", cards.toString(), "--rules", rules.toString(), "--journal-key-file", keyFile.toString(),
            "--snapshot-interval-ms", "200"));
        args.addAll(List.of(CAPACITIES));

        final SwitchProcess junction = SwitchProcess.start(log, args.toArray(String[]::new));
        try
        {
            sendTraffic(junction.port());
            awaitSnapshot(junction);
        }
        finally
        {
            assertEquals(143, junction.stop(), "exit status after SIGTERM");
        }
        readable.put("switch stdout", String.join("\n", junction.output()));
        readable.put("switch log", Files.readString(log));

        try (LogCapture toolLog = new LogCapture())
        {
            final String day = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
            final Path acquirerFile = Files.writeString(dir.resolve("acquirer.csv"),
                "rrn,stan,terminal,amount_minor,response_code\nRRN000000001,1,TERM0001,1000,00\n");
            tool(0, "verify");
            tool(0, "verify", "--journal-key-file", keyFile.toString());
            tool(0, "replay", "--journal-key-file", keyFile.toString(), CAPACITIES);
            tool(0, "replay", "--from-snapshot", "--journal-key-file", keyFile.toString(), CAPACITIES);
            tool(0, "dump", "--journal-key-file", keyFile.toString());
            tool(0, "dump", "--format", "json", "--journal-key-file", keyFile.toString());
            tool(0, "stats", "--journal-key-file", keyFile.toString());
            tool(0, "settle", "--day", day, "--journal-key-file", keyFile.toString());
            tool(-1, "reconcile", "--day", day, "--file", acquirerFile.toString(), "--journal-key-file",
                keyFile.toString());
            tool(0, "snapshot", "--journal-key-file", keyFile.toString(), CAPACITIES);
            readable.put("tools' log", String.join("\n", toolLog.lines()));
        }
    }

    @Test
    void noPanAppearsInLogsToolOutputsOrTheBytesOfTheJournalAndSnapshots() throws IOException
    {
        assertEquals(Map.of(APPROVED, "00", EMPTY, "51", LOST, "41", AMEX, "00", UNKNOWN, "14", MALFORMED, "30",
            APPROVED + " over its limit", "61"), answers);
        assertTrue(readable.get("switch stdout").contains("journal payloads and snapshots encrypted (AES-256-GCM, key id " +
            keyId + ")"), readable.get("switch stdout"));
        // The test class path's logback writes to stdout, the operator's to stderr: both are kept.
        final String switchLines = readable.get("switch stdout") + "\n" + readable.get("switch log");
        assertTrue(switchLines.contains("malformed 0100") && switchLines.contains("ignored a 0110"),
            "the log holds the traffic's lines: " + switchLines);
        assertTrue(switchLines.contains("snapshot snapshot-"), switchLines);
        final String dump = readable.get("dump --journal-key-file");
        for (final String pan : List.of(APPROVED, EMPTY, LOST, AMEX, UNKNOWN, MALFORMED))
        {
            assertTrue(dump.contains(Pans.mask(pan)), "the journal holds " + Pans.mask(pan) + ", encrypted: " + dump);
        }
        assertTrue(readable.get("verify").contains("encrypted (AES-256-GCM, key id " + keyId + ")"),
            readable.get("verify"));

        for (final Map.Entry<String, String> text : readable.entrySet())
        {
            for (final String pan : PANS)
            {
                assertFalse(text.getValue().contains(pan), text.getKey() + " shows " + Pans.mask(pan) + " in full");
            }
        }
        final List<Path> files = filesUnder(data.resolve("journal"), data.resolve("snapshots"));
        assertTrue(files.stream().anyMatch(file -> file.toString().endsWith(".cq4")), files.toString());
        assertTrue(files.stream().anyMatch(file -> file.toString().endsWith(".jsnp")), files.toString());
        for (final Path file : files)
        {
            final byte[] bytes = Files.readAllBytes(file);
            for (final String pan : PANS)
            {
                for (final Map.Entry<String, byte[]> form : forms(pan).entrySet())
                {
                    assertEquals(-1, indexOf(bytes, form.getValue()),
                        data.relativize(file) + " holds " + Pans.mask(pan) + " as " + form.getKey());
                }
            }
        }
    }

    @Test
    void theNeedlesMatchHowTheWireCarriesAPan() throws Exception
    {
        // The BCD needle is found in the request that carried the PAN, so its absence from the files means something.
        for (final String pan : List.of(APPROVED, AMEX))
        {
            final byte[] request = RawClient.pack(TestSwitch.request("0100", pan, 100, 1));
            assertTrue(indexOf(request, forms(pan).get("packed BCD")) >= 0, Pans.mask(pan));
        }
    }

    @Test
    void withoutTheKeyOrWithAnotherTheSwitchAndTheToolsRefuseInOneLine() throws IOException
    {
        final byte[] other = new byte[JournalKey.KEY_LENGTH];
        final Path otherKey = Files.writeString(dir.resolve("other.key"), HexFormat.of().formatHex(other));
        final String otherId = JournalKey.of(other).idHex();
        for (final String tool : List.of("replay", "dump", "stats", "snapshot"))
        {
            final Cli none = Cli.run("journal", tool, "--data", data.toString());
            none.assertOneLine(2, "junction journal " + tool + ": ", "is encrypted (journal key id " + keyId + ")");
            final Cli wrong = Cli.run("journal", tool, "--data", data.toString(), "--journal-key-file", otherKey.toString());
            wrong.assertOneLine(2, "junction journal " + tool + ": ", "journal key does not match (key id " + otherId +
                " given; ");
        }
        final List<String> start = new ArrayList<>(List.of("start", "--port", "0", "--data", data.toString()));
        start.addAll(List.of(CAPACITIES));
        final Cli wrongStart = Cli.run(concat(start, "--journal-key-file", otherKey.toString()));
        wrongStart.assertOneLine(1, "junction start: ", "journal key does not match (key id " + otherId + " given; ");
        final Cli keyless = Cli.run(concat(start));
        keyless.assertOneLine(1, "junction start: ", "is encrypted (journal key id " + keyId + ")");
    }

    private static String[] concat(final List<String> args, final String... more)
    {
        final List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static void sendTraffic(final int port) throws Exception
    {
        final NACChannel client = new NACChannel("127.0.0.1", port, new ISO87BPackager(), null);
        client.setTimeout(10_000);
        client.connect();
        try
        {
            int stan = 1;
            for (final String pan : List.of(APPROVED, EMPTY, LOST, AMEX, UNKNOWN))
            {
                client.send(TestSwitch.request("0200", pan, 1_000, stan++));
                answers.put(pan, client.receive().getString(39));
            }
            client.send(TestSwitch.request("0200", APPROVED, 600_000, stan++));
            answers.put(APPROVED + " over its limit", client.receive().getString(39));
        }
        finally
        {
            client.disconnect();
        }
        try (RawClient raw = new RawClient(port))
        {
            final byte[] whole = RawClient.pack(TestSwitch.request("0100", MALFORMED, 1_000, 90));
            raw.sendFrame(Arrays.copyOf(whole, whole.length - 12));
            final ISOMsg answer = raw.readAnswer();
            assertNotNull(answer, "the truncated request was answered");
            answers.put(MALFORMED, answer.getString(39));

            final ISOMsg response = TestSwitch.request("0110", IN_A_RESPONSE, 1_000, 91);
            response.set(39, "00");
            raw.sendFrame(RawClient.pack(response));
            // An echo after it: its answer shows the ignored response was taken in and passed over.
            raw.sendFrame(RawClient.pack(TestSwitch.networkManagement("301", 92)));
            assertEquals("0810", raw.readAnswer().getMTI());
        }
    }

    /** Until a snapshot file is there and the switch has logged it (the line follows the file). */
    private static void awaitSnapshot(final SwitchProcess junction) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            if (!filesUnder(data.resolve("snapshots")).stream().filter(f -> f.toString().endsWith(".jsnp")).toList()
                .isEmpty() && String.join("\n", junction.output()).contains("snapshot snapshot-"))
            {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no snapshot was written within 60 s");
    }

    /** Runs {@code junction journal TOOL ARGS...} in process; keeps its output under its command line. */
    private static void tool(final int exit, final String tool, final String... args)
    {
        tool(exit, tool, args, new String[0]);
    }

    private static void tool(final int exit, final String tool, final String first, final String second,
        final String[] more)
    {
        tool(exit, tool, new String[] {first, second}, more);
    }

    private static void tool(final int exit, final String tool, final String first, final String second,
        final String third, final String[] more)
    {
        tool(exit, tool, new String[] {first, second, third}, more);
    }

    private static void tool(final int exit, final String tool, final String[] args, final String[] more)
    {
        final List<String> command = new ArrayList<>(List.of("journal", tool, "--data", data.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of(more));
        final Cli cli = Cli.run(command.toArray(String[]::new));
        if (exit >= 0)
        {
            assertEquals(exit, cli.exit, cli.toString());
        }
        final String name = (tool + " " + String.join(" ", args)).strip().replace(" " + keyFile, "");
        readable.put(name, cli.out + cli.err);
    }

    /** @return the ways a PAN can sit in a file: its digits, field 2's packed BCD, the card table's 64-bit key. */
    private static Map<String, byte[]> forms(final String pan)
    {
        final Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("ASCII digits", pan.getBytes(StandardCharsets.US_ASCII));
        final String padded = pan.length() % 2 == 0 ? pan : pan + "0";
        forms.put("packed BCD", HexFormat.of().parseHex(padded));
        final byte[] little = new byte[Long.BYTES];
        new UnsafeBuffer(little).putLong(0, Pans.key(pan), ByteOrder.LITTLE_ENDIAN);
        forms.put("64-bit key, little-endian", little);
        final byte[] big = new byte[Long.BYTES];
        new UnsafeBuffer(big).putLong(0, Pans.key(pan), ByteOrder.BIG_ENDIAN);
        forms.put("64-bit key, big-endian", big);
        return forms;
    }

    private static List<Path> filesUnder(final Path... directories) throws IOException
    {
        final List<Path> files = new ArrayList<>();
        for (final Path directory : directories)
        {
            if (Files.isDirectory(directory))
            {
                try (Stream<Path> walk = Files.walk(directory))
                {
                    files.addAll(walk.filter(Files::isRegularFile).toList());
                }
            }
        }
        return files;
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code junction ARGS...} run in process, with what it printed. */
    private record Cli(int exit, String out, String err)
    {
        static Cli run(final String... args)
        {
            final StringWriter out = new StringWriter();
            final StringWriter err = new StringWriter();
            final int exit = JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Cli(exit, out.toString(), err.toString());
        }

        void assertOneLine(final int status, final String prefix, final String message)
        {
            assertEquals(status, exit, toString());
            final List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), toString());
            assertTrue(lines.get(0).startsWith(prefix) && lines.get(0).contains(message), toString());
        }

        @Override
        public String toString()
        {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
