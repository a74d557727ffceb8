package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
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
import dev.junction.core.refdata.RiskAdminRecords;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * With every limit, tier, risk feature and conversion at work, the request path still allocates nothing:
 * a euro authorization and its completion, a euro purchase with a PIN and its partial reversal, a
 * purchase on a blocked terminal (59), a retransmission, and the encoding of each answer, with time
 * moving three seconds a round so that velocity buckets turn and days change.
 */
class RiskAllocationTest
{
    private static final int WARM_UP_ROUNDS = 30_000;
    private static final int MEASURED_ROUNDS = 50_000;
    private static final long ROUND_NANOS = 3_000_000_000L;

    private final Authorizer authorizer = new Authorizer(new AuthorizerConfig(4, 4, 1_024, 1_024, 60_000,
        new RiskConfig(6, 600, 1_024, 16, 16)));
    private final ResponseEncoder encoder = new ResponseEncoder();
    private final TransactionEvent authorization = slot(spending(Lifecycle.authorization(CARD, 100, 1)));
    private final TransactionEvent completion = slot(spending(Lifecycle.completion(CARD, 60, 2, 1)));
    private final TransactionEvent purchase = slot(spending(TestRequest.purchase(200, CARD, 100, 3))
        .with(IsoFields.PIN_DATA, "PINBLOCK"));
    private final TransactionEvent reversal = slot(TestRequest.purchase(400, CARD, 100, 3)
        .with(IsoFields.CURRENCY_TRANSACTION, "978")
        .with(IsoFields.REPLACEMENT_AMOUNTS, String.format("%012d%012d%s", 40, 40, " ".repeat(18))));
    private final TransactionEvent blocked = slot(spending(TestRequest.purchase(200, CARD, 100, 4))
        .with(IsoFields.TERMINAL_ID, "TERM0666").with(IsoFields.PIN_DATA, "PINBLOCK"));
    private final UnsafeBuffer completionPayload = new UnsafeBuffer(completion.payloadArray());
    private long now = TestRequest.NOW_EPOCH_NANOS;
    private int stan;

    @Test
    void limitsRiskAndConversionAllocateNothingInSteadyState()
    {
        provision();
        final SteadyState.Allocation allocation =
            SteadyState.allocation(this::round, WARM_UP_ROUNDS, MEASURED_ROUNDS, 1024);

        assertTrue(allocation.bytes() < 1024, "allocated " + allocation.bytes() + " bytes over " + MEASURED_ROUNDS +
            " rounds");
    }

    private void round(final int round)
    {
        now += ROUND_NANOS;
        final int first = stan;
        stan += 4;
        final Decision authorized = apply(authorization, first, ResponseCodes.APPROVED);
        if (!authorized.isConverted() || authorized.riskReasons() == 0)
        {
            throw new AssertionError("round " + round + ": the authorization was not converted and scored");
        }
        final long authorizationId = authorized.authorizationId();
        AuthorizationIds.write(authorizationId, completionPayload, completion.request().valueOffset(IsoFields.AUTH_ID));
        apply(completion, first + 1, ResponseCodes.APPROVED);
        apply(purchase, first + 2, ResponseCodes.APPROVED);
        apply(reversal, first + 2, ResponseCodes.APPROVED);
        if (!apply(purchase, first + 2, ResponseCodes.APPROVED).isDuplicate())
        {
            throw new AssertionError("round " + round + ": the retransmission was not recognised");
        }
        apply(blocked, first + 3, ResponseCodes.SUSPECTED_FRAUD);
    }

    private Decision apply(final TransactionEvent slot, final int stanValue, final int expectedCode)
    {
        setStan(slot, stanValue);
        slot.input(0, EventKind.REQUEST, now, 7, slot.payloadLength());
        authorizer.apply(slot);
        final Decision decision = slot.decision();
        if (decision.responseCode() != expectedCode)
        {
            throw new AssertionError("MTI " + slot.request().mti() + " answered " + decision.responseCode() +
                " (limit " + decision.limitRule() + ", score " + decision.riskScore() + ")");
        }
        slot.responseLength(encoder.encode(slot.request(), decision, slot.response(), 0));
        return decision;
    }

    /** A euro request from abroad, read from the chip, at a grocery, with every feature's field present. */
    private static TestRequest spending(final TestRequest request)
    {
        return request.with(IsoFields.CURRENCY_TRANSACTION, "978").with(IsoFields.POS_ENTRY_MODE, "051")
            .with(IsoFields.ACQUIRER_COUNTRY, "826").with(IsoFields.MERCHANT_TYPE, "5411");
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
        admin(buffer, AdminRecords.writeAccount(buffer, 0, new AccountRecord(1, 840, 1_000_000_000_000L, 0)));
        admin(buffer, AdminRecords.writeCard(buffer, 0, new CardRecord(CARD, 1, 3012, CardStatus.ACTIVE, 840)));
        admin(buffer, RiskAdminRecords.writeLimitsProfile(buffer, 0, 1, 1_000_000, 1_000_000_000_000L, 1_000_000, 500,
            1_000_000, 1_000_000_000_000L, 50));
        admin(buffer, RiskAdminRecords.writeRiskModel(buffer, 0, 1, -3_000, RiskRecords.DEFAULT_WEIGHTS, 500, 990, 10,
            50_000, 300, 20));
        admin(buffer, RiskAdminRecords.writeMerchantCategory(buffer, 0, 1, 6011, 0, true));
        admin(buffer, RiskAdminRecords.writeTerminal(buffer, 0, 1, "TERM0666", true));
        admin(buffer, RiskAdminRecords.writeCurrencyRate(buffer, 0, 1, 978, 840, 61_100_000));
    }

    private void admin(final UnsafeBuffer buffer, final int length)
    {
        final TransactionEvent admin = new TransactionEvent(256);
        admin.copyInput(0, EventKind.ADMIN, now, 0, buffer, 0, length);
        authorizer.apply(admin);
        if (admin.decision().adminResult() != Decision.ADMIN_CREATED)
        {
            throw new AssertionError("admin record of type " + buffer.getByte(0) + " refused");
        }
    }

    private static TransactionEvent slot(final TestRequest request)
    {
        return request.into(new TransactionEvent(4096), 0);
    }
}
