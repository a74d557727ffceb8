package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.journal.JournalSurgery;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every tool answers a wrong directory, a damaged journal and a wrong command line with one line on
 * stderr ("junction journal TOOL: ...") and an exit status, never a stack trace: 2 for usage (including
 * a --data that holds no journal), 1 for a journal that cannot be trusted.
 */
class BadInputTest
{
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"verify", "replay", "dump", "stats"})
    void aMissingDirectoryIsAUsageError(final String tool)
    {
        final Cli cli = Cli.run(tool, "--data", tmp.resolve("nowhere").toString());
        assertOneLine(cli, 2, tool, "no journal at " + tmp.resolve("nowhere") + ": the directory does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "replay", "dump", "stats"})
    void anEmptyDirectoryIsAUsageError(final String tool)
    {
        final Cli cli = Cli.run(tool, "--data", tmp.toString());
        assertOneLine(cli, 2, tool, tmp + " is not a Junction journal: journal/input holds no Chronicle Queue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "replay", "dump", "stats"})
    void aForeignDirectoryIsAUsageError(final String tool) throws IOException
    {
        Files.writeString(tmp.resolve("notes.txt"), "not a journal");
        Files.createDirectories(tmp.resolve("journal/input"));
        Files.writeString(tmp.resolve("journal/input/20260101.log"), "nor is this");

        final Cli cli = Cli.run(tool, "--data", tmp.toString());
        assertOneLine(cli, 2, tool, tmp + " is not a Junction journal: journal/input holds no Chronicle Queue");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "replay", "dump", "stats"})
    void aJournalMissingOneQueueIsABadJournal(final String tool) throws Exception
    {
        LiveJournal.standard().writeTo(tmp);
        deleteTree(tmp.resolve("journal/outcome"));

        final Cli cli = Cli.run(tool, "--data", tmp.toString());
        assertOneLine(cli, 1, tool, "journal/outcome holds no Chronicle Queue (no metadata.cq4t), yet the other " +
            "queue is there: an incomplete journal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "replay", "dump", "stats"})
    void aTruncatedQueueFileIsABadJournal(final String tool) throws Exception
    {
        LiveJournal.standard().writeTo(tmp);
        truncate(JournalSurgery.cycleFile(tmp, JournalSurgery.INPUT), 4096);

        final Cli cli = Cli.run(tool, "--data", tmp.toString());
        assertOneLine(cli, 1, tool, "cannot read the journal in " + tmp + ": a queue file ends before its data, " +
            "truncated or damaged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "replay", "dump", "stats"})
    void aQueueFileTruncatedToNothingIsABadJournal(final String tool) throws Exception
    {
        LiveJournal.standard().writeTo(tmp);
        final Path file = JournalSurgery.cycleFile(tmp, JournalSurgery.INPUT);
        truncate(file, 0);

        final Cli cli = Cli.run(tool, "--data", tmp.toString());
        assertOneLine(cli, 1, tool, tmp.relativize(file) + " is empty (0 bytes): the file was truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "replay", "dump", "stats"})
    void aJournalOfAnotherFormatVersionIsABadJournal(final String tool) throws Exception
    {
        LiveJournal.standard().writeTo(tmp);
        JournalSurgery.replace(tmp, JournalSurgery.INPUT, List.of(JournalSurgery.inputRecord(0, (byte)1)));
        JournalSurgery.replace(tmp, JournalSurgery.OUTCOME, List.of());

        final Cli cli = Cli.run(tool, "--data", tmp.toString());
        assertOneLine(cli, 1, tool, "format version 1 (the layout before the hash chain): this build reads " +
            "versions 3 and 4 only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "replay", "dump", "stats"})
    void aJournalOfFormatVersionTwoIsRefusedInOneLine(final String tool) throws Exception
    {
        LiveJournal.standard().writeTo(tmp);
        JournalSurgery.replace(tmp, JournalSurgery.INPUT, List.of(JournalSurgery.inputRecord(0, (byte)2)));
        JournalSurgery.replace(tmp, JournalSurgery.OUTCOME, List.of());

        final Cli cli = Cli.run(tool, "--data", tmp.toString());
        assertOneLine(cli, 1, tool, "format version 2 (the layout before outcomes kept the risk score, reasons, " +
            "rule-set version and conversion): this build reads versions 3 and 4 only");
    }

    @Test
    void wrongCommandLinesAreUsageErrors() throws Exception
    {
        LiveJournal.standard().writeTo(tmp);
        final String data = "--data=" + tmp;
        assertOneLine(Cli.run("verify", data, "--bogus"), 2, "verify", "Unknown option: '--bogus' (see --help)");
        assertOneLine(Cli.run("replay", data, "--to-time", "yesterday"), 2, "replay",
            "Invalid value for option '--to-time': cannot convert 'yesterday' to class java.time.Instant");
        assertOneLine(Cli.run("replay", data, "--to-sequence", "ten"), 2, "replay",
            "Invalid value for option '--to-sequence': 'ten' is not a long");
        assertOneLine(Cli.run("replay", data, "--card-capacity", "0"), 2, "replay",
            "--card-capacity must be 1 or more: 0");
        assertOneLine(Cli.run("replay", data, "--transaction-capacity", "100000000"), 2, "replay",
            "--transaction-capacity must be at most 89478484: 100000000");
        assertOneLine(Cli.run("dump", data, "--response-code", "5x"), 2, "dump",
            "--response-code must be two digits, e.g. 00 or 51: '5x'");
        assertOneLine(Cli.run("dump", data, "--kind", "refund"), 2, "dump",
            "--kind must be request, admin, connect or disconnect: 'refund'");
        assertOneLine(Cli.run("dump", data, "--from", "5", "--to", "3"), 2, "dump", "--to 3 is before --from 5");
        assertOneLine(Cli.run("dump", data, "--format", "xml"), 2, "dump", "Invalid value for option '--format'");
        assertOneLine(Cli.run("stats", data, "--bucket-seconds", "0"), 2, "stats", "--bucket-seconds must be 1 or more");
        final Cli unknown = Cli.run("settle");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertEquals(1, unknown.errLines().size(), unknown.toString());
    }

    private static void assertOneLine(final Cli cli, final int exit, final String tool, final String message)
    {
        assertEquals(exit, cli.exit(), cli.toString());
        assertEquals(1, cli.errLines().size(), cli.toString());
        final String line = cli.errLines().get(0);
        assertTrue(line.startsWith("junction journal " + tool + ": "), line);
        assertTrue(line.contains(message), line);
        assertFalse(cli.out().contains("Exception") || cli.err().contains("\tat "), cli.toString());
    }

    private static void truncate(final Path file, final long length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
    }

    private static void deleteTree(final Path directory) throws IOException
    {
        try (Stream<Path> walk = Files.walk(directory))
        {
            for (final Path path : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(path);
            }
        }
    }
}
