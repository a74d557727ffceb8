package dev.junction.network.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.junction.network.JunctionCli;
import dev.junction.network.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin options of {@code junction start}: defaults, validation that names the option, and the token. */
class AdminOptionsTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int start(final String... options)
    {
        final String[] args = new String[options.length + 5];
        args[0] = "start";
        args[1] = "--port";
        args[2] = "0";
        args[3] = "--data";
        args[4] = dir.resolve("data").toString();
        System.arraycopy(options, 0, args, 5, options.length);
        return JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void assertOneLine(final String expected)
    {
        assertEquals(expected + System.lineSeparator(), err.toString());
    }

    @Test
    void theDefaultsAreLoopbackPort8584AndTheDocumentedLimits()
    {
        final ServerConfig config = ServerConfig.defaults();
        assertEquals("127.0.0.1", config.adminHost());
        assertEquals(8584, config.adminPort());
        assertEquals(16 * 1024 * 1024, config.adminMaxBodyBytes());
        assertEquals(8, config.adminMaxConnections());
        assertEquals(30_000, config.adminIdleTimeoutMillis());
        assertEquals(16, config.adminQueueCapacity());
        assertEquals(null, config.adminTokenFile());
        assertTrue(config.adminEnabled());
        assertFalse(ServerConfig.builder().adminPort(-1).build().adminEnabled());
    }

    @Test
    void anOutOfRangeAdminOptionExits2NamingIt()
    {
        assertEquals(2, start("--admin-port", "70000"));
        assertOneLine("junction start: --admin-port must be 0..65535, or -1 for none: 70000");
    }

    @Test
    void eachAdminLimitIsValidatedByName()
    {
        for (final String[] bad : new String[][] {
            {"--admin-max-body-bytes", "100", "admin-max-body-bytes must be 1024..1073741824: 100"},
            {"--admin-max-connections", "0", "admin-max-connections must be 1..1024: 0"},
            {"--admin-idle-timeout-ms", "5", "admin-idle-timeout-ms must be 100..3600000: 5"},
            {"--admin-queue-capacity", "0", "admin-queue-capacity must be 1..1024: 0"},
            {"--admin-token-env", "NOT-A-NAME", "admin-token-env must name an environment variable, e.g. " +
                "JUNCTION_ADMIN_TOKEN: NOT-A-NAME"}})
        {
            err.getBuffer().setLength(0);
            assertEquals(2, start(bad[0], bad[1]), bad[0]);
            assertOneLine("junction start: --" + bad[2]);
        }
    }

    @Test
    void aTokenFileAndATokenVariableTogetherExit2()
    {
        assertEquals(2, start("--admin-token-file", "t", "--admin-token-env", "T"));
        assertOneLine("junction start: --admin-token-file and --admin-token-env cannot both be given");
    }

    @Test
    void aMissingTokenFileExits1NamingTheOption()
    {
        final Path missing = dir.resolve("no-token");
        assertEquals(1, start("--admin-port", "0", "--admin-token-file", missing.toString()));
        assertOneLine("junction start: cannot read --admin-token-file " + missing + ": no such file");
        assertFalse(Files.exists(dir.resolve("data")), "nothing was started: the journal was never opened");
    }

    @Test
    void aShortTokenExits1WithoutShowingIt() throws Exception
    {
        final Path token = Files.writeString(dir.resolve("token"), "tooshort\n");
        assertEquals(1, start("--admin-port", "0", "--admin-token-file", token.toString()));
        assertOneLine("junction start: the admin token in --admin-token-file " + token + " must be at least 16 characters");
        assertFalse(err.toString().contains("tooshort"));
    }

    @Test
    void anAdminPortInUseExits1NamingTheAddress() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            assertEquals(1, start("--admin-port", Integer.toString(taken.getLocalPort())));
            assertTrue(err.toString().startsWith("junction start: cannot listen for admin HTTP on 127.0.0.1:" +
                taken.getLocalPort() + ": "), err.toString());
            assertEquals(1, err.toString().lines().count(), err.toString());
        }
    }

    @Test
    void helpListsEveryAdminOption()
    {
        assertEquals(0, JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "start", "--help"));
        for (final String option : new String[] {"--admin-host", "--admin-port", "--admin-token-file",
            "--admin-token-env", "--admin-max-body-bytes", "--admin-max-connections", "--admin-idle-timeout-ms",
            "--admin-queue-capacity"})
        {
            assertTrue(out.toString().contains(option), option);
        }
    }

    @Test
    void theTokenMayComeFromAnEnvironmentVariable()
    {
        final AdminToken token = AdminToken.fromEnvironment("JUNCTION_ADMIN_TOKEN",
            Map.of("JUNCTION_ADMIN_TOKEN", "from-the-environment-42"));
        assertTrue(token.admits("Bearer from-the-environment-42"));
        assertTrue(token.admits("bearer from-the-environment-42"), "the scheme is case-insensitive");
        assertFalse(token.admits("Bearer from-the-environment-4"));
        assertFalse(token.admits("from-the-environment-42"));
        assertFalse(token.admits(null));
        final IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
            () -> AdminToken.fromEnvironment("JUNCTION_ADMIN_TOKEN", Map.of()));
        assertEquals("the environment variable JUNCTION_ADMIN_TOKEN named by --admin-token-env is not set",
            unset.getMessage());
        assertFalse(AdminToken.none().admits("Bearer anything-at-all-here"));
    }
}
