package dev.junction.network;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * ISO/IEC 9797-1 MAC algorithm 3 with DES (the retail MAC of ANSI X9.19): the message, padded with
 * zero bytes to a multiple of 8 (padding method 1; an empty message is one block of zeros), is
 * enciphered in CBC mode under K1 from a zero initial value; the last block is then deciphered under K2
 * and enciphered under K1 again. Two reused DES ciphers, one block at a time: allocation-free per call.
 */
final class RetailMac implements MacFunction
{
    private static final int BLOCK = 8;
    private static final String DES = "DES/ECB/NoPadding";

    private final Cipher encryptK1;
    private final Cipher decryptK2;
    private final byte[] chain = new byte[BLOCK];
    private final byte[] block = new byte[BLOCK];

    RetailMac(final byte[] key) throws GeneralSecurityException
    {
        encryptK1 = Cipher.getInstance(DES);
        encryptK1.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, BLOCK, "DES"));
        decryptK2 = Cipher.getInstance(DES);
        decryptK2.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, BLOCK, BLOCK, "DES"));
    }

    @Override
    public void compute(final byte[] data, final int offset, final int length, final byte[] out, final int outOffset)
    {
        Arrays.fill(chain, (byte)0);
        final int end = offset + length;
        int position = offset;
        while (end - position >= BLOCK)
        {
            for (int i = 0; i < BLOCK; i++)
            {
                block[i] = (byte)(chain[i] ^ data[position + i]);
            }
            cipher(encryptK1, block, chain);
            position += BLOCK;
        }
        if (position < end || length == 0)
        {
            for (int i = 0; i < BLOCK; i++)
            {
                block[i] = (byte)(position + i < end ? chain[i] ^ data[position + i] : chain[i]);
            }
            cipher(encryptK1, block, chain);
        }
        cipher(decryptK2, chain, block);
        cipher(encryptK1, block, chain);
        System.arraycopy(chain, 0, out, outOffset, MAC_LENGTH);
    }

    /** One block, from one array into another (never in place: Cipher copies overlapping input). */
    private static void cipher(final Cipher cipher, final byte[] in, final byte[] out)
    {
        try
        {
            cipher.doFinal(in, 0, BLOCK, out, 0);
        }
        catch (final GeneralSecurityException e)
        {
            throw new IllegalStateException("DES on one block failed", e);
        }
    }
}
