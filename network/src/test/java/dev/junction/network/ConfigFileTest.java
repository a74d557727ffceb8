package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code start --config FILE}: the shipped file names every option with its built-in default, the file's
 * values reach the server's configuration, the command line overrides them, and a bad file stops start-up
 * with one line naming the file, the line and the key.
 */
class ConfigFileTest
{
    /** The shipped file, from the network module's directory (where the tests run). */
    private static final Path SHIPPED = Path.of("..", "config", "junction.properties");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theShippedFileNamesEveryStartOptionWithItsDefault() throws Exception
    {
        final Map<String, String> file = parse(SHIPPED);
        final CommandLine start = new CommandLine(new JunctionCli()).getSubcommands().get("start");
        final Map<String, String> defaults = new LinkedHashMap<>();
        for (final OptionSpec option : start.getCommandSpec().options())
        {
            final String key = option.longestName().substring(2);
            if (!ConfigFile.isNotConfigurable(key))
            {
                final Object initial = option.initialValue();
                defaults.put(key, initial == null ? "" : initial.toString());
            }
        }
        assertEquals(new TreeSet<>(defaults.keySet()), new TreeSet<>(file.keySet()),
            "config/junction.properties must name exactly the options of 'junction start'");
        for (final Map.Entry<String, String> entry : defaults.entrySet())
        {
            assertEquals(entry.getValue(), file.get(entry.getKey()), "default of " + entry.getKey());
        }
    }

    @Test
    void theShippedFileLoadsAsItIs()
    {
        final CommandLine start = new CommandLine(new JunctionCli()).getSubcommands().get("start");
        final ConfigFile config = ConfigFile.load(SHIPPED, start.getCommandSpec());
        assertEquals("8583", config.defaultValue(start.getCommandSpec().findOption("--port")));
        assertEquals(null, config.defaultValue(start.getCommandSpec().findOption("--accounts")), "empty is unset");
    }

    @Test
    void aValueFromTheFileReachesTheConfigurationAndIsNamedWhenWrong() throws Exception
    {
        final Path config = write("# a comment\n\nport = 70000\n");
        assertEquals(2, run("start", "--config", config.toString(), "--data", dir.toString()));
        assertOneLine("junction start: " + config + " line 3, key 'port': port must be 0..65535: 70000");
    }

    @Test
    void theCommandLineOverridesTheFile() throws Exception
    {
        final Path config = write("port = 70000\nmax-frame-bytes = 10\n");
        assertEquals(2, run("start", "--config=" + config, "--port", "70001", "--max-frame-bytes", "4096",
            "--data", dir.toString()));
        assertOneLine("junction start: --port must be 0..65535: 70001");
    }

    @Test
    void aValueOfTheWrongTypeNamesFileLineAndKey() throws Exception
    {
        final Path config = write("host = 127.0.0.1\nmax-frame-bytes = lots\n");
        assertEquals(2, run("start", "--config", config.toString(), "--data", dir.toString()));
        final String line = err.toString().strip();
        assertTrue(line.startsWith("junction start: " + config + " line 2, key 'max-frame-bytes': "), line);
        assertTrue(line.contains("'lots'"), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void anUnknownKeyIsRefused() throws Exception
    {
        final Path config = write("port = 8583\ncolour = blue\n");
        assertEquals(2, run("start", "--config", config.toString()));
        assertOneLine("junction start: " + config + " line 2: unknown key 'colour' (keys are the long options of " +
            "'junction start --help', without the dashes)");
    }

    @Test
    void theFileCannotNameItselfOrHelp() throws Exception
    {
        final Path config = write("config = other.properties\n");
        assertEquals(2, run("start", "--config", config.toString()));
        assertTrue(err.toString().contains("line 1: unknown key 'config'"), err.toString());
    }

    @Test
    void aRepeatedKeyIsRefused() throws Exception
    {
        final Path config = write("port = 1\nport = 2\n");
        assertEquals(2, run("start", "--config", config.toString()));
        assertOneLine("junction start: " + config + " line 2: key 'port' repeats line 1");
    }

    @Test
    void aLineWithoutEqualsIsRefused() throws Exception
    {
        final Path config = write("port 8583\n");
        assertEquals(2, run("start", "--config", config.toString()));
        assertOneLine("junction start: " + config + " line 1: expected key = value, found 'port 8583'");
    }

    @Test
    void aMissingFileIsRefused()
    {
        final Path missing = dir.resolve("none.properties");
        assertEquals(2, run("start", "--config", missing.toString()));
        assertOneLine("junction start: " + missing + ": no such configuration file");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception
    {
        final Path config = dir.resolve("binary.properties");
        Files.write(config, new byte[] {'p', '=', (byte)0xC3, (byte)0x28});
        assertEquals(2, run("start", "--config", config.toString()));
        assertOneLine("junction start: " + config + ": not UTF-8 text");
    }

    private Path write(final String text) throws Exception
    {
        return Files.writeString(dir.resolve("junction-" + System.nanoTime() + ".properties"), text);
    }

    private static Map<String, String> parse(final Path file) throws Exception
    {
        final Map<String, String> values = new LinkedHashMap<>();
        final List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        for (final String raw : lines)
        {
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final int equals = line.indexOf('=');
            values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return values;
    }

    private int run(final String... args)
    {
        return JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void assertOneLine(final String expected)
    {
        assertEquals(expected, err.toString().strip());
    }
}
