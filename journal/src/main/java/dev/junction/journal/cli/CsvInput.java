package dev.junction.journal.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An operator's input CSV (a fee table, an acquirer's file): a header row whose first columns must be
 * exactly the expected ones (more may follow and are ignored), then one record a line, fields split at
 * commas with no quoting, blanks around a field ignored, empty lines skipped. Every problem is a
 * {@link ToolCommand.UsageException} whose message names the file and line, e.g.
 * {@code fees.csv:3: percent_bp 'x' is not a whole number}.
 */
final class CsvInput
{
    /** One record: its line number in the file and its fields, as many as the header's expected columns. */
    record Row(int line, String[] fields)
    {
    }

    private CsvInput()
    {
    }

    static List<Row> read(final Path file, final String... columns)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new ToolCommand.UsageException(file + ": no such file");
        }
        catch (final MalformedInputException ex)
        {
            throw new ToolCommand.UsageException(file + ": not UTF-8 text");
        }
        catch (final IOException ex)
        {
            throw new ToolCommand.UsageException(file + ": cannot read: " + ex.getMessage());
        }
        if (lines.isEmpty() || lines.get(0).isBlank())
        {
            throw new ToolCommand.UsageException(file + ":1: the header row is missing; expected " +
                String.join(",", columns));
        }
        final String[] header = split(strip(lines.get(0)));
        if (header.length < columns.length || !Arrays.equals(Arrays.copyOf(header, columns.length), columns))
        {
            throw new ToolCommand.UsageException(file + ":1: the header must start " + String.join(",", columns) +
                ": '" + lines.get(0) + "'");
        }
        final List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = strip(lines.get(i));
            if (line.isBlank())
            {
                continue;
            }
            final String[] fields = split(line);
            if (fields.length < columns.length)
            {
                throw new ToolCommand.UsageException(file + ":" + (i + 1) + ": " + fields.length + " fields where " +
                    columns.length + " are needed (" + String.join(",", columns) + ")");
            }
            rows.add(new Row(i + 1, Arrays.copyOf(fields, columns.length)));
        }
        return rows;
    }

    /** @return a whole number of at most {@code maxDigits} digits, no sign. */
    static long number(final Path file, final Row row, final String column, final String value, final int maxDigits)
    {
        if (value.isEmpty() || value.length() > maxDigits || !value.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw bad(file, row, column + " '" + value + "' is not a whole number of 1 to " + maxDigits + " digits");
        }
        return Long.parseLong(value);
    }

    static ToolCommand.UsageException bad(final Path file, final Row row, final String problem)
    {
        return new ToolCommand.UsageException(file + ":" + row.line() + ": " + problem);
    }

    private static String[] split(final String line)
    {
        final String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++)
        {
            fields[i] = fields[i].strip();
        }
        return fields;
    }

    /** Drops a byte-order mark and a trailing carriage return, which spreadsheets leave behind. */
    private static String strip(final String line)
    {
        final String noBom = line.startsWith("\uFEFF") ? line.substring(1) : line;
        return noBom.endsWith("\r") ? noBom.substring(0, noBom.length() - 1) : noBom;
    }
}
