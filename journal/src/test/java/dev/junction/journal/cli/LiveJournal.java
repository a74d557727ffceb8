package dev.junction.journal.cli;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Pipeline;
import dev.junction.core.pipeline.PipelineConfig;
import dev.junction.core.pipeline.ResponseSink;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import dev.junction.core.refdata.RiskAdminRecords;
import dev.junction.journal.ChronicleJournal;
import dev.junction.journal.JournalKey;
import dev.junction.journal.JournalOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import com.lmax.disruptor.ExceptionHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A journal written by the live code: core's {@link Pipeline} with the journal's Chronicle writers,
 * fed reference data as admin events and real ISO 8583 requests, exactly as the switch feeds it.
 */
final class LiveJournal
{
    /** A card on account 1 (840, 1,000.00): approved unless funds run out. */
    static final String PAN_A = "4000001234567899";
    /** A card on account 2 (840, 500.00). */
    static final String PAN_B = "5500009876543210";
    /** A lost card on account 3: declined 41. */
    static final String PAN_LOST = "4111111111111111";
    static final List<String> PANS = List.of(PAN_A, PAN_B, PAN_LOST);

    static final Instant START = Instant.parse("2026-11-21T12:00:00Z");
    static final AuthorizerConfig CONFIG = new AuthorizerConfig(1_000, 1_000);

    final List<Event> events = new ArrayList<>();

    record Event(byte kind, long ingressEpochNanos, long connectionId, byte[] payload)
    {
    }

    /**
     * The standard scenario (21 events, sequences 0..20), one every 10 s from {@link #START}:
     * <pre>
     *  0- 2 admin accounts 1, 2, 3        3- 5 admin cards A, B, LOST     6 connect 7
     *  7 0100 A 15.00 stan 1 TERM0001  → 00      8 0200 B 25.00 stan 2 TERM0002 → 00
     *  9 0100 LOST 1.00 stan 3         → 41     10 0200 A 9,999,999.99 stan 4    → 51
     * 11 0800 echo stan 5              → 00     12 0100 truncated                 → 30
     * 13 0100 A 7.00 stan 7 MERCHANT2  → 00     14 0200 A 0.00 stan 8             → 13
     * 15 0100 B 1.00 stan 9 currency 124 (no rate) → 12   16-19 0200 A 1.00 stan 10..13     → 00
     * 20 disconnect 7
     * </pre>
     */
    static LiveJournal standard()
    {
        final LiveJournal journal = new LiveJournal();
        journal.account(1, 840, 100_000).account(2, 840, 50_000).account(3, 840, 20_000);
        journal.card(PAN_A, 1, CardStatus.ACTIVE).card(PAN_B, 2, CardStatus.ACTIVE).card(PAN_LOST, 3, CardStatus.LOST);
        journal.add(EventKind.CONNECT, 7, new byte[0]);
        journal.request(IsoRequest.purchase(100, PAN_A, 1_500, 1, "TERM0001", "MERCHANT0000001"));
        journal.request(IsoRequest.purchase(200, PAN_B, 2_500, 2, "TERM0002", "MERCHANT0000001"));
        journal.request(IsoRequest.purchase(100, PAN_LOST, 100, 3, "TERM0001", "MERCHANT0000001"));
        journal.request(IsoRequest.purchase(200, PAN_A, 999_999_999, 4, "TERM0001", "MERCHANT0000001"));
        journal.request(IsoRequest.of(800).with(7, "1121120000").with(11, "000005").with(70, "301"));
        final byte[] whole = IsoRequest.purchase(100, PAN_B, 100, 6, "TERM0001", "MERCHANT0000001").bytes();
        journal.add(EventKind.REQUEST, 7, Arrays.copyOf(whole, 20));
        journal.request(IsoRequest.purchase(100, PAN_A, 700, 7, "TERM0001", "MERCHANT0000002"));
        journal.request(IsoRequest.purchase(200, PAN_A, 0, 8, "TERM0001", "MERCHANT0000001"));
        journal.request(IsoRequest.purchase(100, PAN_B, 100, 9, "TERM0002", "MERCHANT0000001").with(49, "124"));
        for (int stan = 10; stan <= 13; stan++)
        {
            journal.request(IsoRequest.purchase(200, PAN_A, 100, stan, "TERM0003", "MERCHANT0000003"));
        }
        journal.add(EventKind.DISCONNECT, 7, new byte[0]);
        return journal;
    }

