package dev.junction.journal;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Replayer;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TransactionEvent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Start-up recovery: rebuilds the authorizer's state from the input journal and completes the outcome
 * journal, so that the switch serves again with every input answered by exactly one outcome.
 * <p>
 * A switch killed between appending an input and appending its outcome leaves inputs at the tail of
 * the journal with no outcome. Their effects are part of the state (the replay applies them, as it
 * applies every journaled input), but their answers were never sent. Were new outcomes simply appended
 * after them, the outcome journal would have a hole in its middle that every operator tool refuses.
 * So recovery appends, for each of those inputs, the outcome the replay decided, with the response
 * bytes the responder would have encoded: the decision the live run would have made, because the
 * authorizer is deterministic. The acquirer, who got no answer, resends the request and gets this
 * same answer again as a duplicate, or reverses it.
 * <p>
 * Call it on the start-up thread, before the pipeline starts: it appends through the journal's outcome
 * writer and closes that writer's appender again, so the responder stage can open its own. The journal
 * is read on a thread of its own, ahead of the replay ({@link ReadAhead}); the inputs are applied, and
 * the outcomes appended, on the calling thread, in journal order.
 */
public final class JournalRecovery
{
    private JournalRecovery()
    {
    }

    /**
     * What recovery did.
     *
     * @param eventsReplayed    inputs applied to the state.
     * @param outcomesCompleted outcomes appended for inputs at the tail that had none.
     * @param nextSequence      the sequence the next input takes.
     */
    public record Result(long eventsReplayed, long outcomesCompleted, long nextSequence)
    {
    }

    /**
     * Replays the journal under {@code journal.dataDir()} into {@code replayer}, from the input after
     * the replayer's last sequence (all of it for a new replayer; the inputs after the snapshot for one
     * that continues a restored snapshot), and appends the missing tail outcomes through
     * {@code journal}'s outcome writer.
     *
     * @throws JournalException      when the journal cannot be read.
     * @throws IllegalStateException when its sequences are not dense (the replayer refuses a gap).
     */
    public static Result recover(final ChronicleJournal journal, final Replayer replayer)
    {
        final Completion completion = new Completion(replayer, journal);
        try
        {
            final long lastInput;
            try (JournalReader reader = JournalReader.open(journal.dataDir(), journal.key()))
            {
                completion.lastOutcome = reader.lastOutcomeSequence();
                lastInput = reader.lastInputSequence();
            }
            final long from = replayer.lastSequence() + 1;
            if (from > 0 && lastInput < replayer.lastSequence())
            {
                throw new IllegalStateException("the state covers sequence " + replayer.lastSequence() +
                    " but the journal ends at " + lastInput);
            }
            // The journal is read and checked on a second thread while this one applies (ReadAhead), in
            // warmed batches (Replayer.offer).
            ReadAhead.readInputs(journal.dataDir(), journal.key(), from, completion::onInput);
            replayer.flush(completion.onApplied);
        }
        finally
        {
            completion.finish();
        }
        return new Result(replayer.applied(), completion.completed, replayer.lastSequence() + 1);
    }

    /** {@link #snapshotLimit(java.nio.file.Path, JournalKey)} of a journal in clear. */
    public static long snapshotLimit(final java.nio.file.Path dataDir)
    {
        return snapshotLimit(dataDir, null);
    }

    /**
     * @param key the journal key, null when none was given.
     * @return the last sequence a snapshot may cover to restart on this journal: its last input that has
     * an outcome (-1 for an empty journal). Past it, recovery must replay inputs to complete their outcomes.
     * @throws JournalException when the journal cannot be read.
     */
    public static long snapshotLimit(final java.nio.file.Path dataDir, final JournalKey key)
    {
        try (JournalReader reader = JournalReader.open(dataDir, key))
        {
            return Math.min(reader.lastInputSequence(), reader.lastOutcomeSequence());
        }
    }

    /** Applies each input; encodes and appends the outcome of each one past the last journaled outcome. */
    private static final class Completion
    {
        private final Replayer replayer;
        private final ChronicleJournal journal;
        private final ResponseEncoder encoder = new ResponseEncoder();
        private final UnsafeBuffer response = new UnsafeBuffer(new byte[TransactionEvent.RESPONSE_CAPACITY]);
        final Replayer.Applied onApplied = this::onApplied;
        private long lastOutcome;
        private long completed;
        private boolean writing;

        Completion(final Replayer replayer, final ChronicleJournal journal)
        {
            this.replayer = replayer;
            this.journal = journal;
        }

        void onInput(final long sequence, final byte kind, final long ingressEpochNanos, final long connectionId,
            final org.agrona.DirectBuffer payload, final int offset, final int length)
        {
            replayer.offer(sequence, kind, ingressEpochNanos, connectionId, payload, offset, length, onApplied);
        }

        private void onApplied(final TransactionEvent event)
        {
            final long sequence = event.sequence();
            if (sequence <= lastOutcome)
            {
                return;
            }
            final Decision decision = event.decision();
            int responseLength = 0;
            if (event.kind() == EventKind.REQUEST && decision.hasResponse())
            {
                responseLength = encoder.encode(event.request(), decision, response, 0);
            }
            if (!writing)
            {
                journal.outcomeWriter().onStart();
                writing = true;
            }
            journal.outcomeWriter().append(sequence, decision, response, 0, responseLength);
            completed++;
        }

        void finish()
        {
            if (writing)
            {
                journal.outcomeWriter().endOfBatch();
                journal.outcomeWriter().onShutdown();
                writing = false;
            }
        }
    }
}
