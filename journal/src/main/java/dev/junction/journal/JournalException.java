package dev.junction.journal;

/**
 * A journal cannot be opened, read or written: a directory that is not a Junction journal, an I/O
 * failure, a failed sync. The message is one line meant for an operator; the cause, when there is
 * one, is kept for a developer's stack trace.
 */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message)
    {
        super(message);
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
