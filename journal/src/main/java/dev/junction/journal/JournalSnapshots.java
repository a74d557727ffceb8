package dev.junction.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.SnapshotOutput;
import dev.junction.core.pipeline.Replayer;

/**
 * Takes a snapshot of a stopped switch: rebuilds the state from the journal, read-only (starting from
 * the newest usable snapshot when there is one), and writes a snapshot covering the journal's last
 * answered input into {@code DATA/snapshots/}. The journal itself is never written.
 */
public final class JournalSnapshots
{
    private JournalSnapshots()
    {
    }

    /**
     * What was written.
     *
     * @param file           the snapshot file.
     * @param sequence       the last input it covers.
     * @param startedFrom    the snapshot the replay started from, null for the whole journal.
     * @param eventsReplayed inputs applied on top of it.
     * @param digest         the state digest.
     */
    public record Taken(Path file, long sequence, Path startedFrom, long eventsReplayed, long digest)
    {
    }

    /** {@link #take(Path, JournalKey, AuthorizerConfig, Consumer)} of a journal in clear. */
    public static Taken take(final Path dataDir, final AuthorizerConfig config, final Consumer<String> warnings)
        throws IOException
    {
        return take(dataDir, null, config, warnings);
    }

    /**
     * @param key the journal key: it opens the journal and seals the snapshot (which holds every card's
     *            PAN); null when the journal is in clear, and the snapshot is then written in clear too.
     * @throws JournalException when the journal cannot be read or holds no answered input.
     */
    public static Taken take(final Path dataDir, final JournalKey key, final AuthorizerConfig config,
        final Consumer<String> warnings) throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dataDir, key);
        final long limit = JournalRecovery.snapshotLimit(dataDir, key);
        if (limit < 0)
        {
            throw new JournalException("the journal in " + dataDir + " holds no answered input: nothing to snapshot");
        }
        final SnapshotStore.Restored restored = store.restoreNewest(config, limit, warnings);
        final Authorizer authorizer = restored == null ? new Authorizer(config) : restored.authorizer();
        final Replayer replayer = restored == null ? new Replayer(authorizer) :
            new Replayer(authorizer, restored.snapshot().sequence());
        final Replayer.Applied nothingMore = event -> { };
        try (JournalReader reader = JournalReader.open(dataDir, key))
        {
            reader.readInputs(replayer.lastSequence() + 1,
                (sequence, kind, ingressEpochNanos, connectionId, payload, offset, length) ->
                {
                    if (sequence <= limit)
                    {
                        replayer.offer(sequence, kind, ingressEpochNanos, connectionId, payload, offset, length,
                            nothingMore);
                    }
                });
        }
        replayer.flush(nothingMore);
        final SnapshotOutput out = new SnapshotOutput(1 << 20);
        authorizer.writeSnapshot(out, replayer.lastSequence());
        final Path file = store.write(replayer.lastSequence(), out.buffer(), out.position());
        return new Taken(file, replayer.lastSequence(), restored == null ? null : restored.snapshot().file(),
            replayer.applied(), authorizer.digest());
    }
}
