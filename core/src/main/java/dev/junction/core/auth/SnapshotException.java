package dev.junction.core.auth;

/** A snapshot that cannot be restored: truncated, damaged, of another format, or taken with another configuration. */
public final class SnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public SnapshotException(final String message)
    {
        super(message);
    }
}
