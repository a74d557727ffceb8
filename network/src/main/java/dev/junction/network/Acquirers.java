package dev.junction.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.junction.core.iso.IsoFields;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The acquirers the switch knows, read once at start from the {@code --acquirers} CSV file, and looked
 * up by institution id when a connection signs on. Immutable after loading; shared by every event loop.
 *
 * <p>The file has a header row whose first four columns are exactly
 * {@code institution_id,allowed_addresses,mac_algorithm,mac_key}; further columns are ignored, as are
 * blank lines and lines starting with {@code #}. The whole file is checked before the switch starts:
 * the first bad value stops it with one line naming the file, the line and the column, and never
 * showing key material.
 */
final class Acquirers
{
    static final String[] COLUMNS = {"institution_id", "allowed_addresses", "mac_algorithm", "mac_key"};
    /** The most acquirers one file may name: far above any switch's acquirer count, a bound on start-up work. */
    static final int MAX_ACQUIRERS = 10_000;
    private static final int INSTITUTION_ID = 0;
    private static final int ALLOWED_ADDRESSES = 1;
    private static final int MAC_ALGORITHM = 2;
    private static final int MAC_KEY = 3;
    /** Field 32 is LL numeric, at most 11 digits. */
    private static final int MAX_INSTITUTION_DIGITS = IsoFields.spec(IsoFields.ACQUIRER_ID).maxLength();

    private final Path file;
    private final Long2ObjectHashMap<Acquirer> byInstitution = new Long2ObjectHashMap<>();
    private final List<Acquirer> all;

    private Acquirers(final Path file, final List<Acquirer> acquirers)
    {
        this.file = file;
        this.all = List.copyOf(acquirers);
        for (final Acquirer acquirer : acquirers)
        {
            byInstitution.put(acquirer.institutionKey(), acquirer);
        }
    }

    /**
     * Reads and checks the acquirers file; resolves every key reference ({@link KeyReference}), relative
     * key files against the acquirers file's directory.
     *
     * @param env the environment to read {@code env:} references from (System::getenv, or a map in tests).
     * @throws AcquirersFileException naming the file, line and column of the first problem.
     */
    static Acquirers load(final Path file, final Function<String, String> env) throws AcquirersFileException
    {
        final String source = file.toString();
        final Path baseDir = file.toAbsolutePath().getParent();
        final List<Acquirer> acquirers = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line = reader.readLine();
            int lineNumber = 1;
            if (line == null)
            {
                throw new AcquirersFileException(source + ": is empty; expected a header row " + String.join(",", COLUMNS));
            }
            checkHeader(source, line.startsWith("\uFEFF") ? line.substring(1) : line);
            final java.util.Map<Long, Integer> seen = new java.util.HashMap<>();
            while ((line = reader.readLine()) != null)
            {
                lineNumber++;
                if (line.isBlank() || line.stripLeading().startsWith("#"))
                {
                    continue;
                }
                final Acquirer acquirer = parseRow(source, lineNumber, line.split(",", -1), baseDir, env);
                final Integer earlier = seen.put(acquirer.institutionKey(), lineNumber);
                if (earlier != null)
                {
                    throw error(source, lineNumber, INSTITUTION_ID, "'" + acquirer.institutionId() +
                        "' is already named on line " + earlier);
                }
                acquirers.add(acquirer);
                if (acquirers.size() > MAX_ACQUIRERS)
                {
                    throw new AcquirersFileException(source + ":" + lineNumber + ": more than " + MAX_ACQUIRERS +
                        " acquirers");
                }
            }
        }
        catch (final java.nio.file.NoSuchFileException e)
        {
            throw new AcquirersFileException(source + ": no such file");
        }
        catch (final IOException e)
        {
            throw new AcquirersFileException(source + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (acquirers.isEmpty())
        {
            throw new AcquirersFileException(source + ": names no acquirer; without --acquirers the switch runs open");
        }
        return new Acquirers(file, acquirers);
    }

    private static void checkHeader(final String source, final String header) throws AcquirersFileException
    {
        final String[] names = header.split(",", -1);
        for (int i = 0; i < COLUMNS.length; i++)
        {
            if (i >= names.length || !COLUMNS[i].equals(names[i].trim().toLowerCase(Locale.ROOT)))
            {
                throw new AcquirersFileException(source + ":1: the header must start with " + String.join(",", COLUMNS) +
                    " (column " + (i + 1) + " is '" + (i < names.length ? printable(names[i].trim()) : "") + "')");
            }
        }
    }

    private static Acquirer parseRow(final String source, final int lineNumber, final String[] cells, final Path baseDir,
        final Function<String, String> env) throws AcquirersFileException
    {
        if (cells.length < COLUMNS.length)
        {
            throw new AcquirersFileException(source + ":" + lineNumber + ": has " + cells.length +
                " columns; expected at least " + COLUMNS.length + " (" + String.join(",", COLUMNS) + ")");
        }
        final String institutionId = cells[INSTITUTION_ID].trim();
        if (institutionId.isEmpty() || institutionId.length() > MAX_INSTITUTION_DIGITS ||
            !institutionId.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw error(source, lineNumber, INSTITUTION_ID, "'" + printable(institutionId) +
                "' is not 1 to " + MAX_INSTITUTION_DIGITS + " digits (field 32)");
        }
        final List<AddressBlock> allowed = new ArrayList<>();
        for (final String entry : cells[ALLOWED_ADDRESSES].split(";", -1))
        {
            final String text = entry.trim();
            if (text.isEmpty() && cells[ALLOWED_ADDRESSES].isBlank())
            {
                throw error(source, lineNumber, ALLOWED_ADDRESSES, "is empty; name the addresses or CIDR blocks " +
                    "this acquirer connects from (0.0.0.0/0 for anywhere)");
            }
            if (text.isEmpty())
            {
                continue;
            }
            try
            {
                allowed.add(AddressBlock.parse(text));
            }
            catch (final IllegalArgumentException e)
            {
                throw error(source, lineNumber, ALLOWED_ADDRESSES, "'" + printable(text) + "' " + e.getMessage());
            }
        }
        final String algorithmText = cells[MAC_ALGORITHM].trim();
        final String keyText = cells[MAC_KEY].trim();
        if (algorithmText.isEmpty() != keyText.isEmpty())
        {
            throw error(source, lineNumber, algorithmText.isEmpty() ? MAC_ALGORITHM : MAC_KEY,
                "is empty while " + (algorithmText.isEmpty() ? COLUMNS[MAC_KEY] : COLUMNS[MAC_ALGORITHM]) +
                " is set: give both, or neither for no MAC");
        }
        if (algorithmText.isEmpty())
        {
            return new Acquirer(institutionId, allowed, null, null);
        }
        final MacAlgorithm algorithm = MacAlgorithm.named(algorithmText);
        if (algorithm == null)
        {
            throw error(source, lineNumber, MAC_ALGORITHM, "'" + printable(algorithmText) + "' is not one of " +
                MacAlgorithm.NAMES);
        }
        final byte[] key;
        try
        {
            key = KeyReference.resolve(keyText, baseDir, env);
        }
        catch (final IllegalArgumentException e)
        {
            throw error(source, lineNumber, MAC_KEY, shownReference(keyText) + e.getMessage());
        }
        final String keyProblem = algorithm.checkKeyLength(key.length);
        if (keyProblem != null)
        {
            throw error(source, lineNumber, MAC_KEY, shownReference(keyText) + "the key " + keyProblem);
        }
        return new Acquirer(institutionId, allowed, algorithm, key);
    }

    private static AcquirersFileException error(final String source, final int lineNumber, final int column,
        final String problem)
    {
        return new AcquirersFileException(source + ":" + lineNumber + ": " + COLUMNS[column] + " " + problem);
    }

    /**
     * @return the reference in quotes when it is one ({@code env:} or {@code file:} names where the key is,
     *     not the key), else nothing: a key typed into the column by mistake must not reach a log.
     */
    private static String shownReference(final String keyText)
    {
        return keyText.startsWith("env:") || keyText.startsWith("file:") ? "'" + printable(keyText) + "': " : "";
    }

    /** Control characters would break the one-line message; long values are cut. */
    private static String printable(final String text)
    {
        final String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * @return the acquirer whose institution id has {@code digitCount} digits of value {@code value}
     *     (field 32 as decoded), or null when none is configured.
     */
    Acquirer find(final long value, final int digitCount)
    {
        return byInstitution.get(Acquirer.institutionKey(value, digitCount));
    }

    Collection<Acquirer> all()
    {
        return all;
    }

    Path file()
    {
        return file;
    }

    int withMac()
    {
        return (int)all.stream().filter(acquirer -> acquirer.macAlgorithm() != null).count();
    }
}
