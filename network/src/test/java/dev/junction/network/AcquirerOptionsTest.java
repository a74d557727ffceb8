package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code junction start}'s acquirer options: out of range is one line naming the option, and a bad file stops the start. */
class AcquirerOptionsTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anUnknownBeforeSignOnModeExits2NamingTheOption()
    {
        assertEquals(2, run("start", "--before-sign-on", "drop", "--data", dir.toString()));
        assertOneLine("junction start: --before-sign-on must be reject or close: drop");
    }

    @Test
    void aRefusalLimitOutOfRangeExits2NamingTheOption()
    {
        assertEquals(2, run("start", "--max-door-refusals", "0", "--data", dir.toString()));
        assertOneLine("junction start: --max-door-refusals must be 1..1000000: 0");
    }

    @Test
    void aMissingAcquirersFileExits1NamingIt()
    {
        final Path missing = dir.resolve("nope.csv");
        assertEquals(1, run("start", "--port", "0", "--data", dir.resolve("data").toString(), "--acquirers",
            missing.toString()));
        assertOneLine("junction start: " + missing + ": no such file");
    }

    @Test
    void aBadAcquirersRowExits1NamingFileLineAndColumn() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("acquirers.csv"),
            "institution_id,allowed_addresses,mac_algorithm,mac_key\n123456,127.0.0.1,hmac-sha256,env:JUNCTION_TEST_NO_SUCH_VAR\n");
        assertEquals(1, run("start", "--port", "0", "--data", dir.resolve("data").toString(), "--acquirers", file.toString()));
        assertOneLine("junction start: " + file + ":2: mac_key 'env:JUNCTION_TEST_NO_SUCH_VAR': environment variable " +
            "JUNCTION_TEST_NO_SUCH_VAR is not set");
        assertTrue(Files.notExists(dir.resolve("data")), "nothing was started: not even the data directory");
    }

    @Test
    void theDefaultsAreRejectAndTen()
    {
        final ServerConfig config = ServerConfig.defaults();
        assertEquals("reject", config.beforeSignOn());
        assertEquals(10, config.maxDoorRefusals());
        assertEquals(null, config.acquirersFile());
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
