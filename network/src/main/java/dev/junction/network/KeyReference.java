package dev.junction.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Resolves a key reference to key bytes. Keys never appear inline in a configuration file or on a
 * command line (where {@code ps}, shell history and support bundles would show them): a reference names
 * where the key is, {@code env:NAME} (an environment variable) or {@code file:PATH} (a file, relative
 * paths against {@code baseDir}), holding the key as hex digits; whitespace around and between them
 * is ignored. No message this class produces shows any key material.
 */
public final class KeyReference
{
    /** The most a key file may hold: a key of 64 bytes is 128 hex digits; room for line breaks. */
    static final int MAX_FILE_BYTES = 1024;
    private static final String ENV = "env:";
    private static final String FILE = "file:";

    private KeyReference()
    {
    }

    /**
     * @param reference {@code env:NAME} or {@code file:PATH}.
     * @param baseDir   what a relative file path is resolved against.
     * @param env       the environment (System::getenv, or a map in tests).
     * @return the key bytes.
     * @throws IllegalArgumentException with a one-line reason that names the reference, never the key.
     */
    public static byte[] resolve(final String reference, final Path baseDir, final Function<String, String> env)
    {
        final String hex;
        if (reference.startsWith(ENV) && reference.length() > ENV.length())
        {
            final String name = reference.substring(ENV.length());
            hex = env.apply(name);
            if (hex == null)
            {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
        }
        else if (reference.startsWith(FILE) && reference.length() > FILE.length())
        {
            final Path path = baseDir.resolve(reference.substring(FILE.length()));
            try
            {
                if (Files.size(path) > MAX_FILE_BYTES)
                {
                    throw new IllegalArgumentException("key file " + path + " is over " + MAX_FILE_BYTES +
                        " bytes: it should hold one key in hex");
                }
                hex = Files.readString(path, StandardCharsets.US_ASCII);
            }
            catch (final IOException | RuntimeException e)
            {
                if (e instanceof IllegalArgumentException)
                {
                    throw (IllegalArgumentException)e;
                }
                throw new IllegalArgumentException("key file " + path + " cannot be read (" +
                    e.getClass().getSimpleName() + ")");
            }
        }
        else
        {
            throw new IllegalArgumentException("must be env:NAME or file:PATH (a reference to the key, never the key)");
        }
        return parseHex(hex, reference);
    }

    private static byte[] parseHex(final String text, final String reference)
    {
        final StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (Character.isWhitespace(c))
            {
                continue;
            }
            if (Character.digit(c, 16) < 0 || c > 'f')
            {
                throw new IllegalArgumentException(reference + " holds a character that is not a hex digit");
            }
            digits.append(c);
        }
        if (digits.length() == 0)
        {
            throw new IllegalArgumentException(reference + " is empty");
        }
        if (digits.length() % 2 != 0)
        {
            throw new IllegalArgumentException(reference + " holds an odd number of hex digits");
        }
        final byte[] key = new byte[digits.length() / 2];
        for (int i = 0; i < key.length; i++)
        {
            key[i] = (byte)(Character.digit(digits.charAt(2 * i), 16) << 4 | Character.digit(digits.charAt(2 * i + 1), 16));
        }
        return key;
    }
}
