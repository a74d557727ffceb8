package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.Decision;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.pipeline.RecordingInputJournal.Input;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Rebuilding the authorizer from journaled inputs: the same state and decisions, or a refusal. */
class ReplayerTest
{
    private static final long FIRST_SEQUENCE = 5_000;
    private static final String FUNDED = "4000000000000069";
    private static final String LOST = "4000000000000010";
    private static final String NINETEEN_DIGITS = "6011000000000000007";

    /** A journal's worth of inputs: reference data, then approvals, declines and network messages. */
    private static List<Input> journal()
    {
        final List<byte[]> payloads = new ArrayList<>();
        final List<Byte> kinds = new ArrayList<>();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        for (final Object reference : List.of(new AccountRecord(1, 840, 100_000, 0), new AccountRecord(2, 978, 0, 50_000),
            new CardRecord(FUNDED, 1, 3012, CardStatus.ACTIVE), new CardRecord(LOST, 1, 3012, CardStatus.LOST),
            new CardRecord(NINETEEN_DIGITS, 2, 2801, CardStatus.ACTIVE)))
        {
            final int length = reference instanceof AccountRecord account ?
                AdminRecords.writeAccount(record, 0, account) : AdminRecords.writeCard(record, 0, (CardRecord)reference);
            final byte[] bytes = new byte[length];
            record.getBytes(0, bytes);
            payloads.add(bytes);
            kinds.add(EventKind.ADMIN);
        }
        for (int i = 0; i < 60; i++)
        {
            final String pan = i % 7 == 0 ? LOST : i % 3 == 0 ? NINETEEN_DIGITS : FUNDED;
            final TestRequest request = i % 10 == 9 ?
                TestRequest.of(800).with(7, "1121120000").with(11, String.format("%06d", i)).with(70, "301") :
                TestRequest.purchase(i % 2 == 0 ? 100 : 200, pan, 1_000L * i, i).with(49, NINETEEN_DIGITS.equals(pan) ? "978" : "840");
            payloads.add(request.bytes());
            kinds.add(EventKind.REQUEST);
        }
        final List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++)
        {
            inputs.add(new Input(FIRST_SEQUENCE + i, kinds.get(i), TestRequest.NOW_EPOCH_NANOS + i * 1_000_000L,
                kinds.get(i) == EventKind.REQUEST ? 7 : 0, payloads.get(i)));
        }
        return inputs;
    }

    /** What matters of one decision, comparable across runs. */
    private record Outcome(int responseMti, int responseCode, long authorizationId, long balanceAfterMinor,
        long holdsAfterMinor, int adminResult)
    {
        static Outcome of(final Decision decision)
        {
            return new Outcome(decision.responseMti(), decision.responseCode(), decision.authorizationId(),
                decision.balanceAfterMinor(), decision.holdsAfterMinor(), decision.adminResult());
        }
    }

    @Test
    void replayingTheSameInputsIntoAFreshAuthorizerReachesTheSameDigest()
    {
        final Authorizer first = new Authorizer(new AuthorizerConfig(16, 16));
        final Authorizer second = new Authorizer(new AuthorizerConfig(16, 16));

        replay(first, journal());
        replay(second, journal());

        assertEquals(first.digest(), second.digest());
        assertNotEquals(new Authorizer(new AuthorizerConfig(16, 16)).digest(), first.digest());
    }

    @Test
    void replayingTheSameInputsIntoAFreshAuthorizerGivesTheSameDecisions()
    {
        final List<Outcome> first = replay(new Authorizer(new AuthorizerConfig(16, 16)), journal());
        final List<Outcome> second = replay(new Authorizer(new AuthorizerConfig(16, 16)), journal());

        assertEquals(first, second);
        assertTrue(first.stream().anyMatch(outcome -> outcome.responseCode() == ResponseCodes.APPROVED));
        assertTrue(first.stream().anyMatch(outcome -> outcome.responseCode() == ResponseCodes.LOST_CARD));
        assertTrue(first.stream().anyMatch(outcome -> outcome.responseMti() == 810));
    }

    @Test
    void replayGivesTheDecisionsThatApplyingEachEventInARingSlotGives()
    {
        final Authorizer live = new Authorizer(new AuthorizerConfig(16, 16));
        final TransactionEvent slot = new TransactionEvent(PipelineConfig.DEFAULT_PAYLOAD_CAPACITY);
        final List<Outcome> liveOutcomes = new ArrayList<>();
        for (final Input input : journal())
        {
            slot.copyInput(input.sequence(), input.kind(), input.ingressEpochNanos(), input.connectionId(),
                new UnsafeBuffer(input.payload()), 0, input.payload().length);
            live.apply(slot);
            liveOutcomes.add(Outcome.of(slot.decision()));
        }
        final Authorizer replayed = new Authorizer(new AuthorizerConfig(16, 16));

        assertEquals(liveOutcomes, replay(replayed, journal()));
        assertEquals(live.digest(), replayed.digest());
    }

    @Test
    void offeredInputsAreAppliedInWarmedBatchesWithTheSameDecisionsAndState()
    {
        final Authorizer oneByOne = new Authorizer(new AuthorizerConfig(16, 16));
        final List<Outcome> expected = replay(oneByOne, journal());

        final Authorizer batched = new Authorizer(new AuthorizerConfig(16, 16));
        final Replayer replayer = new Replayer(batched);
        final List<Outcome> outcomes = new ArrayList<>();
        final List<Long> sequences = new ArrayList<>();
        final Replayer.Applied record = event ->
        {
            sequences.add(event.sequence());
            outcomes.add(Outcome.of(event.decision()));
        };
        final List<Input> inputs = journal();
        for (final Input input : inputs)
        {
            offer(replayer, input, record);
        }
        // 65 inputs: four full batches applied as they filled, one input waiting.
        assertEquals(64, replayer.applied());
        assertEquals(FIRST_SEQUENCE + 63, replayer.lastSequence());
        replayer.flush(record);

        assertEquals(expected, outcomes);
        assertEquals(oneByOne.digest(), batched.digest());
        assertEquals(inputs.stream().map(Input::sequence).toList(), sequences);
        assertEquals(inputs.size(), replayer.applied());
        assertEquals(FIRST_SEQUENCE + inputs.size() - 1, replayer.lastSequence());
        assertTrue(batched.warmedEvents() >= 48, "the batches were warmed: " + batched.warmedEvents());
    }

    @Test
    void aGapAmongOfferedInputsIsRefusedAndWhatWaitsIsStillApplied()
    {
        final List<Input> inputs = journal();
        final Replayer replayer = new Replayer(new Authorizer(new AuthorizerConfig(16, 16)));
        final List<Long> sequences = new ArrayList<>();
        offer(replayer, inputs.get(0), event -> sequences.add(event.sequence()));
        offer(replayer, inputs.get(1), event -> sequences.add(event.sequence()));

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> offer(replayer, inputs.get(3), event -> sequences.add(event.sequence())));
        assertTrue(refused.getMessage().contains(Long.toString(FIRST_SEQUENCE + 1)), refused.getMessage());

        replayer.flush(event -> sequences.add(event.sequence()));
        assertEquals(List.of(FIRST_SEQUENCE, FIRST_SEQUENCE + 1), sequences);
    }

    @Test
    void applyingWhileOfferedInputsWaitIsRefused()
    {
        final List<Input> inputs = journal();
        final Replayer replayer = new Replayer(new Authorizer(new AuthorizerConfig(16, 16)));
        offer(replayer, inputs.get(0), event -> { });

        assertThrows(IllegalStateException.class, () -> apply(replayer, inputs.get(1)));
        assertEquals(0, replayer.applied());
    }

    @Test
    void theReplayerCountsWhatItAppliedAndTheLastSequence()
    {
        final Replayer replayer = new Replayer(new Authorizer(new AuthorizerConfig(16, 16)));
        assertEquals(-1, replayer.lastSequence());

        final List<Input> inputs = journal();
        inputs.forEach(input -> apply(replayer, input));

        assertEquals(inputs.size(), replayer.applied());
        assertEquals(FIRST_SEQUENCE + inputs.size() - 1, replayer.lastSequence());
    }

    @Test
    void aGapInSequencesIsRefusedNamingBothSequences()
    {
        final List<Input> inputs = journal();
        final Replayer replayer = new Replayer(new Authorizer(new AuthorizerConfig(16, 16)));
        apply(replayer, inputs.get(0));
        apply(replayer, inputs.get(1));

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> apply(replayer, inputs.get(3)));

        assertTrue(refused.getMessage().contains(Long.toString(FIRST_SEQUENCE + 3)), refused.getMessage());
        assertTrue(refused.getMessage().contains(Long.toString(FIRST_SEQUENCE + 1)), refused.getMessage());
    }

    @Test
    void aRepeatedSequenceIsRefused()
    {
        final List<Input> inputs = journal();
        final Replayer replayer = new Replayer(new Authorizer(new AuthorizerConfig(16, 16)));
        apply(replayer, inputs.get(0));

        assertThrows(IllegalStateException.class, () -> apply(replayer, inputs.get(0)));
    }

    @Test
    void aRefusedRecordChangesNoState()
    {
        final List<Input> inputs = journal();
        final Authorizer authorizer = new Authorizer(new AuthorizerConfig(16, 16));
        final Replayer replayer = new Replayer(authorizer);
        apply(replayer, inputs.get(0));
        final long digest = authorizer.digest();

        assertThrows(IllegalStateException.class, () -> apply(replayer, inputs.get(2)));

        assertEquals(digest, authorizer.digest());
        assertEquals(1, replayer.applied());
        assertEquals(FIRST_SEQUENCE, replayer.lastSequence());
    }

    @Test
    void aRecordLargerThanAnyFrameIsRefused()
    {
        final Replayer replayer = new Replayer(new Authorizer(new AuthorizerConfig(16, 16)));
        final byte[] huge = new byte[Replayer.MAX_PAYLOAD + 1];

        assertThrows(IllegalStateException.class, () -> replayer.apply(FIRST_SEQUENCE, EventKind.REQUEST,
            TestRequest.NOW_EPOCH_NANOS, 7, new UnsafeBuffer(huge), 0, huge.length));
    }

    private static List<Outcome> replay(final Authorizer authorizer, final List<Input> inputs)
    {
        final Replayer replayer = new Replayer(authorizer);
        final List<Outcome> outcomes = new ArrayList<>();
        for (final Input input : inputs)
        {
            outcomes.add(Outcome.of(apply(replayer, input)));
        }
        return outcomes;
    }

    private static void offer(final Replayer replayer, final Input input, final Replayer.Applied onApplied)
    {
        replayer.offer(input.sequence(), input.kind(), input.ingressEpochNanos(), input.connectionId(),
            new UnsafeBuffer(input.payload()), 0, input.payload().length, onApplied);
    }

    private static Decision apply(final Replayer replayer, final Input input)
    {
        return replayer.apply(input.sequence(), input.kind(), input.ingressEpochNanos(), input.connectionId(),
            new UnsafeBuffer(input.payload()), 0, input.payload().length);
    }
}
