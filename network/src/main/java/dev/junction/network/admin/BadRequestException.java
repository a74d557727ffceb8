package dev.junction.network.admin;

/**
 * A request the endpoint refuses before any action runs: the status to answer with (a 4xx) and a
 * one-line message that names what was wrong. Never carries a parameter's value, which may be a PAN.
 */
final class BadRequestException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final int status;

    BadRequestException(final int status, final String message)
    {
        super(message, null, false, false);
        this.status = status;
    }

    int status()
    {
        return status;
    }
}
