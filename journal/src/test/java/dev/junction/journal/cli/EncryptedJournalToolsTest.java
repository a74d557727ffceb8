package dev.junction.journal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.journal.JournalKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every journal tool on a journal whose payloads are encrypted: with its key each does its work; without
 * a key, or with another, each that reads payloads refuses in one line naming the key ids (exit 2), and
 * {@code verify} still checks the chain over the ciphertext and says the payloads are encrypted.
 */
class EncryptedJournalToolsTest
{
    private static final byte[] RAW_KEY = key(5);
    private static final byte[] OTHER_RAW_KEY = key(6);
    private static final String KEY_ID = JournalKey.of(RAW_KEY).idHex();

    @TempDir
    static Path dir;

    static Path dataDir;
    static Path keyFile;
    static Path otherKeyFile;
    static Path acquirerFile;

    @BeforeAll
    static void writeEncryptedJournal() throws InterruptedException, IOException
    {
        dataDir = dir.resolve("data");
        LiveJournal.standard().writeTo(dataDir, JournalKey.of(RAW_KEY));
        keyFile = Files.writeString(dir.resolve("journal.key"), HexFormat.of().formatHex(RAW_KEY) + "\n");
        otherKeyFile = Files.writeString(dir.resolve("other.key"), HexFormat.of().formatHex(OTHER_RAW_KEY) + "\n");
        acquirerFile = Files.writeString(dir.resolve("acquirer.csv"),
            "rrn,stan,terminal,amount_minor,response_code\n000000900001,1,TERM0001,1500,00\n");
    }

    /** Each tool's own arguments after --data; snapshot last, as it is the one that writes (a snapshot file). */
    private static List<List<String>> tools()
    {
        return List.of(
            List.of("replay"),
            List.of("dump"),
            List.of("dump", "--format", "json"),
            List.of("stats"),
            List.of("settle", "--day", "20261121"),
            List.of("reconcile", "--day", "20261121", "--file", acquirerFile.toString()),
            List.of("snapshot", "--account-capacity", "1000", "--card-capacity", "1000"));
    }

    @Test
    void withItsKeyEveryToolWorksAndShowsNoPan()
    {
        final List<String> outputs = new ArrayList<>();
        for (final List<String> tool : tools())
        {
            final List<String> args = new ArrayList<>(tool);
            args.addAll(List.of("--data", dataDir.toString(), "--journal-key-file", keyFile.toString()));
            if (tool.get(0).equals("replay"))
            {
                args.addAll(List.of("--account-capacity", "1000", "--card-capacity", "1000"));
            }
            final Cli cli = Cli.run(args.toArray(String[]::new));
            assertTrue(cli.exit() == 0 || tool.get(0).equals("reconcile") && cli.exit() == 1, cli.toString());
            outputs.add(cli.toString());
        }
        assertTrue(outputs.get(1).contains("400000******7899"), "dump masks the PAN it decrypted: " + outputs.get(1));
        for (final String output : outputs)
        {
            for (final String pan : LiveJournal.PANS)
            {
                assertFalse(output.contains(pan), output);
            }
        }
        final Cli verify = Cli.run("verify", "--data", dataDir.toString(), "--journal-key-file", keyFile.toString());
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.out().contains("input    payloads 21 of 21 records encrypted (AES-256-GCM, key id " + KEY_ID +
            "); each authenticated with the key given"), verify.toString());
    }

    @Test
    void withoutTheKeyEveryToolThatReadsPayloadsRefusesInOneLine()
    {
        for (final List<String> tool : tools())
        {
            final Cli cli = run(tool);
            assertOneLine(cli, tool.get(0), "is encrypted (journal key id " + KEY_ID +
                "): give its key with --journal-key-file or --journal-key-env");
        }
    }

    @Test
    void withAnotherKeyEveryToolRefusesInOneLineNamingBothKeyIds()
    {
        final String otherId = JournalKey.of(OTHER_RAW_KEY).idHex();
        for (final List<String> tool : tools())
        {
            final Cli cli = run(tool, "--journal-key-file", otherKeyFile.toString());
            assertOneLine(cli, tool.get(0), "journal key does not match (key id " + otherId + " given; ");
            assertTrue(cli.err().contains("written with key id " + KEY_ID), cli.toString());
        }
        assertOneLine(Cli.run("verify", "--data", dataDir.toString(), "--journal-key-file", otherKeyFile.toString()),
            "verify", "journal key does not match (key id " + otherId);
    }

    @Test
    void verifyChecksTheChainWithoutTheKeyAndSaysThePayloadsAreEncrypted()
    {
        final Cli cli = Cli.run("verify", "--data", dataDir.toString());
        assertEquals(0, cli.exit(), cli.toString());
        assertTrue(cli.out().contains("journal intact"), cli.toString());
        assertTrue(cli.out().contains("input    payloads 21 of 21 records encrypted (AES-256-GCM, key id " + KEY_ID +
            "); chain checked over the ciphertext"), cli.toString());
        assertTrue(cli.out().contains("outcome  responses 21 of 21 records encrypted"), cli.toString());
    }

    @Test
    void aKeyThatCannotBeReadIsAUsageErrorNamingTheOptionAndNeverItsText() throws IOException
    {
        final String text = "00112233445566778899aabbccddeeff";
        final Path shortKey = Files.writeString(dir.resolve("short.key"), text);
        final Cli cli = Cli.run("dump", "--data", dataDir.toString(), "--journal-key-file", shortKey.toString());
        assertOneLine(cli, "dump", "--journal-key-file: " + shortKey + " does not hold a journal key");
        assertFalse(cli.toString().contains(text), cli.toString());
        assertOneLine(Cli.run("dump", "--data", dataDir.toString(), "--journal-key-file", keyFile.toString(),
            "--journal-key-env", "JUNCTION_JOURNAL_KEY"), "dump", "not both");
        assertOneLine(Cli.run("dump", "--data", dataDir.toString(), "--journal-key-env", "JUNCTION_NO_SUCH_VARIABLE"),
            "dump", "--journal-key-env: environment variable JUNCTION_NO_SUCH_VARIABLE is not set");
    }

    private static Cli run(final List<String> tool, final String... more)
    {
        final List<String> args = new ArrayList<>(tool);
        args.addAll(List.of("--data", dataDir.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static void assertOneLine(final Cli cli, final String tool, final String message)
    {
        assertEquals(2, cli.exit(), cli.toString());
        assertEquals(1, cli.errLines().size(), cli.toString());
        assertTrue(cli.errLines().get(0).startsWith("junction journal " + tool + ": "), cli.toString());
        assertTrue(cli.errLines().get(0).contains(message), cli.toString());
        assertFalse(cli.toString().contains("\tat ") || cli.toString().contains("Exception"), cli.toString());
    }

    private static byte[] key(final int seed)
    {
        final byte[] raw = new byte[JournalKey.KEY_LENGTH];
        for (int i = 0; i < raw.length; i++)
        {
            raw[i] = (byte)(seed * 13 + i);
        }
        return raw;
    }
}
