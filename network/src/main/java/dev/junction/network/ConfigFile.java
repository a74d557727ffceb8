package dev.junction.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration file of {@code junction start --config FILE}: one {@code key = value} per line, where
 * each key is a long option name without its dashes ({@code port = 8583}), {@code #} starts a comment line,
 * and an empty value means "not set". Its values become the options' defaults, so anything given on the
 * command line wins. A key that names no option, a repeated key or a line without {@code =} stops start-up
 * with a message naming the file, the line and the key; so does a value the option cannot take.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider
{
    /** Most bytes read from a configuration file: it is a page of settings, not data. */
    static final int MAX_BYTES = 1 << 20;

    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    private ConfigFile(final Path file)
    {
        this.file = file;
    }

    /**
     * Reads and checks a file against the options of {@code spec}.
     *
     * @throws IllegalArgumentException with a one-line message naming the file (and line) when it cannot be used.
     */
    static ConfigFile load(final Path file, final CommandSpec spec)
    {
        final ConfigFile config = new ConfigFile(file);
        final List<String> text = read(file);
        for (int i = 0; i < text.size(); i++)
        {
            final String line = text.get(i).strip();
            final int number = i + 1;
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException(config.where(number) + ": expected key = value, found '" +
                    abbreviate(line) + "'");
            }
            final String key = line.substring(0, equals).strip();
            final String value = line.substring(equals + 1).strip();
            final OptionSpec option = spec.findOption("--" + key);
            if (option == null || !option.longestName().equals("--" + key) || isNotConfigurable(key))
            {
                throw new IllegalArgumentException(config.where(number) + ": unknown key '" + abbreviate(key) +
                    "' (keys are the long options of 'junction start --help', without the dashes)");
            }
            if (config.values.containsKey(key))
            {
                throw new IllegalArgumentException(config.where(number) + ": key '" + key + "' repeats line " +
                    config.lines.get(key));
            }
            config.values.put(key, value);
            config.lines.put(key, number);
        }
        return config;
    }

    /** Options that make no sense in a file: help, version, and the file itself. */
    static boolean isNotConfigurable(final String key)
    {
        return key.equals("config") || key.equals("help") || key.equals("version");
    }

    @Override
    public String defaultValue(final ArgSpec argSpec)
    {
        if (!(argSpec instanceof OptionSpec option))
        {
            return null;
        }
        final String value = values.get(option.longestName().substring(2));
        return value == null || value.isEmpty() ? null : value;
    }

    /** @return "FILE line N, key 'K'" when {@code optionName} (with dashes) was set by this file, else null. */
    String describe(final String optionName)
    {
        final String key = optionName.startsWith("--") ? optionName.substring(2) : optionName;
        final Integer line = lines.get(key);
        if (line == null || values.get(key).isEmpty())
        {
            return null;
        }
        return where(line) + ", key '" + key + "'";
    }

    Path file()
    {
        return file;
    }

    private String where(final int line)
    {
        return file + " line " + line;
    }

    private static List<String> read(final Path file)
    {
        try
        {
            if (Files.isDirectory(file))
            {
                throw new IllegalArgumentException(file + ": is a directory, not a configuration file");
            }
            if (Files.size(file) > MAX_BYTES)
            {
                throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " bytes; not a configuration file");
            }
            final String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
            return List.of(text.split("\r?\n", -1));
        }
        catch (final NoSuchFileException e)
        {
            throw new IllegalArgumentException(file + ": no such configuration file");
        }
        catch (final CharacterCodingException e)
        {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage());
        }
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /**
     * Finds {@code --config FILE} (or {@code --config=FILE}) among the arguments of {@code start}, before picocli
     * parses them, since the file's values must be in place as defaults when parsing begins.
     *
     * @return the path, or null when none is given.
     */
    static Path findConfigArgument(final String[] args)
    {
        for (int i = 0; i < args.length; i++)
        {
            if (args[i].equals("--"))
            {
                return null;
            }
            if (args[i].equals("--config"))
            {
                return i + 1 < args.length ? Path.of(args[i + 1]) : null;
            }
            if (args[i].startsWith("--config="))
            {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}
