package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import dev.junction.journal.JournalFixtures.CheckingInputHandler;
import dev.junction.journal.JournalFixtures.CheckingOutcomeHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal payloads sealed at rest with AES-256-GCM: what the key opens reads back exactly, what it
 * protects never reaches the files in clear, any change is detected, another key or none is refused in
 * one line, and no (key, nonce) pair is ever used twice, across writer reopens included.
 */
class JournalEncryptionTest
{
    static final JournalKey KEY = JournalKey.of(bytes(1));
    static final JournalKey OTHER_KEY = JournalKey.of(bytes(2));
    /** A PAN-like marker that the tests put in payloads and responses, then look for in the files. */
    private static final byte[] MARKER = "4000001234567899".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    @Test
    void anEncryptedJournalReadsBackEveryFieldAndByteWithItsKey()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(KEY)))
        {
            JournalFixtures.write(journal, 1, 2_000);
        }
        try (JournalReader reader = JournalReader.open(dataDir, KEY))
        {
            final CheckingInputHandler inputs = new CheckingInputHandler(1);
            final CheckingOutcomeHandler outcomes = new CheckingOutcomeHandler(1);
            assertEquals(2_000, reader.readInputs(0, inputs));
            assertEquals(2_000, reader.readOutcomes(0, outcomes));
            assertEquals(2_000, reader.lastInputSequence());
            final long[] joined = new long[1];
            reader.readEvents(0, (input, outcome) ->
            {
                assertEquals(JournalFixtures.payloadLength(input.sequence()), input.payloadLength());
                for (int i = 0; i < input.payloadLength(); i++)
                {
                    assertEquals(JournalFixtures.payloadByte(input.sequence(), i),
                        input.payload().getByte(input.payloadOffset() + i));
                }
                for (int i = 0; i < outcome.responseLength(); i++)
                {
                    assertEquals(JournalFixtures.responseByte(outcome.sequence(), i),
                        outcome.response().getByte(outcome.responseOffset() + i));
                }
                joined[0]++;
                return true;
            });
            assertEquals(2_000, joined[0]);
        }
        for (final String queue : List.of(JournalSurgery.INPUT, JournalSurgery.OUTCOME))
        {
            for (final byte[] record : JournalSurgery.records(dataDir, queue))
            {
                assertEquals(JournalFormat.VERSION_SEALED, record[JournalFormat.VERSION_OFFSET], queue);
                assertEquals(KEY.id(), JournalFormat.keyId(new UnsafeBuffer(record), queue.equals(JournalSurgery.INPUT)));
            }
        }
    }

    @Test
    void whatTheKeySealsNeverReachesTheFilesInClearWhileWithoutAKeyItDoes() throws IOException
    {
        final Path clear = dataDir.resolve("clear");
        final Path sealed = dataDir.resolve("sealed");
        writeMarkers(clear, JournalOptions.DEFAULT);
        writeMarkers(sealed, JournalOptions.DEFAULT.withKey(KEY));

        assertTrue(filesContain(clear, MARKER), "control: the marker is in the journal written in clear");
        assertFalse(filesContain(sealed, MARKER), "the marker is in the journal written with a key");
        try (JournalReader reader = JournalReader.open(sealed, KEY))
        {
            final int[] seen = new int[1];
            reader.readEvents(0, (input, outcome) ->
            {
                final byte[] payload = new byte[input.payloadLength()];
                input.payload().getBytes(input.payloadOffset(), payload);
                assertEquals("pan " + new String(MARKER, StandardCharsets.US_ASCII),
                    new String(payload, StandardCharsets.US_ASCII));
                seen[0]++;
                return true;
            });
            assertEquals(50, seen[0]);
        }
    }

    @Test
    void aChangedCiphertextIsDetectedEvenWhenTheForgerRecomputesTheChecksumAndTheChain() throws IOException
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(KEY)))
        {
            JournalFixtures.write(journal, 1, 20);
        }
        final List<byte[]> records = JournalSurgery.records(dataDir, JournalSurgery.INPUT);
        // Sequence 5 has a payload of (5 * 37) % 300 = 185 bytes: flip one of them.
        records.get(4)[JournalFormat.INPUT_SEALED_PAYLOAD_OFFSET + 10] ^= 0x01;
        JournalSurgery.replace(dataDir, JournalSurgery.INPUT, rechain(records));

        final JournalVerification unkeyed = JournalVerifier.verify(dataDir, ReadProgress.NONE);
        assertTrue(unkeyed.intact(), "without the key only the recomputed chain can be checked: " + unkeyed);
        final JournalVerification keyed = JournalVerifier.verify(dataDir, KEY, ReadProgress.NONE);
        assertFalse(keyed.intact());
        assertEquals(ChainBreak.Problem.AUTHENTICATION, keyed.input().firstBreak().problem());
        assertEquals(5, keyed.input().firstBreak().sequence());
        assertEquals(4, keyed.input().records(), "records before the forged one verified");

        try (JournalReader reader = JournalReader.open(dataDir, KEY))
        {
            final JournalCorruptException refused = assertThrows(JournalCorruptException.class,
                () -> reader.readInputs(0, (sequence, kind, time, connection, payload, offset, length) -> { }));
            assertTrue(refused.getMessage().contains("sequence 5") &&
                refused.getMessage().contains("failed authentication"), refused.getMessage());
        }
    }

    @Test
    void aChangedHeaderFailsTheTagToo() throws IOException
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(KEY)))
        {
            JournalFixtures.write(journal, 1, 10);
        }
        final List<byte[]> records = JournalSurgery.records(dataDir, JournalSurgery.OUTCOME);
        // The header is the additional data: a forged amount, even with its chain recomputed, fails the tag.
        records.get(2)[JournalFormat.OUTCOME_AMOUNT_MINOR_OFFSET] ^= 0x40;
        JournalSurgery.replace(dataDir, JournalSurgery.OUTCOME, rechain(records));

        final JournalVerification keyed = JournalVerifier.verify(dataDir, KEY, ReadProgress.NONE);
        assertEquals(ChainBreak.Problem.AUTHENTICATION, keyed.outcome().firstBreak().problem());
        assertEquals(3, keyed.outcome().firstBreak().sequence());
    }

    @Test
    void noKeyOrAnotherKeyIsRefusedInOneLineNamingTheKeyIds()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(KEY)))
        {
            JournalFixtures.write(journal, 1, 5);
        }
        try (JournalReader reader = JournalReader.open(dataDir))
        {
            final JournalKeyException none = assertThrows(JournalKeyException.class, reader::lastInputSequence);
            assertTrue(none.getMessage().contains("is encrypted (journal key id " + KEY.idHex() + ")"), none.getMessage());
            assertFalse(none.getMessage().contains("\n"));
        }
        try (JournalReader reader = JournalReader.open(dataDir, OTHER_KEY))
        {
            final JournalKeyException other = assertThrows(JournalKeyException.class,
                () -> reader.readEvents(0, (input, outcome) -> true));
            assertTrue(other.getMessage().startsWith("journal key does not match (key id " + OTHER_KEY.idHex() +
                " given; "), other.getMessage());
            assertTrue(other.getMessage().contains("written with key id " + KEY.idHex()), other.getMessage());
        }
    }

    @Test
    void aWriterWithoutTheKeyRefusesToContinueAnEncryptedJournal()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(KEY)))
        {
            JournalFixtures.write(journal, 1, 5);
        }
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            assertThrows(JournalKeyException.class, () -> journal.inputWriter().onStart());
        }
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(OTHER_KEY)))
        {
            assertThrows(JournalKeyException.class, () -> journal.outcomeWriter().onStart());
        }
    }

    @Test
    void aJournalStartedInClearContinuesSealedWhenAKeyIsGivenAndReadsWholeWithIt()
    {
        try (ChronicleJournal journal = new ChronicleJournal(dataDir))
        {
            JournalFixtures.write(journal, 1, 10);
        }
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(KEY)))
        {
            JournalFixtures.write(journal, 11, 20);
        }
        try (JournalReader reader = JournalReader.open(dataDir, KEY))
        {
            assertEquals(20, reader.readInputs(0, new CheckingInputHandler(1)));
            assertEquals(20, reader.readOutcomes(0, new CheckingOutcomeHandler(1)));
        }
        final JournalVerification verified = JournalVerifier.verify(dataDir, ReadProgress.NONE);
        assertTrue(verified.intact());
        assertEquals(10, verified.input().sealed());
        assertEquals(List.of(KEY.idHex()), verified.input().keyIds());
    }

    @Test
    void noNonceRepeatsAcrossQueuesAndWriterReopens()
    {
        final Set<String> nonces = new HashSet<>();
        final Set<Integer> prefixes = new HashSet<>();
        long next = 1;
        for (int open = 0; open < 5; open++)
        {
            try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(KEY)))
            {
                JournalFixtures.write(journal, next, next + 99);
                next += 100;
            }
        }
        for (final String queue : List.of(JournalSurgery.INPUT, JournalSurgery.OUTCOME))
        {
            final boolean input = queue.equals(JournalSurgery.INPUT);
            for (final byte[] bytes : JournalSurgery.records(dataDir, queue))
            {
                final UnsafeBuffer record = new UnsafeBuffer(bytes);
                final int prefix = record.getInt(input ? JournalFormat.INPUT_NONCE_PREFIX_OFFSET :
                    JournalFormat.OUTCOME_NONCE_PREFIX_OFFSET, JournalFormat.BYTE_ORDER);
                prefixes.add(prefix);
                assertTrue(nonces.add((input ? "I" : "O") + prefix + ":" + JournalFormat.sequence(record)),
                    "nonce repeated at " + queue + " sequence " + JournalFormat.sequence(record));
            }
        }
        assertEquals(2 * 500, nonces.size());
        assertEquals(10, prefixes.size(), "each of the 5 opens of each of the 2 writers drew its own prefix");
    }

    @Test
    void aSequenceWrittenAgainAfterALostTailIsSealedUnderAnotherNonce()
    {
        // A power loss can take the journal's unsynced tail: the next start writes those sequences again.
        // Two journals that share sequences 1..50 stand for the lost tail and its rewrite.
        final Path lost = dataDir.resolve("lost");
        final Path rewritten = dataDir.resolve("rewritten");
        try (ChronicleJournal journal = new ChronicleJournal(lost, JournalOptions.DEFAULT.withKey(KEY)))
        {
            JournalFixtures.write(journal, 1, 50);
        }
        try (ChronicleJournal journal = new ChronicleJournal(rewritten, JournalOptions.DEFAULT.withKey(KEY)))
        {
            JournalFixtures.write(journal, 1, 50);
        }
        final byte[] first = JournalSurgery.records(lost, JournalSurgery.INPUT).get(0);
        final byte[] again = JournalSurgery.records(rewritten, JournalSurgery.INPUT).get(0);
        final int at = JournalFormat.INPUT_NONCE_PREFIX_OFFSET;
        assertFalse(new UnsafeBuffer(first).getInt(at) == new UnsafeBuffer(again).getInt(at),
            "two opens drew the same nonce prefix");
    }

    @Test
    void aRepeatedNonceAndASequenceBeyondTheNonceRangeAreRefused()
    {
        final RecordCipher cipher = new RecordCipher(KEY);
        final byte[] buffer = new byte[64];
        cipher.seal(RecordCipher.DOMAIN_INPUT, 7, 1, buffer, 8, 16);
        // The JCE itself refuses a second encryption under the same key and nonce in a row.
        assertThrows(IllegalStateException.class, () -> cipher.seal(RecordCipher.DOMAIN_INPUT, 7, 1, buffer, 8, 16));
        assertThrows(IllegalStateException.class,
            () -> cipher.seal(RecordCipher.DOMAIN_INPUT, 7, RecordCipher.MAX_SEQUENCE + 1, buffer, 8, 16));
    }

    @Test
    void keysReadFromHexOrBase64AndErrorsNeverShowTheText() throws IOException
    {
        final byte[] raw = bytes(9);
        final String hex = java.util.HexFormat.of().formatHex(raw);
        final Path hexFile = Files.writeString(dataDir.resolve("hex.key"), "  " + hex.toUpperCase() + "\n");
        final Path base64File = Files.writeString(dataDir.resolve("b64.key"),
            java.util.Base64.getEncoder().encodeToString(raw) + "\n");
        assertEquals(JournalKey.of(raw).id(), JournalKey.fromFile(hexFile).id());
        assertEquals(JournalKey.of(raw).id(), JournalKey.fromFile(base64File).id());
        assertEquals(JournalKey.of(raw).id(), JournalKey.fromEnvironment("K", java.util.Map.of("K", hex)).id());

        final byte[] sha = sha256(raw);
        assertEquals(java.util.HexFormat.of().formatHex(sha, 0, 8), JournalKey.of(raw).idHex(),
            "the key id is the start of sha256sum of the raw key");
        assertFalse(JournalKey.of(raw).toString().contains(hex.substring(0, 8)));

        final String shortHex = hex.substring(0, 62);
        final Path bad = Files.writeString(dataDir.resolve("bad.key"), shortHex);
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> JournalKey.fromFile(bad));
        assertTrue(refused.getMessage().contains("does not hold a journal key"), refused.getMessage());
        assertFalse(refused.getMessage().contains(shortHex.substring(0, 10)), refused.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> JournalKey.fromEnvironment("NOPE", java.util.Map.of())).getMessage().contains("NOPE is not set"));
        assertNotNull(assertThrows(IllegalArgumentException.class,
            () -> JournalKey.fromFile(dataDir.resolve("missing.key"))).getMessage());
    }

    /** Writes 50 requests whose payload and response hold {@link #MARKER}. */
    private static void writeMarkers(final Path dir, final JournalOptions options)
    {
        final byte[] text = ("pan " + new String(MARKER, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer message = new UnsafeBuffer(text);
        try (ChronicleJournal journal = new ChronicleJournal(dir, options))
        {
            final InputJournal inputs = journal.inputWriter();
            final OutcomeJournal outcomes = journal.outcomeWriter();
            final Decision decision = new Decision();
            inputs.onStart();
            outcomes.onStart();
            for (long sequence = 0; sequence < 50; sequence++)
            {
                inputs.append(sequence, EventKind.REQUEST, 1_000 + sequence, 3, message, 0, text.length);
                decision.reset();
                decision.respond(110, 0);
                outcomes.append(sequence, decision, message, 0, text.length);
            }
            inputs.onShutdown();
            outcomes.onShutdown();
        }
    }

    /** @return whether any file under {@code dir} holds {@code pattern}. */
    static boolean filesContain(final Path dir, final byte[] pattern) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                if (indexOf(Files.readAllBytes(file), pattern) >= 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Recomputes every record's chain link and CRC from the first on: a forger who knows the format. */
    private static List<byte[]> rechain(final List<byte[]> records)
    {
        final RecordChain chain = new RecordChain();
        chain.restart();
        final CRC32C crc = new CRC32C();
        final List<byte[]> rechained = new ArrayList<>();
        for (final byte[] record : records)
        {
            final byte[] copy = record.clone();
            chain.linkAndAdvance(copy, JournalFormat.bodyLength(copy.length));
            crc.reset();
            crc.update(copy, 0, copy.length - JournalFormat.CRC_LENGTH);
            new UnsafeBuffer(copy).putInt(copy.length - JournalFormat.CRC_LENGTH, (int)crc.getValue(),
                JournalFormat.BYTE_ORDER);
            rechained.add(copy);
        }
        return rechained;
    }

    static byte[] bytes(final int seed)
    {
        final byte[] raw = new byte[JournalKey.KEY_LENGTH];
        for (int i = 0; i < raw.length; i++)
        {
            raw[i] = (byte)(seed * 31 + i * 7);
        }
        return raw;
    }

    private static byte[] sha256(final byte[] raw)
    {
        try
        {
            return java.security.MessageDigest.getInstance("SHA-256").digest(raw);
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
