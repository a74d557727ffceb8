package dev.junction.core.refdata;

/**
 * Reference data that cannot be loaded, with a one-line message naming the source, the line and the
 * column at fault (never a full PAN), for the operator who wrote the file.
 */
public final class ReferenceDataException extends Exception
{
    private static final long serialVersionUID = 1L;

    public ReferenceDataException(final String message)
    {
        super(message);
    }
}