    /**
     * A scenario whose outcomes carry the decision's detail (11 events, sequences 0..10), one every 10 s:
     * <pre>
     *  0- 1 admin account 1, card A         2 connect 7
     *  3 admin risk model, rules version 3: the built-in weights, review at 50
     *  4 0100 A 100.00 EUR stan 1  → 00, converted at 1.085 to 108.50 USD, score 76 (first use), flagged
     *  5 the same 0100 again       → 00, a repeated answer (duplicate)
     *  6 0100 A balance inquiry, account type 20 → 00
     *  7 admin risk model, rules version 4: bias -1, decline at 200
     *  8 0200 A 10.00 stan 3        → 59, risk decline
     *  9 0400 reversal of stan 1    → 00, releases the hold
     * 10 disconnect 7
     * </pre>
     */
    static LiveJournal decisions()
    {
        final LiveJournal journal = new LiveJournal();
        journal.account(1, 840, 100_000).card(PAN_A, 1, CardStatus.ACTIVE);
        journal.add(EventKind.CONNECT, 7, new byte[0]);
        final short[] builtInWeights = {1_500, 1_500, 1_000, 2_000, 1_500, 800, 100, 500, 6_000, 1_000};
        journal.riskModel(3, -3_000, builtInWeights, 50, 900);
        final IsoRequest euros = IsoRequest.purchase(100, PAN_A, 10_000, 1, "TERM0001", "MERCHANT0000001")
            .with(49, "978");
        journal.request(euros);
        journal.request(euros);
        journal.request(IsoRequest.purchase(100, PAN_A, 0, 2, "TERM0001", "MERCHANT0000001").with(3, "312000"));
        journal.riskModel(4, -1_000, builtInWeights, 100, 200);
        journal.request(IsoRequest.purchase(200, PAN_A, 1_000, 3, "TERM0001", "MERCHANT0000001"));
        journal.request(IsoRequest.purchase(400, PAN_A, 10_000, 1, "TERM0001", "MERCHANT0000001").with(49, "978"));
        journal.add(EventKind.DISCONNECT, 7, new byte[0]);
        return journal;
    }

    /**
     * A scenario of an operator's commands (12 events, sequences 0..11), one every 10 s:
     * <pre>
     *  0- 1 admin account 1 (840, 1,000.00), card A      2 connect 7
     *  3 admin card status A blocked       → changed     4 0200 A 10.00 stan 1 → 62
     *  5 admin card status A active        → changed
     *  6 admin adjustment account 1 +25.00 → changed     7 0200 A 10.00 stan 2 → 00
     *  8 admin adjustment account 1 -5.00 in 978 → currency_mismatch
     *  9 admin cutover now                 → changed, opens 20261122
     * 10 0200 A 5.00 stan 3 → 00 (business day 20261122)   11 disconnect 7
     * </pre>
     */
    static LiveJournal adminCommands()
    {
        final LiveJournal journal = new LiveJournal();
        journal.account(1, 840, 100_000).card(PAN_A, 1, CardStatus.ACTIVE);
        journal.add(EventKind.CONNECT, 7, new byte[0]);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        journal.admin(buffer, AdminRecords.writeCardStatus(buffer, 0, PAN_A, CardStatus.BLOCKED));
        journal.request(IsoRequest.purchase(200, PAN_A, 1_000, 1, "TERM0001", "MERCHANT0000001"));
        journal.admin(buffer, AdminRecords.writeCardStatus(buffer, 0, PAN_A, CardStatus.ACTIVE));
        journal.admin(buffer, AdminRecords.writeAccountAdjustment(buffer, 0, 1, 2_500, 840, "GOODWILL 17"));
        journal.request(IsoRequest.purchase(200, PAN_A, 1_000, 2, "TERM0001", "MERCHANT0000001"));
        journal.admin(buffer, AdminRecords.writeAccountAdjustment(buffer, 0, 1, -500, 978, "FIX"));
        journal.admin(buffer, AdminRecords.writeCutoverNow(buffer, 0));
        journal.request(IsoRequest.purchase(200, PAN_A, 500, 3, "TERM0001", "MERCHANT0000001"));
        journal.add(EventKind.DISCONNECT, 7, new byte[0]);
        return journal;
    }

    /** An admin event of the first {@code length} bytes of {@code record}. */
    LiveJournal admin(final UnsafeBuffer record, final int length)
    {
        return add(EventKind.ADMIN, 0, Arrays.copyOf(record.byteArray(), length));
    }

