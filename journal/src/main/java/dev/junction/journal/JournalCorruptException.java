package dev.junction.journal;

/**
 * A record in the journal is not what the writer wrote: its checksum does not match, its version or
 * kind is unknown, it is shorter or longer than its fields say, or its sequence breaks the order.
 * The one-line message names the queue, the record (its position in the queue, its Chronicle index
 * and the sequence it claims) and what is wrong. Replay stops here rather than rebuild a wrong state.
 */
public final class JournalCorruptException extends JournalException
{
    private static final long serialVersionUID = 1L;

    public JournalCorruptException(final String message)
    {
        super(message);
    }
}
