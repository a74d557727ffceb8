package dev.junction.network;

import dev.junction.core.pipeline.EventKind;
import dev.junction.journal.JournalReader;

/** What a test reads back from a stopped switch's journal. */
final class JournalCounts
{
    private JournalCounts()
    {
    }

    /** @return how many request inputs the journal holds. */
    static long requests(final JournalReader reader)
    {
        return ofKind(reader, EventKind.REQUEST);
    }

    /** @return how many inputs of {@code kind} the journal holds. */
    static long ofKind(final JournalReader reader, final byte kind)
    {
        final long[] count = {0};
        reader.readInputs(0, (sequence, eventKind, ingress, connection, payload, offset, length) ->
        {
            if (eventKind == kind)
            {
                count[0]++;
            }
        });
        return count[0];
    }
}
