package dev.junction.core.auth;

import dev.junction.core.iso.IsoMessage;
import org.agrona.MutableDirectBuffer;

/**
 * Renders an approval's number as the six-character authorization identification response of
 * field 38: base 36, upper case, zero padded. Numbers start at 1 and run to 36^6 - 1 before wrapping.
 */
public final class AuthorizationIds
{
    public static final int LENGTH = 6;
    /** 36^6: the count of distinct six-character identifiers. */
    public static final long SPACE = 2_176_782_336L;

    private static final byte[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII);

    private AuthorizationIds()
    {
    }

    /** @return the identifier for the n-th approval (n >= 1), wrapping past {@link #SPACE} - 1 to 1. */
    public static long forApproval(final long approvalCount)
    {
        return ((approvalCount - 1) % (SPACE - 1)) + 1;
    }

    /** Writes the six characters of {@code authorizationId} at {@code index}; allocates nothing. */
    public static void write(final long authorizationId, final MutableDirectBuffer buffer, final int index)
    {
        long value = authorizationId;
        for (int i = LENGTH - 1; i >= 0; i--)
        {
            buffer.putByte(index + i, DIGITS[(int)(value % 36)]);
            value /= 36;
        }
    }

    /**
     * Reads an authorization id back from a request's six-character field (38).
     *
     * @return its number, or -1 when a character is not 0-9 or A-Z.
     */
    public static long parse(final IsoMessage message, final int field)
    {
        if (message.digitCount(field) != LENGTH)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            final int c = message.charAt(field, i);
            final int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                return -1;
            }
            value = value * 36 + digit;
        }
        return value;
    }

    /** @return the six characters as a String, for operator output and tests. */
    public static String text(final long authorizationId)
    {
        final byte[] chars = new byte[LENGTH];
        long value = authorizationId;
        for (int i = LENGTH - 1; i >= 0; i--)
        {
            chars[i] = DIGITS[(int)(value % 36)];
            value /= 36;
        }
        return new String(chars, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
