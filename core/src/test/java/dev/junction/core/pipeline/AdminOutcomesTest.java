package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.junction.core.auth.Decision;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The table of recent admin outcomes that the operator's thread reads back by journal sequence. */
class AdminOutcomesTest
{
    private static final UnsafeBuffer NO_RESPONSE = new UnsafeBuffer(new byte[0]);

    private final RecordingOutcomeJournal journal = new RecordingOutcomeJournal();
    private final AdminOutcomes outcomes = new AdminOutcomes(8);
    private final OutcomeJournal recording = outcomes.recording(journal);
    private final Decision decision = new Decision();

    @Test
    void anAdminOutcomeIsJournaledAndThenReadableByItsSequence()
    {
        decision.reset();
        decision.adminResult(Decision.ADMIN_CHANGED);
        decision.adminValue(20261122);
        decision.account(7, -500, 840, 9_500, 100);
        decision.availableAfterMinor(9_400);

        recording.append(41, decision, NO_RESPONSE, 0, 0);

        assertEquals(1, journal.outcomes().size(), "the real journal got the outcome first");
        assertEquals(new AdminOutcomes.Outcome(41, Decision.ADMIN_CHANGED, 20261122, -500, 840, 9_500, 9_400),
            outcomes.find(41));
    }

    @Test
    void anOutcomeWithoutAnAdminResultIsJournaledButNotKept()
    {
        decision.reset();
        decision.respond(110, 0);
        recording.append(3, decision, NO_RESPONSE, 0, 0);

        assertEquals(1, journal.outcomes().size());
        assertNull(outcomes.find(3));
        assertNull(outcomes.find(0), "nothing recorded yet");
    }

    @Test
    void anOutcomeOverwrittenByALaterOneIsAbsentNotWrong()
    {
        for (long sequence = 0; sequence < 9; sequence++)
        {
            decision.reset();
            decision.adminResult(Decision.ADMIN_CREATED);
            recording.append(sequence, decision, NO_RESPONSE, 0, 0);
        }
        assertNull(outcomes.find(0), "sequence 8 took its slot");
        assertEquals(8, outcomes.find(8).sequence());
        assertEquals(1, outcomes.find(1).sequence());
    }

    @Test
    void theCapacityIsAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> new AdminOutcomes(0));
        assertThrows(IllegalArgumentException.class, () -> new AdminOutcomes(1000));
        assertEquals(1024, new AdminOutcomes(AdminOutcomes.DEFAULT_CAPACITY).capacity());
    }

    @Test
    void aReaderOnAnotherThreadNeverSeesHalfOfOneOutcomeAndHalfOfAnother() throws InterruptedException
    {
        // The writer keeps rewriting the same slots; every value of an outcome is derived from its
        // sequence, so a torn read would show values of two sequences.
        final long writes = 2_000_000;
        final AtomicLong written = new AtomicLong(-1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            final Decision own = new Decision();
            for (long sequence = 0; sequence < writes; sequence++)
            {
                own.reset();
                own.adminResult((int)(sequence % 7) + 1);
                own.adminValue(sequence * 3);
                own.account(1, sequence * 5, (int)(sequence % 999), sequence * 11, 0);
                own.availableAfterMinor(sequence * 13);
                outcomes.record(sequence, own);
                written.lazySet(sequence);
            }
        });
        writer.start();
        long whole = 0;
        while (writer.isAlive() || whole == 0)
        {
            final long latest = written.get();
            for (long sequence = Math.max(0, latest - 8); sequence <= latest; sequence++)
            {
                final AdminOutcomes.Outcome outcome = outcomes.find(sequence);
                if (outcome == null)
                {
                    continue;
                }
                whole++;
                if (outcome.result() != (int)(sequence % 7) + 1 || outcome.value() != sequence * 3 ||
                    outcome.amountMinor() != sequence * 5 || outcome.currencyCode() != (int)(sequence % 999) ||
                    outcome.balanceAfterMinor() != sequence * 11 || outcome.availableAfterMinor() != sequence * 13)
                {
                    failure.compareAndSet(null, new AssertionError("torn outcome for sequence " + sequence + ": " + outcome));
                }
            }
        }
        writer.join();
        assertNull(failure.get());
        assertTrue(whole > 0);
    }
}
