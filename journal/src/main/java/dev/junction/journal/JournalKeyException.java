package dev.junction.journal;

/**
 * A journal or snapshot is encrypted and no key was given, or the key given is not the one it was
 * written with (their key ids differ). The operator's fix is on the command line, so the tools answer
 * it as a usage error. The message names key ids only, never key material.
 */
public final class JournalKeyException extends JournalException
{
    private static final long serialVersionUID = 1L;

    public JournalKeyException(final String message)
    {
        super(message);
    }
}
