package dev.junction.journal;

import java.util.List;

/**
 * What {@code journal verify} found: per queue, how far the records are intact and the first that is
 * not; across the queues, outcomes without inputs (an error) and inputs without outcomes (at the end a
 * note: the switch stopped between the two appends; elsewhere an error).
 *
 * @param input    the input queue.
 * @param outcome  the outcome queue.
 * @param errors   cross-queue errors, one line each; empty when the queues agree.
 * @param notes    cross-queue observations that are not errors.
 */
public record JournalVerification(Queue input, Queue outcome, List<String> errors, List<String> notes)
{
    /** @return whether both chains are intact and the queues agree. */
    public boolean intact()
    {
        return input.firstBreak() == null && outcome.firstBreak() == null && errors.isEmpty();
    }

    /**
     * One queue's chain.
     *
     * @param name           "input" or "outcome".
     * @param records        how many records were verified before the first break (all of them when none).
     * @param firstSequence  the first record's sequence, -1 when there is none.
     * @param lastSequence   the last verified record's sequence, -1 when there is none.
     * @param headLink       the last verified record's chain link in hex (the genesis link when empty):
     *                       kept elsewhere, it lets a later verify show that nothing was cut off the end.
     * @param firstBreak     the first record that is not intact, null when all are.
     * @param sealed         how many of the verified records have their payload encrypted (format version 4).
     * @param keyIds         the key ids those records name, in hex, in order of first appearance; empty when none.
     * @param authenticated  whether a journal key was given and every sealed payload verified was opened
     *                       and its tag checked (without a key only the chain over the ciphertext is checked).
     */
    public record Queue(String name, long records, long firstSequence, long lastSequence, String headLink,
        ChainBreak firstBreak, long sealed, List<String> keyIds, boolean authenticated)
    {
    }
}
