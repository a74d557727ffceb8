package dev.junction.journal;

/** Receives outcome records from {@link JournalReader#readOutcomes}, in sequence order. */
@FunctionalInterface
public interface OutcomeRecordHandler
{
    /**
     * One valid outcome record.
     *
     * @param record a flyweight the reader reuses for every record: valid only during this call.
     */
    void onOutcome(OutcomeRecord record);
}
