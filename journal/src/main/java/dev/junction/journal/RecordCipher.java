package dev.junction.journal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over one buffer laid out as {@code [header | payload | tag]}: the header is the
 * additional authenticated data, the payload is encrypted in place and the 16-byte tag follows it.
 * Journal records ({@link JournalFormat}) and snapshot files ({@link SnapshotStore}) both use it.
 *
 * <h2>Nonces</h2>
 * GCM fails completely when a key encrypts two messages under one nonce, so a nonce is never left to
 * chance alone. A record's 12-byte nonce is built, not drawn:
 * <pre>
 *   byte 0      domain: {@link #DOMAIN_INPUT} or {@link #DOMAIN_OUTCOME}
 *   bytes 1-4   the writer's prefix: 32 random bits drawn each time a writer opens
 *   bytes 5-11  the record's journal sequence, 56 bits, big-endian
 * </pre>
 * Within one writer's life sequences strictly increase (the writers refuse anything else), so nonces
 * do not repeat. The input and outcome queues carry the same sequences, so the domain byte keeps them
 * apart. A restart draws a new prefix, so a sequence written again after a crash or a power loss that
 * lost the journal's tail (the new writer continues after the last record that survived) is sealed
 * under another nonce, unless two opens draw the same 32 bits: a chance of 2<sup>-32</sup> for each
 * such loss. A snapshot's nonce is {@link #DOMAIN_SNAPSHOT} and 11 random bytes.
 *
 * <p>Single-threaded: each writer, reader and snapshot store has its own. The JCE needs a fresh
 * {@code Cipher.init} per message, which allocates (about 1 KB per record on JDK 17 and 25: the
 * parameter spec, the key's encoded copy and the mode's engine state); nothing else here does.
 */
final class RecordCipher
{
    /** Bytes of the GCM authentication tag after each sealed payload. */
    static final int TAG_LENGTH = 16;
    static final int NONCE_LENGTH = 12;
    static final byte DOMAIN_INPUT = 1;
    static final byte DOMAIN_OUTCOME = 2;
    static final byte DOMAIN_SNAPSHOT = 3;
    /** The largest sequence the nonce's 7 bytes carry: 2^56 - 1, some 2,000 years at a million events a second. */
    static final long MAX_SEQUENCE = (1L << 56) - 1;
    private static final int TAG_BITS = TAG_LENGTH * 8;

    private final JournalKey key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[NONCE_LENGTH];

    RecordCipher(final JournalKey key)
    {
        this.key = key;
        try
        {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("every Java runtime provides AES/GCM/NoPadding", ex);
        }
    }

    JournalKey key()
    {
        return key;
    }

    /** @return 32 bits from a strong random source: a writer's nonce prefix, drawn once per open. */
    static int randomPrefix(final SecureRandom random)
    {
        return random.nextInt();
    }

    /**
     * Encrypts {@code buffer[offset, +length)} in place under the record nonce of {@code domain},
     * {@code prefix} and {@code sequence}, authenticating {@code buffer[0, offset)} with it, and writes the
     * tag at {@code offset + length}.
     */
    void seal(final byte domain, final int prefix, final long sequence, final byte[] buffer, final int offset,
        final int length)
    {
        recordNonce(domain, prefix, sequence);
        sealWithNonce(buffer, offset, length);
    }

    /**
     * Decrypts {@code buffer[offset, +length)} in place, checking the tag at {@code offset + length} and
     * the header {@code buffer[0, offset)}.
     *
     * @return false when the tag does not verify: the ciphertext, the header or the nonce was changed,
     * or another key sealed it. The buffer's payload bytes are then undefined.
     */
    boolean open(final byte domain, final int prefix, final long sequence, final byte[] buffer, final int offset,
        final int length)
    {
        recordNonce(domain, prefix, sequence);
        return openWithNonce(buffer, offset, length);
    }

    /** Seals as {@link #seal} does, under the nonce set in {@link #nonce()}. */
    void sealWithNonce(final byte[] buffer, final int offset, final int length)
    {
        try
        {
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(buffer, 0, offset);
            cipher.doFinal(buffer, offset, length, buffer, offset);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-256-GCM encryption failed: " + ex.getMessage(), ex);
        }
    }

    /** Opens as {@link #open} does, under the nonce set in {@link #nonce()}. */
    boolean openWithNonce(final byte[] buffer, final int offset, final int length)
    {
        try
        {
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(buffer, 0, offset);
            cipher.doFinal(buffer, offset, length + TAG_LENGTH, buffer, offset);
            return true;
        }
        catch (final AEADBadTagException ex)
        {
            return false;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-256-GCM decryption failed: " + ex.getMessage(), ex);
        }
    }

    /** @return the nonce the next {@link #sealWithNonce}/{@link #openWithNonce} uses; callers may fill it. */
    byte[] nonce()
    {
        return nonce;
    }

    private void recordNonce(final byte domain, final int prefix, final long sequence)
    {
        if (sequence < 0 || sequence > MAX_SEQUENCE)
        {
            throw new IllegalStateException("sequence " + sequence + " is outside 0.." + MAX_SEQUENCE +
                ", the range an encrypted record's nonce carries");
        }
        nonce[0] = domain;
        nonce[1] = (byte)(prefix >>> 24);
        nonce[2] = (byte)(prefix >>> 16);
        nonce[3] = (byte)(prefix >>> 8);
        nonce[4] = (byte)prefix;
        for (int i = 0; i < 7; i++)
        {
            nonce[5 + i] = (byte)(sequence >>> (8 * (6 - i)));
        }
    }
}
