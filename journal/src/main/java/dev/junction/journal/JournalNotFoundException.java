package dev.junction.journal;

/**
 * There is no journal where one was looked for: the data directory does not exist, or holds neither
 * of the journal's queues (an empty or foreign directory). Usually a wrong {@code --data}, so the
 * operator tools treat it as a usage error rather than a damaged journal.
 */
public final class JournalNotFoundException extends JournalException
{
    private static final long serialVersionUID = 1L;

    public JournalNotFoundException(final String message)
    {
        super(message);
    }
}
