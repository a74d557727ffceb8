package dev.junction.journal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One queue's SHA-256 hash chain ({@link JournalFormat}): holds the previous record's link and
 * computes the next one, {@code link_n = SHA-256(link_(n-1) || body_n)}, starting from
 * {@link JournalFormat#GENESIS_LINK}. A writer keeps one per queue and continues it from the queue's
 * last record after a restart; {@code journal verify} keeps one per queue it checks. Reuses one
 * {@link MessageDigest}: allocates nothing per record. Single-threaded.
 */
final class RecordChain
{
    private final MessageDigest sha256;
    private final byte[] previous = new byte[JournalFormat.CHAIN_LENGTH];

    RecordChain()
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every Java runtime provides SHA-256", ex);
        }
    }

    /** Continues the chain after a record whose link is at {@code record[linkOffset, +32)}. */
    void continueAfter(final byte[] record, final int linkOffset)
    {
        System.arraycopy(record, linkOffset, previous, 0, JournalFormat.CHAIN_LENGTH);
    }

    /** Starts again from the genesis link, for a queue with no record. */
    void restart()
    {
        System.arraycopy(JournalFormat.GENESIS_LINK, 0, previous, 0, JournalFormat.CHAIN_LENGTH);
    }

    /**
     * Computes the link of the record whose body is {@code record[0, bodyLength)} into
     * {@code record[bodyLength, +32)} and makes it the previous link.
     */
    void linkAndAdvance(final byte[] record, final int bodyLength)
    {
        computeInto(previous, record, bodyLength, record, bodyLength);
        System.arraycopy(record, bodyLength, previous, 0, JournalFormat.CHAIN_LENGTH);
    }

    /**
     * Computes {@code SHA-256(previousLink || record[0, bodyLength))} into {@code out[outOffset, +32)};
     * changes nothing in this chain.
     */
    void computeInto(final byte[] previousLink, final byte[] record, final int bodyLength,
        final byte[] out, final int outOffset)
    {
        sha256.update(previousLink, 0, JournalFormat.CHAIN_LENGTH);
        sha256.update(record, 0, bodyLength);
        try
        {
            sha256.digest(out, outOffset, JournalFormat.CHAIN_LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", ex);
        }
    }

    /** @return the previous record's link (the genesis link before the first record); do not modify. */
    byte[] previous()
    {
        return previous;
    }
}
