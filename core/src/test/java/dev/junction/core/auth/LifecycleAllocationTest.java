package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.ResponseEncoder;
import dev.junction.core.pipeline.TestRequest;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle's paths allocate nothing in steady state: an authorization that records a hold, its
 * completion, a purchase and its reversal, a retransmission answered again, a balance inquiry, a tick,
 * and the encoding of each answer, with the transaction table and duplicate window evicting as they go.
 * Requests are built once; each round rewrites their STAN (and the completion's field 38) in place.
 */
class LifecycleAllocationTest
{
    private static final int WARM_UP_ROUNDS = 30_000;
    private static final int MEASURED_ROUNDS = 50_000;

    private final Authorizer authorizer = new Authorizer(new AuthorizerConfig(4, 4, 1_024, 1_024, 60_000));
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final TransactionEvent authorization = slot(Lifecycle.authorization(CARD, 100, 1));
    private final TransactionEvent completion = slot(Lifecycle.completion(CARD, 60, 2, 1));
    private final TransactionEvent purchase = slot(TestRequest.purchase(200, CARD, 100, 3));
    private final TransactionEvent reversal = slot(TestRequest.purchase(400, CARD, 100, 3));
    private final TransactionEvent inquiry = slot(Lifecycle.inquiry(100, CARD, 4));
    private final UnsafeBuffer completionPayload = new UnsafeBuffer(completion.payloadArray());
    private final TransactionEvent tick = new TransactionEvent(256);
    private final UnsafeBuffer emptyPayload = new UnsafeBuffer(new byte[0]);
    private int stan;

    @Test
    void theLifecyclesPathsAllocateNothingInSteadyState()
    {
        provision();
        final SteadyState.Allocation allocation =
            SteadyState.allocation(this::round, WARM_UP_ROUNDS, MEASURED_ROUNDS, 1024);

        assertTrue(allocation.bytes() < 1024, "allocated " + allocation.bytes() + " bytes over " + MEASURED_ROUNDS +
            " rounds");
        assertEquals(0, authorizer.accounts().holdsMinor(0));
        assertEquals(1_000_000_000L - 60L * allocation.rounds(), authorizer.accounts().balanceMinor(0));
    }

    private void round(final int round)
    {
        final int first = stan;
        stan += 4;
        setStan(authorization, first);
        final long authorizationId = apply(authorization, ResponseCodes.APPROVED).authorizationId();

        setStan(completion, first + 1);
        AuthorizationIds.write(authorizationId, completionPayload,
            completion.request().valueOffset(IsoFields.AUTH_ID));
        apply(completion, ResponseCodes.APPROVED);

        setStan(purchase, first + 2);
        apply(purchase, ResponseCodes.APPROVED);
        setStan(reversal, first + 2);
        apply(reversal, ResponseCodes.APPROVED);
        final Decision again = apply(purchase, ResponseCodes.APPROVED);
        if (!again.isDuplicate())
        {
            throw new AssertionError("round " + round + ": the retransmission was not recognised");
        }

        setStan(inquiry, first + 3);
        apply(inquiry, ResponseCodes.APPROVED);

        tick.input(0, EventKind.TICK, TestRequest.NOW_EPOCH_NANOS, 0, 0);
        authorizer.apply(tick);
    }

    private Decision apply(final TransactionEvent slot, final int expectedCode)
    {
        authorizer.apply(slot);
        final Decision decision = slot.decision();
        if (decision.responseCode() != expectedCode)
        {
            throw new AssertionError("MTI " + slot.request().mti() + " answered " + decision.responseCode());
        }
        slot.responseLength(encoder.encode(slot.request(), decision, slot.response(), 0));
        return decision;
    }

    /** Writes the STAN's six digits as the three BCD bytes of field 11, where the decoder found them. */
    private static void setStan(final TransactionEvent slot, final int value)
    {
        final int at = slot.request().valueOffset(IsoFields.STAN);
        final byte[] bytes = slot.payloadArray();
        int remaining = value % 1_000_000;
        for (int i = 2; i >= 0; i--)
        {
            final int low = remaining % 10;
            remaining /= 10;
            final int high = remaining % 10;
            remaining /= 10;
            bytes[at + i] = (byte)(high << 4 | low);
        }
    }

    private void provision()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        final TransactionEvent admin = new TransactionEvent(256);
        int length = AdminRecords.writeAccount(buffer, 0, new AccountRecord(1, 840, 1_000_000_000L, 0));
        admin.copyInput(0, EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, 0, buffer, 0, length);
        authorizer.apply(admin);
        length = AdminRecords.writeCard(buffer, 0, new CardRecord(CARD, 1, 3012, CardStatus.ACTIVE));
        admin.copyInput(0, EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, 0, buffer, 0, length);
        authorizer.apply(admin);
        tick.copyInput(0, EventKind.TICK, TestRequest.NOW_EPOCH_NANOS, 0, emptyPayload, 0, 0);
    }

    private static TransactionEvent slot(final TestRequest request)
    {
        return request.into(new TransactionEvent(4096), 0);
    }
}
