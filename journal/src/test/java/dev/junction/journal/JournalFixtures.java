package dev.junction.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.InputJournal;
import dev.junction.core.pipeline.OutcomeJournal;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Records whose every field is a function of their sequence, so a test can write any range and check
 * every field and byte read back without keeping a copy.
 */
final class JournalFixtures
{
    static final int PAYLOAD_OFFSET = 3;

    private JournalFixtures()
    {
    }

    static byte kind(final long sequence)
    {
        return (byte)(EventKind.REQUEST + (int)(sequence % 4));
    }

    static long ingressEpochNanos(final long sequence)
    {
        return 1_763_000_000_000_000_000L + sequence * 1_234L;
    }

    static long connectionId(final long sequence)
    {
        return sequence % 17;
    }

    static int payloadLength(final long sequence)
    {
        return (int)((sequence * 37) % 300);
    }

    static byte payloadByte(final long sequence, final int i)
    {
        return (byte)(sequence * 31 + i);
    }

    static int responseLength(final long sequence)
    {
        return (int)((sequence * 11) % 120);
    }

    static byte responseByte(final long sequence, final int i)
    {
        return (byte)(sequence * 7 - i);
    }

    /** Fills {@code payload} (at {@link #PAYLOAD_OFFSET}) with the sequence's payload and appends the input. */
    static void appendInput(final InputJournal journal, final UnsafeBuffer payload, final long sequence)
    {
        final int length = payloadLength(sequence);
        for (int i = 0; i < length; i++)
        {
            payload.putByte(PAYLOAD_OFFSET + i, payloadByte(sequence, i));
        }
        journal.append(sequence, kind(sequence), ingressEpochNanos(sequence), connectionId(sequence),
            payload, PAYLOAD_OFFSET, length);
    }

    static void appendOutcome(
        final OutcomeJournal journal, final Decision decision, final UnsafeBuffer response, final long sequence)
    {
        decision.reset();
        decision.respond(110 + (int)(sequence % 3) * 100, (int)(sequence % 100));
        decision.authorizationId(sequence * 3 + 1);
        decision.account(1_000_000 + sequence, sequence * 250 - 9_000, 840, -sequence * 17, sequence << 20);
        decision.adminResult((int)(sequence % 4));
        decision.availableAfterMinor(sequence * 1_000 - 77);
        decision.movements(-sequence * 13, sequence * 5 - 100);
        decision.expiredHoldsMinor(sequence % 7 * 1_111);
        decision.originalAuthorizationId(sequence * 3 - 2);
        decision.duplicate(sequence % 5 == 0);
        if (sequence % 6 == 1)
        {
            decision.balanceInquiry((int)(sequence % 3) * 10);
        }
        decision.rulesVersion((int)(sequence % 9) + 1);
        decision.risk((int)(sequence % 1_000), (int)(sequence * 0x2f) & 0x3ff, sequence % 4 == 2);
        decision.limitRule((int)(sequence % 8));
        decision.conversion(sequence * 108 + 3, 978, 61_085_000 + (int)(sequence % 1_000));
        final int length = responseLength(sequence);
        for (int i = 0; i < length; i++)
        {
            response.putByte(PAYLOAD_OFFSET + i, responseByte(sequence, i));
        }
        journal.append(sequence, decision, response, PAYLOAD_OFFSET, length);
    }

    static UnsafeBuffer newMessageBuffer()
    {
        return new UnsafeBuffer(new byte[PAYLOAD_OFFSET + JournalFormat.MAX_PAYLOAD_LENGTH]);
    }

    /** Writes inputs and outcomes {@code from}..{@code to} on the calling thread, one batch each. */
    static void write(final ChronicleJournal journal, final long from, final long to)
    {
        final InputJournal inputs = journal.inputWriter();
        final OutcomeJournal outcomes = journal.outcomeWriter();
        final UnsafeBuffer buffer = newMessageBuffer();
        final Decision decision = new Decision();
        inputs.onStart();
        outcomes.onStart();
        for (long sequence = from; sequence <= to; sequence++)
        {
            appendInput(inputs, buffer, sequence);
            appendOutcome(outcomes, decision, buffer, sequence);
        }
        inputs.endOfBatch();
        outcomes.endOfBatch();
        inputs.onShutdown();
        outcomes.onShutdown();
    }

    /** Checks every field and payload byte of each input against the fixture, and that sequences run in order. */
    static final class CheckingInputHandler implements InputRecordHandler
    {
        long expectedSequence;
        long count;

