package dev.junction.journal;

/**
 * Told of every record a long read goes through, so an operator tool can show progress. Called on the
 * reading thread; an implementation should do nothing costly on most calls.
 */
@FunctionalInterface
public interface ReadProgress
{
    /** Shows nothing. */
    ReadProgress NONE = () -> { };

    /** One more record was read. */
    void onRecord();
}
