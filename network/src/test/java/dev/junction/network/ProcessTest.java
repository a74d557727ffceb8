package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.junction.core.pipeline.EventKind;
import dev.junction.core.refdata.DemoData;
import dev.junction.journal.JournalReader;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch as an operator runs it: a separate process started with no reference data provisions
 * the demo set, prints its banner, serves, and on SIGTERM answers what it took in and exits with the
 * journal closed and complete.
 */
class ProcessTest
{
    private static final Pattern LISTENING = Pattern.compile("ISO 8583\\s+127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void aNewDataDirectoryGetsTheDemoSetAndSigtermStopsGracefully() throws Exception
    {
        final Path data = dir.resolve("data");
        final Process process = startSwitch(data);
        final List<String> banner = new ArrayList<>();
        final int port;
        try
        {
            port = readBanner(process, banner);
            final NACChannel client = new NACChannel("127.0.0.1", port, new ISO87BPackager(), null);
            client.setTimeout(10_000);
            client.connect();
            client.send(TestSwitch.request("0100", DemoData.pan(DemoData.FIRST_ACTIVE_CARD), 1_000, 1));
            assertEquals("00", client.receive().getString(39));
            client.send(TestSwitch.request("0100", DemoData.pan(DemoData.LOST_CARD), 1_000, 2));
            assertEquals("41", client.receive().getString(39));
            client.send(TestSwitch.request("0100", DemoData.pan(DemoData.EMPTY_ACCOUNT_CARD), 1_000, 3));
            assertEquals("51", client.receive().getString(39));
            client.disconnect();
        }
        finally
        {
            process.destroy();
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the switch did not stop on SIGTERM");
        assertEquals(143, process.exitValue(), "exit status after SIGTERM");

        final String text = String.join("\n", banner);
        assertTrue(text.contains("demo set provisioned: 100,000 accounts, 100,000 cards"), text);
        assertTrue(text.contains("100,000 accounts, 100,000 cards loaded"), text);
        assertTrue(text.contains(data.toAbsolutePath().normalize().toString()), text);
        // The default start warms up on a scratch switch; the journal below holds the three requests only.
        assertTrue(text.matches("(?s).*warm-up +[\\d,]+ requests \\([\\d,]+ approved\\) through a scratch switch in " +
            "[\\d,]+ ms; journal and state untouched.*"), text);
        assertFalse(Files.exists(data.resolve("warm-up")), "the scratch directory is removed");
        try (JournalReader reader = JournalReader.open(data))
        {
            final long requests = JournalCounts.requests(reader);
            assertEquals(3, requests);
            assertEquals(reader.inputCount(), reader.outcomeCount(), "every input has its outcome");
            assertEquals(2 * DemoData.CARD_COUNT, JournalCounts.ofKind(reader, EventKind.ADMIN), "demo admin events");
            assertEquals(1, JournalCounts.ofKind(reader, EventKind.CONNECT));
            assertEquals(1, JournalCounts.ofKind(reader, EventKind.DISCONNECT));
        }
        final java.io.StringWriter toolOut = new java.io.StringWriter();
        final java.io.PrintWriter toolWriter = new java.io.PrintWriter(toolOut, true);
        assertEquals(0, JunctionCli.run(toolWriter, toolWriter, "journal", "verify", "--data", data.toString()),
            toolOut.toString());
        assertEquals(0, JunctionCli.run(toolWriter, toolWriter, "journal", "replay", "--data", data.toString(),
            "--account-capacity", "200000", "--card-capacity", "200000"), toolOut.toString());

        // Tables too large for the tool's heap: one line and the usage status, no stack trace.
        final Exited replay = runToExit("journal", "replay", "--data", data.toString(), "--account-capacity", "200000",
            "--card-capacity", "200000", "--transaction-capacity", "4000000");
        assertEquals(2, replay.status(), replay.output());
        assertOneLine(replay.output(), "junction journal replay: out of heap (at most 512 MB): the authorizer's tables");
    }

    @Test
    void tablesTooLargeForTheHeapStopTheStartWithOneLine() throws Exception
    {
        // 4,000,000 transactions are 768 MB of rows: the 512 MB heap cannot hold them.
        final Exited start = runToExit("start", "--port", "0", "--admin-port", "0", "--data",
            dir.resolve("data").toString(), "--account-capacity", "200000", "--card-capacity", "200000",
            "--transaction-capacity", "4000000");
        assertEquals(1, start.status(), start.output());
        assertOneLine(start.output(), "junction start: the authorizer's tables do not fit in the heap (at most 512 MB) " +
            "with --account-capacity 200000, --card-capacity 200000, --transaction-capacity 4000000 and " +
            "--duplicate-window 65536: lower them, or give the JVM more heap (JUNCTION_JAVA_OPTS=-Xmx...)");
    }

    /** Asserts that, apart from log lines (they start with the time), the output is one line that starts with {@code expected}. */
    private static void assertOneLine(final String output, final String expected)
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : output.split("\n"))
        {
            if (!line.isBlank() && !line.matches("^(\\d{4}-\\d\\d-\\d\\dT)?\\d\\d:\\d\\d:\\d\\d[.,]\\d+.*"))
            {
                lines.add(line);
            }
        }
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).startsWith(expected), output);
    }

    private record Exited(int status, String output)
    {
    }

    /** Runs {@code junction ARGS...} in a JVM of 512 MB of heap to its end; stdout and stderr together. */
    private static Exited runToExit(final String... args) throws Exception
    {
        final Process process = new ProcessBuilder(command(List.of(args))).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + output);
        return new Exited(process.exitValue(), output);
    }

    private static Process startSwitch(final Path data) throws Exception
    {
        return new ProcessBuilder(command(List.of("start", "--port", "0", "--admin-port", "0", "--data", data.toString(),
            "--account-capacity", "200000", "--card-capacity", "200000")))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** {@code java} as {@code bin/junction} runs it (the test JVM's Chronicle flags), 512 MB of heap, then ARGS. */
    private static List<String> command(final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle"))
            {
                command.add(flag);
            }
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JunctionCli.class.getName());
        command.addAll(args);
        return command;
    }

    /** Reads the banner up to "ready" and returns the port it names. */
    private static int readBanner(final Process process, final List<String> banner) throws Exception
    {
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Integer port = null;
        String line;
        while ((line = out.readLine()) != null)
        {
            banner.add(line);
            final Matcher matcher = LISTENING.matcher(line);
            if (matcher.find())
            {
                port = Integer.parseInt(matcher.group(1));
            }
            if (line.equals("ready"))
            {
                break;
            }
        }
        assertNotNull(port, "no port in the banner: " + banner);
        return port;
    }
}
