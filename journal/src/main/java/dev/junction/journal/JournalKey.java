package dev.junction.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that seals journal payloads and snapshot bodies at rest ({@link JournalFormat},
 * {@link SnapshotStore}), and its key id: the first 8 bytes of SHA-256 of the 32 key bytes, which
 * every sealed record carries so that a reader given another key says so in one line instead of
 * failing on every record. The id names the key without revealing it (SHA-256 is one-way and the key
 * has 256 bits of entropy).
 *
 * <p>The key is read from a file or an environment variable holding 32 bytes as 64 hex digits or as
 * base64 (44 characters); surrounding white space is ignored. No message ever shows the text read.
 * Immutable and safe to share between threads; each user builds its own {@link RecordCipher}.
 */
public final class JournalKey
{
    /** AES-256. */
    public static final int KEY_LENGTH = 32;
    private static final int HEX_LENGTH = 2 * KEY_LENGTH;
    private static final String EXPECTED =
        "expected 32 bytes written as 64 hex digits or as base64 (44 characters), e.g. from 'openssl rand -hex 32'";

    private final SecretKeySpec secretKey;
    private final long id;

    private JournalKey(final byte[] raw)
    {
        this.secretKey = new SecretKeySpec(raw, "AES");
        this.id = idOf(raw);
    }

    /**
     * @param raw the 32 key bytes; copied, so the caller may wipe its array.
     * @throws IllegalArgumentException when it is not 32 bytes.
     */
    public static JournalKey of(final byte[] raw)
    {
        if (raw.length != KEY_LENGTH)
        {
            throw new IllegalArgumentException("a journal key is " + KEY_LENGTH + " bytes, not " + raw.length);
        }
        return new JournalKey(raw);
    }

    /**
     * Reads the key from {@code file}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong (never its content).
     */
    public static JournalKey fromFile(final Path file)
    {
        final byte[] text;
        try
        {
            text = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + file + ": " + JournalQueues.oneLine(ex), ex);
        }
        try
        {
            return parse(new String(text, StandardCharsets.US_ASCII), file.toString());
        }
        finally
        {
            Arrays.fill(text, (byte)0);
        }
    }

    /**
     * Reads the key from the environment variable {@code name} of {@code environment} (the process's is
     * {@link System#getenv()}).
     *
     * @throws IllegalArgumentException naming the variable and what is wrong (never its value).
     */
    public static JournalKey fromEnvironment(final String name, final Map<String, String> environment)
    {
        final String value = environment.get(name);
        if (value == null)
        {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return parse(value, "environment variable " + name);
    }

    /** @return the key of {@code text} (hex or base64); {@code source} names where it came from in errors. */
    static JournalKey parse(final String text, final String source)
    {
        final String trimmed = text.strip();
        final byte[] raw = trimmed.length() == HEX_LENGTH && isHex(trimmed) ? hex(trimmed) : base64(trimmed);
        if (raw == null || raw.length != KEY_LENGTH)
        {
            throw new IllegalArgumentException(source + " does not hold a journal key: " + EXPECTED + " (found " +
                trimmed.length() + " characters)");
        }
        try
        {
            return new JournalKey(raw);
        }
        finally
        {
            Arrays.fill(raw, (byte)0);
        }
    }

    /** @return the key id: the first 8 bytes of SHA-256 of the key, as a big-endian number. */
    public long id()
    {
        return id;
    }

    /** @return the key id as 16 hex digits: what {@code sha256sum} of the raw key starts with. */
    public String idHex()
    {
        return idHex(id);
    }

    /** @return {@code id} as 16 hex digits. */
    public static String idHex(final long id)
    {
        return String.format("%016x", id);
    }

    SecretKeySpec secretKey()
    {
        return secretKey;
    }

    /** Names the key by its id only, so that no log line or error can show key material. */
    @Override
    public String toString()
    {
        return "journal key " + idHex();
    }

    private static long idOf(final byte[] raw)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++)
            {
                value = value << 8 | (digest[i] & 0xff);
            }
            return value;
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java runtime provides SHA-256", ex);
        }
    }

    private static boolean isHex(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.digit(text.charAt(i), 16) < 0)
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] hex(final String text)
    {
        final byte[] raw = new byte[text.length() / 2];
        for (int i = 0; i < raw.length; i++)
        {
            raw[i] = (byte)(Character.digit(text.charAt(2 * i), 16) << 4 | Character.digit(text.charAt(2 * i + 1), 16));
        }
        return raw;
    }

    private static byte[] base64(final String text)
    {
        try
        {
            return Base64.getDecoder().decode(text);
        }
        catch (final IllegalArgumentException notBase64)
        {
            return null;
        }
    }
}
