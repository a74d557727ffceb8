package dev.junction.network;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 truncated to its leftmost 8 bytes (the truncation RFC 2104 section 5 and RFC 4231
 * test case 5 describe). One {@link Mac} reused for every message: allocation-free per call.
 */
final class HmacSha256Mac implements MacFunction
{
    private static final String ALGORITHM = "HmacSHA256";
    private static final int FULL_LENGTH = 32;

    private final Mac mac;
    private final byte[] full = new byte[FULL_LENGTH];

    HmacSha256Mac(final byte[] key) throws GeneralSecurityException
    {
        mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(key, ALGORITHM));
    }

    @Override
    public void compute(final byte[] data, final int offset, final int length, final byte[] out, final int outOffset)
    {
        mac.update(data, offset, length);
        try
        {
            mac.doFinal(full, 0);
        }
        catch (final ShortBufferException e)
        {
            throw new IllegalStateException("a 32-byte buffer is too short for HMAC-SHA-256", e);
        }
        System.arraycopy(full, 0, out, outOffset, MAC_LENGTH);
    }
}