    /** A risk model admin record ({@link RiskAdminRecords#writeRiskModel}) with the built-in velocity settings. */
    LiveJournal riskModel(final int version, final int biasMilli, final short[] weightsMilli, final int reviewScore,
        final int declineScore)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[RiskAdminRecords.MAX_LENGTH]);
        final int length = RiskAdminRecords.writeRiskModel(buffer, 0, version, biasMilli, weightsMilli, reviewScore,
            declineScore, 10, 500_000, 500, 200);
        return add(EventKind.ADMIN, 0, Arrays.copyOf(buffer.byteArray(), length));
    }

    LiveJournal account(final long accountId, final int currency, final long balanceMinor)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        final int length = AdminRecords.writeAccount(buffer, 0, new AccountRecord(accountId, currency, balanceMinor, 0));
        return add(EventKind.ADMIN, 0, Arrays.copyOf(buffer.byteArray(), length));
    }

    LiveJournal card(final String pan, final long accountId, final byte status)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        final int length = AdminRecords.writeCard(buffer, 0, new CardRecord(pan, accountId, 3012, status));
        return add(EventKind.ADMIN, 0, Arrays.copyOf(buffer.byteArray(), length));
    }

    /** A business-day cutover admin event ({@link AdminRecords#writeCutover}). */
    LiveJournal cutover(final int businessDate, final int cutoverSecondOfDay)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
        final int length = AdminRecords.writeCutover(buffer, 0, businessDate, cutoverSecondOfDay);
        return add(EventKind.ADMIN, 0, Arrays.copyOf(buffer.byteArray(), length));
    }

    LiveJournal request(final IsoRequest request)
    {
        return add(EventKind.REQUEST, 7, request.bytes());
    }

    LiveJournal add(final byte kind, final long connectionId, final byte[] payload)
    {
        final long ingress = Formats.epochNanos(START) + events.size() * 10_000_000_000L;
        events.add(new Event(kind, ingress, connectionId, payload));
        return this;
    }

    /**
     * Runs the events through a real pipeline that journals under {@code dataDir}, continuing the
     * journal there (a restart replays it first, as the switch does).
     *
     * @return the live authorizer's state digest after the last event.
     */
    long writeTo(final Path dataDir) throws InterruptedException
    {
        return writeTo(dataDir, null);
    }

    /** As {@link #writeTo(Path)}, with payloads sealed under {@code key} (null: in clear). */
    long writeTo(final Path dataDir, final JournalKey key) throws InterruptedException
    {
        final Authorizer authorizer = new Authorizer(CONFIG);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        try (ChronicleJournal journal = new ChronicleJournal(dataDir, JournalOptions.DEFAULT.withKey(key)))
        {
            final long next;
            try (dev.junction.journal.JournalReader reader = dev.junction.journal.JournalReader.open(dataDir, key))
            {
                final dev.junction.core.pipeline.Replayer replayer = new dev.junction.core.pipeline.Replayer(authorizer);
                reader.readInputs(0, replayer::apply);
                next = replayer.lastSequence() + 1;
            }
            final Pipeline pipeline = new Pipeline(new PipelineConfig(64, 4096, "blocking"), authorizer,
                journal.inputWriter(), journal.outcomeWriter(), new DiscardingSink(), next, new Failures(failure));
            pipeline.start();
            long last = -1;
            for (final Event event : events)
            {
                last = pipeline.publishBlocking(event.kind(), event.ingressEpochNanos(), event.connectionId(),
                    new UnsafeBuffer(event.payload()), 0, event.payload().length);
            }
            if (last >= 0 && !pipeline.awaitProcessed(last, 10_000))
            {
                throw new AssertionError("the pipeline did not finish");
            }
            pipeline.shutdown(10_000);
        }
        if (failure.get() != null)
        {
            throw new AssertionError("a stage failed", failure.get());
        }
        return authorizer.digest();
    }

    private static final class DiscardingSink implements ResponseSink
    {
        @Override
        public void onResponse(final long connectionId, final DirectBuffer response, final int offset, final int length)
        {
        }

        @Override
        public void endOfBatch()
        {
        }
    }

    private static final class Failures implements ExceptionHandler<TransactionEvent>
    {
        private final AtomicReference<Throwable> failure;

        Failures(final AtomicReference<Throwable> failure)
        {
            this.failure = failure;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final TransactionEvent event)
        {
            failure.compareAndSet(null, ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failure.compareAndSet(null, ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            failure.compareAndSet(null, ex);
        }
    }
}
