package dev.junction.journal;

import static dev.junction.journal.JournalFormat.BYTE_ORDER;

import org.agrona.DirectBuffer;

/**
 * A read-only view of one outcome record ({@link JournalFormat}) in a reader's buffer. The reader
 * points it at each record in turn, so its values are valid only during
 * {@link OutcomeRecordHandler#onOutcome}.
 */
public final class OutcomeRecord
{
    private DirectBuffer buffer;

    OutcomeRecord()
    {
    }

    OutcomeRecord wrap(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        return this;
    }

    /** @return the sequence of the input this is the outcome of. */
    public long sequence()
    {
        return buffer.getLong(JournalFormat.SEQUENCE_OFFSET, BYTE_ORDER);
    }

    public int responseMti()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RESPONSE_MTI_OFFSET, BYTE_ORDER);
    }

    public int responseCode()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RESPONSE_CODE_OFFSET, BYTE_ORDER);
    }

    public long authorizationId()
    {
        return buffer.getLong(JournalFormat.OUTCOME_AUTHORIZATION_ID_OFFSET, BYTE_ORDER);
    }

    public long accountId()
    {
        return buffer.getLong(JournalFormat.OUTCOME_ACCOUNT_ID_OFFSET, BYTE_ORDER);
    }

    public long amountMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_AMOUNT_MINOR_OFFSET, BYTE_ORDER);
    }

    public int currencyCode()
    {
        return buffer.getInt(JournalFormat.OUTCOME_CURRENCY_CODE_OFFSET, BYTE_ORDER);
    }

    public long balanceAfterMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_BALANCE_AFTER_MINOR_OFFSET, BYTE_ORDER);
    }

    public long holdsAfterMinor()
    {
        return buffer.getLong(JournalFormat.OUTCOME_HOLDS_AFTER_MINOR_OFFSET, BYTE_ORDER);
    }

    public int adminResult()
    {
        return buffer.getInt(JournalFormat.OUTCOME_ADMIN_RESULT_OFFSET, BYTE_ORDER);
    }

    /** @return the buffer holding the response bytes at {@link #responseOffset()}. */
    public DirectBuffer response()
    {
        return buffer;
    }

    public int responseOffset()
    {
        return JournalFormat.OUTCOME_RESPONSE_OFFSET;
    }

    public int responseLength()
    {
        return buffer.getInt(JournalFormat.OUTCOME_RESPONSE_LENGTH_OFFSET, BYTE_ORDER);
    }
}
