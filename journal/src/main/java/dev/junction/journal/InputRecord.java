package dev.junction.journal;

import static dev.junction.journal.JournalFormat.BYTE_ORDER;

import org.agrona.DirectBuffer;

/**
 * A read-only view of one input record ({@link JournalFormat}) in a reader's buffer. The reader points
 * it at each record in turn, so its values are valid only during {@link JournalEventHandler#onEvent}.
 */
public final class InputRecord
{
    private DirectBuffer buffer;

    InputRecord()
    {
    }

    InputRecord wrap(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        return this;
    }

    public long sequence()
    {
        return buffer.getLong(JournalFormat.SEQUENCE_OFFSET, BYTE_ORDER);
    }

    /** @return an {@code EventKind} byte. */
    public byte kind()
    {
        return buffer.getByte(JournalFormat.INPUT_KIND_OFFSET);
    }

    public long ingressEpochNanos()
    {
        return buffer.getLong(JournalFormat.INPUT_INGRESS_EPOCH_NANOS_OFFSET, BYTE_ORDER);
    }

    public long connectionId()
    {
        return buffer.getLong(JournalFormat.INPUT_CONNECTION_ID_OFFSET, BYTE_ORDER);
    }

    /** @return the buffer holding the payload at {@link #payloadOffset()}. */
    public DirectBuffer payload()
    {
        return buffer;
    }

    public int payloadOffset()
    {
        return JournalFormat.inputPayloadOffset(buffer);
    }

    public int payloadLength()
    {
        return buffer.getInt(JournalFormat.INPUT_PAYLOAD_LENGTH_OFFSET, BYTE_ORDER);
    }
}
