package dev.junction.network;

/** The acquirers file cannot be used; the message is one line naming the file, line and column. */
final class AcquirersFileException extends Exception
{
    private static final long serialVersionUID = 1L;

    AcquirersFileException(final String message)
    {
        super(message);
    }
}
