package dev.junction.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.junction.benchmarks.floor.EchoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code junction load} as a user meets it: exit statuses and one-line errors. */
class LoadCliTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return LoadCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String errText()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNegativeRateIsAUsageErrorOnOneLine()
    {
        assertEquals(2, run("--rate", "-5"));
        assertEquals("junction load: --rate must be 0 (saturate) or up to 10000000: -5 (see --help)" + System.lineSeparator(), errText());
    }

    @Test
    void anUnknownKindInTheMixIsAUsageError()
    {
        assertEquals(2, run("--mix", "auth=70,transfer=30"));
        assertOneLine("junction load: --mix: unknown kind 'transfer'");
    }

    @Test
    void aDurationWithoutAUnitWeKnowIsAUsageError()
    {
        assertEquals(2, run("--duration", "10 fortnights"));
        assertOneLine("junction load: ");
    }

    @Test
    void anUnknownOptionIsAUsageError()
    {
        assertEquals(2, run("--ratee", "5"));
        assertOneLine("junction load: Unknown option");
    }

    @Test
    void tooFewCardsToSkipTheDeclineCardsIsAUsageError()
    {
        assertEquals(2, run("--cards", "5"));
        assertOneLine("junction load: --cards must be 6..999999999");
    }

    @Test
    void aRefusedConnectionIsOneLineAndExitOne() throws Exception
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0))
        {
            port = probe.getLocalPort();
        }
        assertEquals(1, run("--port", Integer.toString(port), "--duration", "1s"));
        assertEquals("junction load: cannot connect to 127.0.0.1:" + port + ": Connection refused" + System.lineSeparator(), errText());
    }

    @Test
    void aCleanRunAgainstTheFloorExitsZeroAndWritesItsFiles(@TempDir final Path dir) throws Exception
    {
        try (EchoServer floor = new EchoServer("127.0.0.1", 0, 1, "auto"))
        {
            final int port = floor.start().getPort();
            final Path hgrm = dir.resolve("floor.hgrm");
            final Path png = dir.resolve("floor.png");
            final int status = run("--port", Integer.toString(port), "--expect-echo", "--rate", "1000", "--connections", "2",
                "--duration", "1s", "--warmup", "200ms", "--hgrm", hgrm.toString(), "--plot", png.toString());
            final String report = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, status, report + errText());
            assertTrue(report.contains("p99.99"), report);
            assertTrue(report.contains("result: clean"), report);
            assertTrue(Files.size(hgrm) > 0);
            assertTrue(Files.size(png) > 0);
        }
    }

    private void assertOneLine(final String prefix)
    {
        final String text = errText();
        assertTrue(text.startsWith(prefix), text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(!text.contains("\tat "), "no stack trace: " + text);
    }
}
