package dev.junction.network;

/** The switch cannot start; the message is one line for the operator, naming what to fix. */
public final class StartupException extends Exception
{
    private static final long serialVersionUID = 1L;

    public StartupException(final String message)
    {
        super(message);
    }

    public StartupException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
