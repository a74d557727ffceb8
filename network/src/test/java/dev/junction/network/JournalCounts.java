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
        final long[] requests = {0};
        reader.readInputs(0, (sequence, kind, ingress, connection, payload, offset, length) ->
        {
            if (kind == EventKind.REQUEST)
            {
                requests[0]++;
            }
        });
        return requests[0];
    }
}
