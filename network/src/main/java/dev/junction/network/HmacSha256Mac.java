package dev.junction.network;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA-256 (RFC 2104: H((K ^ opad) || H((K ^ ipad) || message))) truncated to its leftmost 8 bytes,
 * the truncation RFC 2104 section 5 describes. Built on one reused {@link MessageDigest} rather than
 * {@code javax.crypto.Mac}, whose {@code doFinal(byte[], int)} allocates a new array for every MAC
 * (and so does the JDK's HMAC inside it): this one allocates nothing per call. The tests hold it
 * against RFC 4231 and against {@code javax.crypto.Mac}.
 */
final class HmacSha256Mac implements MacFunction
{
    private static final int BLOCK_LENGTH = 64;
    private static final int DIGEST_LENGTH = 32;
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    private final MessageDigest sha256;
    private final byte[] innerPad = new byte[BLOCK_LENGTH];
    private final byte[] outerPad = new byte[BLOCK_LENGTH];
    private final byte[] digest = new byte[DIGEST_LENGTH];

    HmacSha256Mac(final byte[] key) throws GeneralSecurityException
    {
        sha256 = MessageDigest.getInstance("SHA-256");
        // A key longer than the block is hashed first; a shorter one is padded with zeros (RFC 2104, section 2).
        final byte[] blockKey = Arrays.copyOf(key.length > BLOCK_LENGTH ? sha256.digest(key) : key, BLOCK_LENGTH);
        for (int i = 0; i < BLOCK_LENGTH; i++)
        {
            innerPad[i] = (byte)(blockKey[i] ^ IPAD);
            outerPad[i] = (byte)(blockKey[i] ^ OPAD);
        }
        Arrays.fill(blockKey, (byte)0);
    }

    @Override
    public void compute(final byte[] data, final int offset, final int length, final byte[] out, final int outOffset)
    {
        try
        {
            sha256.update(innerPad, 0, BLOCK_LENGTH);
            sha256.update(data, offset, length);
            sha256.digest(digest, 0, DIGEST_LENGTH);
            sha256.update(outerPad, 0, BLOCK_LENGTH);
            sha256.update(digest, 0, DIGEST_LENGTH);
            sha256.digest(digest, 0, DIGEST_LENGTH);
        }
        catch (final DigestException e)
        {
            throw new IllegalStateException("a 32-byte buffer is too short for SHA-256", e);
        }
        System.arraycopy(digest, 0, out, outOffset, MAC_LENGTH);
    }
}
