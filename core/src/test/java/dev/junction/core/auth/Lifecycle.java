package dev.junction.core.auth;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TestRequest;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A provisioned authorizer and the messages of a card transaction's lifecycle, for the specification
 * tests: account 1 holds 10,000 on {@link #CARD} and {@link #SECOND_CARD}; account 2 has no balance and
 * a credit limit of 5,000 on {@link #CREDIT_CARD}; {@link #LOST_CARD} is lost. Every message comes from
 * acquirer 12345, terminal TERM0001, at transmission time 1121120000, and carries RRN "RRN" + its STAN.
 */
final class Lifecycle
{
    static final String CARD = "4000000000000001";
    static final String SECOND_CARD = "4000000000000002";
    static final String CREDIT_CARD = "4000000000000003";
    static final String LOST_CARD = "4000000000000004";
    static final String ACQUIRER = "12345";
    static final long HOUR_NANOS = 3_600_000_000_000L;
    static final long DAY_NANOS = 24 * HOUR_NANOS;

    final Authorizer authorizer;
    private final TransactionEvent event = new TransactionEvent(4096);
    private long sequence;

    Lifecycle()
    {
        this(new AuthorizerConfig(16, 16, 64, 64, 7L * 24 * 60 * 60 * 1000));
    }

    Lifecycle(final AuthorizerConfig config)
    {
        authorizer = new Authorizer(config);
        admin(new AccountRecord(1, 840, 10_000, 0));
        admin(new AccountRecord(2, 840, 0, 5_000));
        admin(new CardRecord(CARD, 1, 3012, CardStatus.ACTIVE));
        admin(new CardRecord(SECOND_CARD, 1, 3012, CardStatus.ACTIVE));
        admin(new CardRecord(CREDIT_CARD, 2, 3012, CardStatus.ACTIVE));
        admin(new CardRecord(LOST_CARD, 1, 3012, CardStatus.LOST));
    }

    /** Applies a request at {@link TestRequest#NOW_EPOCH_NANOS}; the decision is valid until the next call. */
    Decision send(final TestRequest request)
    {
        return send(request, TestRequest.NOW_EPOCH_NANOS);
    }

    Decision send(final TestRequest request, final long ingressEpochNanos)
    {
        authorizer.apply(request.into(event, sequence++, ingressEpochNanos));
        return event.decision();
    }

    /** The slot of the last event, to encode its answer. */
    TransactionEvent lastEvent()
    {
        return event;
    }

    Decision tick(final long epochNanos)
    {
        event.copyInput(sequence++, EventKind.TICK, epochNanos, 0, new UnsafeBuffer(new byte[0]), 0, 0);
        authorizer.apply(event);
        return event.decision();
    }

    /** Provisions an account or a card through an admin event. */
    Decision admin(final Object record)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        final int length = record instanceof AccountRecord ?
            AdminRecords.writeAccount(buffer, 0, (AccountRecord)record) :
            AdminRecords.writeCard(buffer, 0, (CardRecord)record);
        return admin(buffer, length);
    }

    /** Applies an admin record already written to the start of {@code buffer}. */
    Decision admin(final UnsafeBuffer buffer, final int length)
    {
        event.copyInput(sequence++, EventKind.ADMIN, TestRequest.NOW_EPOCH_NANOS, 0, buffer, 0, length);
        authorizer.apply(event);
        return event.decision();
    }

    long balance(final long accountId)
    {
        return authorizer.accounts().balanceMinor(authorizer.accounts().indexOf(accountId));
    }

    long holds(final long accountId)
    {
        return authorizer.accounts().holdsMinor(authorizer.accounts().indexOf(accountId));
    }

    long available(final long accountId)
    {
        return authorizer.accounts().availableMinor(authorizer.accounts().indexOf(accountId));
    }

    /** An 0100 (00 goods and services) with acquirer, RRN and the usual fields. */
    static TestRequest authorization(final String pan, final long amountMinor, final int stan)
    {
        return TestRequest.purchase(100, pan, amountMinor, stan).with(IsoFields.ACQUIRER_ID, ACQUIRER)
            .with(IsoFields.RRN, rrn(stan));
    }

    /** An 0200 purchase, posted at once. */
    static TestRequest purchase(final String pan, final long amountMinor, final int stan)
    {
        return TestRequest.purchase(200, pan, amountMinor, stan).with(IsoFields.ACQUIRER_ID, ACQUIRER)
            .with(IsoFields.RRN, rrn(stan));
    }

    /** An 0220 completion naming its authorization by field 38 and the PAN. */
    static TestRequest completion(final String pan, final long amountMinor, final int stan, final long authorizationId)
    {
        return TestRequest.purchase(220, pan, amountMinor, stan).with(IsoFields.ACQUIRER_ID, ACQUIRER)
            .with(IsoFields.RRN, rrn(stan)).with(IsoFields.AUTH_ID, AuthorizationIds.text(authorizationId));
    }

    /** An 0200 refund (processing code 200000) naming its original by RRN. */
    static TestRequest refundByRrn(final String pan, final long amountMinor, final int stan, final int originalStan)
    {
        return purchase(pan, amountMinor, stan).with(IsoFields.PROCESSING_CODE, "200000")
            .with(IsoFields.RRN, rrn(originalStan));
    }

    /** An 0200 refund naming its original by field 90. */
    static TestRequest refundByOriginalData(final String pan, final long amountMinor, final int stan,
        final int originalMti, final int originalStan)
    {
        return purchase(pan, amountMinor, stan).with(IsoFields.PROCESSING_CODE, "200000")
            .with(IsoFields.ORIGINAL_DATA, originalData(originalMti, originalStan));
    }

    /** A reversal ({@code mti} 400, 401, 420 or 421) of its own STAN naming the original by field 90. */
    static TestRequest reversal(final int mti, final String pan, final long amountMinor, final int stan,
        final int originalMti, final int originalStan)
    {
        return TestRequest.purchase(mti, pan, amountMinor, stan).with(IsoFields.ACQUIRER_ID, ACQUIRER)
            .with(IsoFields.ORIGINAL_DATA, originalData(originalMti, originalStan));
    }

    /** The same reversal with field 95: {@code standingMinor} is what stays of the original. */
    static TestRequest partialReversal(final int mti, final String pan, final long amountMinor, final int stan,
        final int originalMti, final int originalStan, final long standingMinor)
    {
        return reversal(mti, pan, amountMinor, stan, originalMti, originalStan)
            .with(IsoFields.REPLACEMENT_AMOUNTS, String.format("%012d%012d%s", standingMinor, standingMinor, " ".repeat(18)));
    }

    /** A balance inquiry (processing code 310000) in an 0100 or 0200, without an amount. */
    static TestRequest inquiry(final int mti, final String pan, final int stan)
    {
        return TestRequest.purchase(mti, pan, 0, stan).with(IsoFields.PROCESSING_CODE, "310000")
            .without(IsoFields.AMOUNT_TRANSACTION).with(IsoFields.ACQUIRER_ID, ACQUIRER);
    }

    /** Field 90: original MTI, STAN, transmission time, acquirer and (no) forwarding institution. */
    static String originalData(final int mti, final int stan)
    {
        return String.format("%04d%06d%s%011d%011d", mti, stan, "1121120000", Long.parseLong(ACQUIRER), 0);
    }

    static String rrn(final int stan)
    {
        return String.format("RRN%09d", stan);
    }
}
