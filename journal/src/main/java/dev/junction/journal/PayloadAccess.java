package dev.junction.journal;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The decrypting step of a {@link RecordCursor}: what it does with a sealed record ({@link JournalFormat},
 * version {@value JournalFormat#VERSION_SEALED}) once the record has passed its checks. A reader that
 * needs payloads opens them with the journal key, and refuses in one line when it has no key or
 * another one; a writer looking for the last record's sequence and chain link leaves them sealed.
 * Records in clear pass through untouched. Single-threaded, like the cursor that owns it.
 */
final class PayloadAccess
{
    private final boolean opens;
    private final RecordCipher cipher;

    private PayloadAccess(final boolean opens, final JournalKey key)
    {
        this.opens = opens;
        this.cipher = key == null ? null : new RecordCipher(key);
    }

    /** Sealed payloads stay sealed: for readers of headers, sequences and chain links only. */
    static PayloadAccess headersOnly()
    {
        return new PayloadAccess(false, null);
    }

    /** @param key the journal key, null when none was given: a sealed record is then refused. */
    static PayloadAccess open(final JournalKey key)
    {
        return new PayloadAccess(true, key);
    }

    /**
     * Decrypts a valid record's payload in place when it is sealed and this access opens payloads.
     *
     * @return null when the record is readable, else why it is damaged (the tag did not verify).
     * @throws JournalKeyException when the record is sealed and there is no key, or it has another key id.
     */
    String apply(final UnsafeBuffer record, final boolean input, final String queueName)
    {
        if (!opens || !JournalFormat.isSealed(record))
        {
            return null;
        }
        requireKey(JournalFormat.keyId(record, input), cipher == null ? null : cipher.key(), queueName);
        if (!JournalFormat.open(record, input, cipher))
        {
            return "its encrypted payload failed authentication (AES-256-GCM tag): the ciphertext, the header or the " +
                "nonce prefix changed after it was written";
        }
        return null;
    }

    /**
     * @throws JournalKeyException when {@code key} is null or is not the key of {@code recordKeyId}.
     */
    static void requireKey(final long recordKeyId, final JournalKey key, final String where)
    {
        if (key == null)
        {
            throw new JournalKeyException(where + " is encrypted (journal key id " + JournalKey.idHex(recordKeyId) +
                "): give its key with --journal-key-file or --journal-key-env");
        }
        if (key.id() != recordKeyId)
        {
            throw new JournalKeyException("journal key does not match (key id " + key.idHex() + " given; " + where +
                " was written with key id " + JournalKey.idHex(recordKeyId) + ")");
        }
    }
}
