package dev.junction.network;

import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * The message authentication algorithms an acquirer may be configured with, by the name the acquirers
 * file and the load generator use. Each yields the 8 bytes that field 64 or 128 carries.
 */
public enum MacAlgorithm
{
    /** HMAC-SHA-256 (RFC 2104, FIPS 198-1), truncated to its leftmost 8 bytes; a key of 16 to 64 bytes. */
    HMAC_SHA256("hmac-sha256", 16, 64),
    /**
     * ISO/IEC 9797-1 MAC algorithm 3 (the "retail MAC", as ANSI X9.19) with DES, a double-length key
     * K1|K2 and padding method 1 (zeros); initial value zero, no output transformation beyond the final
     * decrypt-with-K2, encrypt-with-K1.
     */
    ISO9797_ALG3("iso9797-alg3", 16, 16);

    /** The names, for help texts and error messages. */
    public static final String NAMES = "hmac-sha256, iso9797-alg3";

    private final String text;
    private final int minKeyBytes;
    private final int maxKeyBytes;

    MacAlgorithm(final String text, final int minKeyBytes, final int maxKeyBytes)
    {
        this.text = text;
        this.minKeyBytes = minKeyBytes;
        this.maxKeyBytes = maxKeyBytes;
    }

    /** @return the algorithm {@code name} names (case-insensitive), or null when none does. */
    public static MacAlgorithm named(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        for (final MacAlgorithm algorithm : values())
        {
            if (algorithm.text.equals(lower))
            {
                return algorithm;
            }
        }
        return null;
    }

    /** @return null when a key of {@code length} bytes suits this algorithm, else what is wrong with it. */
    public String checkKeyLength(final int length)
    {
        if (length >= minKeyBytes && length <= maxKeyBytes)
        {
            return null;
        }
        return minKeyBytes == maxKeyBytes ?
            "is " + length + " bytes; " + text + " needs exactly " + minKeyBytes + " (" + 2 * minKeyBytes + " hex digits)" :
            "is " + length + " bytes; " + text + " needs " + minKeyBytes + " to " + maxKeyBytes + " bytes (" +
                2 * minKeyBytes + " to " + 2 * maxKeyBytes + " hex digits)";
    }

    /**
     * @return a new MAC function under {@code key}: one per thread, as it keeps state between calls.
     * @throws IllegalArgumentException when the key does not suit the algorithm (the message shows no key).
     */
    public MacFunction newFunction(final byte[] key)
    {
        final String problem = checkKeyLength(key.length);
        if (problem != null)
        {
            throw new IllegalArgumentException("the key " + problem);
        }
        try
        {
            return this == HMAC_SHA256 ? new HmacSha256Mac(key) : new RetailMac(key);
        }
        catch (final GeneralSecurityException e)
        {
            throw new IllegalStateException(text + " is not available in this JVM: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString()
    {
        return text;
    }
}
