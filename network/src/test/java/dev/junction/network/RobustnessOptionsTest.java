package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection limits and timeouts are options with defaults; a bad value stops the start naming the option. */
class RobustnessOptionsTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theDefaultsAreTheDocumentedOnes()
    {
        final ServerConfig config = ServerConfig.defaults();
        assertEquals(64, config.maxConnectionsPerAddress());
        assertEquals(64 * 1024, config.writeBufferLowBytes());
        assertEquals(256 * 1024, config.writeBufferHighBytes());
        assertEquals(30_000, config.slowReaderTimeoutMillis());
        assertEquals(60_000, config.idleEchoMillis());
        assertEquals(180_000, config.idleCloseMillis());
        assertEquals(256, config.minFreeDiskMb());
    }

    @Test
    void helpListsEachOptionWithItsDefault()
    {
        assertEquals(0, run("start", "--help"));
        for (final String option : new String[] {"--max-connections-per-address", "--write-buffer-low-bytes",
            "--write-buffer-high-bytes", "--slow-reader-timeout-ms", "--idle-echo-ms", "--idle-close-ms",
            "--min-free-disk-mb"})
        {
            assertTrue(out.toString().contains(option), option + " in " + out);
        }
        assertTrue(out.toString().contains("(default: 180000)"), out.toString());
    }

    @Test
    void eachOutOfRangeValueExits2NamingItsOption()
    {
        assertRefused("junction start: --max-connections-per-address must be 1..65535: 0",
            "--max-connections-per-address", "0");
        assertRefused("junction start: --write-buffer-high-bytes must be 1024..1073741824: 100",
            "--write-buffer-high-bytes", "100");
        assertRefused("junction start: --write-buffer-low-bytes must be 1..write-buffer-high-bytes (262144): 300000",
            "--write-buffer-low-bytes", "300000");
        assertRefused("junction start: --slow-reader-timeout-ms must be 0 (never) or 10..86400000: 5",
            "--slow-reader-timeout-ms", "5");
        assertRefused("junction start: --idle-echo-ms must be 0 (never) or 10..86400000: -1", "--idle-echo-ms", "-1");
        assertRefused("junction start: --idle-close-ms must be 0 (never) or 10..86400000: 86400001",
            "--idle-close-ms", "86400001");
        assertRefused("junction start: --idle-echo-ms must be below idle-close-ms (1000), or 0: 1000",
            "--idle-echo-ms", "1000", "--idle-close-ms", "1000");
        assertRefused("junction start: --min-free-disk-mb must be 0 (never) .. 1048576: -1", "--min-free-disk-mb", "-1");
        assertRefused("junction start: --min-free-disk-mb must be 0 (never) .. 1048576: 1048577",
            "--min-free-disk-mb", "1048577");
    }

    @Test
    void zeroDisablesEachTimeout()
    {
        final ServerConfig config = ServerConfig.builder().slowReaderTimeoutMillis(0).idleEchoMillis(0)
            .idleCloseMillis(0).build();
        assertTrue(!config.connectionTimeouts().any());
        assertEquals(25, ServerConfig.builder().idleEchoMillis(100).idleCloseMillis(0).slowReaderTimeoutMillis(0).build()
            .connectionTimeouts().checkIntervalMillis(), "a quarter of the shortest timeout");
    }

    private void assertRefused(final String line, final String... options)
    {
        final String[] args = new String[options.length + 3];
        args[0] = "start";
        args[1] = "--data";
        args[2] = dir.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(2, run(args), err.toString());
        assertEquals(line + System.lineSeparator(), err.toString());
    }

    private int run(final String... args)
    {
        return JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
