package dev.junction.journal;

/** Receives each input with its outcome from {@link JournalReader#readEvents}, in sequence order. */
@FunctionalInterface
public interface JournalEventHandler
{
    /**
     * One input and its outcome; both flyweights are reused and valid only during this call.
     *
     * @param outcome null for an input at the end of the journal whose outcome was never written: the
     *                switch stopped between appending the input and appending its outcome.
     * @return false to stop reading after this event.
     */
    boolean onEvent(InputRecord input, OutcomeRecord outcome);
}