        CheckingInputHandler(final long firstSequence)
        {
            expectedSequence = firstSequence;
        }

        @Override
        public void onInput(
            final long sequence,
            final byte kind,
            final long ingressEpochNanos,
            final long connectionId,
            final DirectBuffer payload,
            final int offset,
            final int length)
        {
            assertEquals(expectedSequence, sequence, "sequence");
            assertEquals(kind(sequence), kind, "kind");
            assertEquals(ingressEpochNanos(sequence), ingressEpochNanos, "ingressEpochNanos");
            assertEquals(connectionId(sequence), connectionId, "connectionId");
            assertEquals(payloadLength(sequence), length, "payload length");
            for (int i = 0; i < length; i++)
            {
                if (payload.getByte(offset + i) != payloadByte(sequence, i))
                {
                    assertEquals(payloadByte(sequence, i), payload.getByte(offset + i), "payload byte " + i);
                }
            }
            expectedSequence++;
            count++;
        }
    }

    /** Checks every field and response byte of each outcome against the fixture, and that sequences run in order. */
    static final class CheckingOutcomeHandler implements OutcomeRecordHandler
    {
        long expectedSequence;
        long count;

        CheckingOutcomeHandler(final long firstSequence)
        {
            expectedSequence = firstSequence;
        }

        @Override
        public void onOutcome(final OutcomeRecord record)
        {
            final long sequence = record.sequence();
            assertEquals(expectedSequence, sequence, "sequence");
            assertEquals(110 + (int)(sequence % 3) * 100, record.responseMti(), "responseMti");
            assertEquals((int)(sequence % 100), record.responseCode(), "responseCode");
            assertEquals(sequence * 3 + 1, record.authorizationId(), "authorizationId");
            assertEquals(1_000_000 + sequence, record.accountId(), "accountId");
            assertEquals(sequence * 250 - 9_000, record.amountMinor(), "amountMinor");
            assertEquals(840, record.currencyCode(), "currencyCode");
            assertEquals(-sequence * 17, record.balanceAfterMinor(), "balanceAfterMinor");
            assertEquals(sequence << 20, record.holdsAfterMinor(), "holdsAfterMinor");
            assertEquals((int)(sequence % 4), record.adminResult(), "adminResult");
            assertEquals(sequence * 1_000 - 77, record.availableAfterMinor(), "availableAfterMinor");
            assertEquals(-sequence * 13, record.balanceDeltaMinor(), "balanceDeltaMinor");
            assertEquals(sequence * 5 - 100, record.holdsDeltaMinor(), "holdsDeltaMinor");
            assertEquals(sequence % 7 * 1_111, record.expiredHoldsMinor(), "expiredHoldsMinor");
            assertEquals(sequence * 3 - 2, record.originalAuthorizationId(), "originalAuthorizationId");
            assertEquals(sequence % 5 == 0, record.isDuplicate(), "duplicate");
            assertEquals(sequence % 6 == 1, record.isBalanceInquiry(), "balanceInquiry");
            assertEquals(sequence % 6 == 1 ? (int)(sequence % 3) * 10 : 0, record.accountType(), "accountType");
            assertEquals((int)(sequence % 9) + 1, record.rulesVersion(), "rulesVersion");
            assertEquals((int)(sequence % 1_000), record.riskScore(), "riskScore");
            assertEquals((int)(sequence * 0x2f) & 0x3ff, record.riskReasons(), "riskReasons");
            assertEquals(sequence % 4 == 2, record.isFlaggedForReview(), "flaggedForReview");
            assertEquals((int)(sequence % 8), record.limitRule(), "limitRule");
            assertEquals(sequence * 108 + 3, record.billingAmountMinor(), "billingAmountMinor");
            assertEquals(978, record.billingCurrencyCode(), "billingCurrencyCode");
            assertEquals(61_085_000 + (int)(sequence % 1_000), record.conversionRate(), "conversionRate");
            assertTrue(record.isConverted(), "converted");
            assertEquals(responseLength(sequence), record.responseLength(), "response length");
            for (int i = 0; i < record.responseLength(); i++)
            {
                final byte actual = record.response().getByte(record.responseOffset() + i);
                if (actual != responseByte(sequence, i))
                {
                    assertEquals(responseByte(sequence, i), actual, "response byte " + i);
                }
            }
            expectedSequence++;
            count++;
        }
    }
}
