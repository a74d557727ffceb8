package dev.junction.network.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.junction.core.auth.AuthorizerConfig;
import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.AdminOutcomes;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.Pipeline;
import dev.junction.core.refdata.AccountRecord;
import dev.junction.core.refdata.AdminRecords;
import dev.junction.core.refdata.CardRecord;
import dev.junction.core.refdata.CardStatus;
import dev.junction.core.refdata.Pans;
import dev.junction.core.refdata.ReferenceDataCsv;
import dev.junction.core.refdata.ReferenceDataException;
import dev.junction.core.refdata.RiskAdminRecords;
import dev.junction.journal.JournalKey;
import dev.junction.journal.JournalSnapshots;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's actions on a running switch, carried out through its ring: each one that changes state
 * is an admin record ({@link AdminRecords}, {@link RiskAdminRecords}) published as a journaled ADMIN event,
 * so the journal alone replays it, and answered with what the authorizer decided for that very event,
 * read back from {@link AdminOutcomes} by its journal sequence. Every message names that sequence, the
 * link from the operator's audit line to the journal ({@code journal dump --from N --to N}).
 * <p>
 * Called by the admin endpoint's threads, never an event loop: an action waits, up to the configured
 * timeout, first for a free ring slot (it claims without blocking, as the ticker does, so a stalled ring
 * can never hang it), then for the responder to finish the event. Actions that publish take their turn
 * one at a time. Bad values are refused before anything is published. A snapshot is taken on the calling
 * thread by a read-only replay beside the ring ({@link JournalSnapshots#take}), one at a time with the
 * switch's interval snapshots.
 * <p>
 * The audit line (who asked, what, the result) is the caller's to write: {@code actor} is not journaled,
 * and the result message carries the journal sequence that ties that line to the record.
 */
public final class RingAdminActions implements AdminActions
{
    /** Records published before their outcomes are read back: well within what {@link AdminOutcomes} keeps. */
    static final int BATCH_RECORDS = AdminOutcomes.DEFAULT_CAPACITY / 4;
    /** An admin event comes from no acquirer connection. */
    private static final long NO_CONNECTION = 0;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(RingAdminActions.class);

    private final Supplier<Pipeline> ring;
    private final AdminOutcomes outcomes;
    private final LongSupplier ingressClock;
    private final Path dataDir;
    private final JournalKey journalKey;
    private final AuthorizerConfig authorizerConfig;
    private final AtomicBoolean snapshotInProgress;
    private final long timeoutMillis;
    private final ReentrantLock publishing = new ReentrantLock();

    /**
     * @param ring               the switch's ring, or null while it is not running (actions then answer 503).
     * @param outcomes           where the responder keeps admin outcomes ({@link AdminOutcomes#recording}).
     * @param ingressClock       the clock the switch stamps its inputs with, epoch nanoseconds.
     * @param dataDir            the data directory, for snapshots.
     * @param authorizerConfig   the capacities the switch runs with, for snapshots.
     * @param snapshotInProgress shared with the switch's interval snapshots: one snapshot at a time.
     * @param timeoutMillis      how long an action waits for a ring slot, and then for its outcome.
     */
    public RingAdminActions(final Supplier<Pipeline> ring, final AdminOutcomes outcomes, final LongSupplier ingressClock,
        final Path dataDir, final AuthorizerConfig authorizerConfig, final AtomicBoolean snapshotInProgress,
        final long timeoutMillis)
    {
        this(ring, outcomes, ingressClock, dataDir, null, authorizerConfig, snapshotInProgress, timeoutMillis);
    }

    /** @param journalKey the key that seals the journal and snapshots at rest, or null when they are in clear. */
    public RingAdminActions(final Supplier<Pipeline> ring, final AdminOutcomes outcomes, final LongSupplier ingressClock,
        final Path dataDir, final JournalKey journalKey, final AuthorizerConfig authorizerConfig,
        final AtomicBoolean snapshotInProgress, final long timeoutMillis)
    {
        this.ring = ring;
        this.journalKey = journalKey;
        this.outcomes = outcomes;
        this.ingressClock = ingressClock;
        this.dataDir = dataDir;
        this.authorizerConfig = authorizerConfig;
        this.snapshotInProgress = snapshotInProgress;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public AdminResult blockCard(final String pan, final String actor)
    {
        return cardStatus(pan, CardStatus.BLOCKED, "blocked");
    }

    @Override
    public AdminResult unblockCard(final String pan, final String actor)
    {
        return cardStatus(pan, CardStatus.ACTIVE, "unblocked");
    }

    @Override
    public AdminResult setCardLimits(final String pan, final long maxSingleMinor, final long dailyAmountMinor,
        final int dailyCount, final String actor)
    {
        final AdminResult invalid = firstOf(checkPan(pan), checkAmount("max_single_minor", maxSingleMinor),
            checkAmount("daily_amount_minor", dailyAmountMinor),
            dailyCount < 0 ? badValue("daily_count must be 0 to " + Integer.MAX_VALUE + ": " + dailyCount) : null);
        if (invalid != null)
        {
            return invalid;
        }
        final String card = "card " + Pans.mask(pan);
        final UnsafeBuffer record = newRecord();
        return publishOne(record, RiskAdminRecords.writeCardLimits(record, 0, pan, maxSingleMinor, dailyAmountMinor,
            dailyCount),
            (outcome, at) -> outcome.result() == Decision.ADMIN_CREATED ?
                new AdminResult(200, card + " limits set: max single " + maxSingleMinor + ", daily amount " +
                    dailyAmountMinor + ", daily count " + dailyCount + " (0: the profile's)" + at) :
                // The values were checked above, so the authorizer refuses a card limits record only for its card.
                new AdminResult(404, "no " + card + at));
    }

    @Override
    public AdminResult adjustAccount(final long accountId, final long amountMinor, final int currency,
        final String reference, final String actor)
    {
        final AdminResult invalid = firstOf(
            accountId < 1 || accountId > ReferenceDataCsv.MAX_ACCOUNT_ID ?
                badValue("account_id must be 1 to " + ReferenceDataCsv.MAX_ACCOUNT_ID + ": " + accountId) : null,
            amountMinor == 0 || amountMinor > ReferenceDataCsv.MAX_AMOUNT_MINOR ||
                amountMinor < -ReferenceDataCsv.MAX_AMOUNT_MINOR ? badValue("amount_minor must be a credit of 1 to " +
                ReferenceDataCsv.MAX_AMOUNT_MINOR + " or a debit of -1 to -" + ReferenceDataCsv.MAX_AMOUNT_MINOR + ": " +
                amountMinor) : null,
            currency < 1 || currency > 999 ?
                badValue("currency must be an ISO 4217 numeric code, 1 to 999: " + currency) : null,
            AdminRecords.isReference(reference) ? null : badValue("reference must be 1 to " +
                AdminRecords.REFERENCE_CHARS + " printable ASCII characters"));
        if (invalid != null)
        {
            return invalid;
        }
        final String account = "account " + accountId;
        final String movement = (amountMinor > 0 ? "credit of " : "debit of ") + Math.abs(amountMinor);
        final UnsafeBuffer record = newRecord();
        return publishOne(record, AdminRecords.writeAccountAdjustment(record, 0, accountId, amountMinor, currency,
            reference),
            (outcome, at) ->
            {
                switch (outcome.result())
                {
                    case Decision.ADMIN_CHANGED:
                        return new AdminResult(200, account + (amountMinor > 0 ? " credited " : " debited ") +
                            Math.abs(amountMinor) + ": balance " + outcome.balanceAfterMinor() + ", available " +
                            outcome.availableAfterMinor() + at);
                    case Decision.ADMIN_NOT_FOUND:
                        return new AdminResult(404, "no " + account + at);
                    case Decision.ADMIN_CURRENCY_MISMATCH:
                        return new AdminResult(422, account + " is in currency " +
                            String.format("%03d", outcome.currencyCode()) + ", not " + String.format("%03d", currency) +
                            "; nothing changed" + at);
                    case Decision.ADMIN_INSUFFICIENT_FUNDS:
                        return new AdminResult(409, movement + " refused: " + account + " has " +
                            outcome.availableAfterMinor() + " available; nothing changed" + at);
                    default:
                        return new AdminResult(422, movement + " refused: it would take " + account +
                            "'s balance beyond " + ReferenceDataCsv.MAX_AMOUNT_MINOR + "; nothing changed" + at);
                }
            });
    }

    @Override
    public AdminResult loadReferenceData(final String accountsCsv, final String cardsCsv, final String actor)
    {
        final boolean noAccounts = accountsCsv == null || accountsCsv.isBlank();
        final boolean noCards = cardsCsv == null || cardsCsv.isBlank();
        if (noAccounts && noCards)
        {
            return badValue("nothing to load: give accounts or cards CSV text");
        }
        final List<AccountRecord> accounts;
        final List<CardRecord> cards;
        try
        {
            accounts = noAccounts ? List.of() : ReferenceDataCsv.readAccounts(reader(accountsCsv), "accounts");
            cards = noCards ? List.of() : ReferenceDataCsv.readCards(reader(cardsCsv), "cards");
        }
        catch (final ReferenceDataException e)
        {
            return badValue(e.getMessage() + "; nothing loaded");
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("reading CSV text from memory", e);
        }
        final int[] accountLines = noAccounts ? new int[0] : dataLines(accountsCsv);
        final int[] cardLines = noCards ? new int[0] : dataLines(cardsCsv);
        final List<byte[]> records = new ArrayList<>(accounts.size() + cards.size());
        final UnsafeBuffer record = newRecord();
        for (final AccountRecord account : accounts)
        {
            records.add(copy(record, AdminRecords.writeAccount(record, 0, account)));
        }
        for (final CardRecord card : cards)
        {
            records.add(copy(record, AdminRecords.writeCard(record, 0, card)));
        }
        return publishAll(records, (found, at) ->
        {
            final Tally accountTally = new Tally("accounts", accountLines);
            final Tally cardTally = new Tally("cards", cardLines);
            for (int i = 0; i < found.size(); i++)
            {
                final int result = found.get(i).result();
                if (i < accounts.size())
                {
                    accountTally.add(i, result, "account " + accounts.get(i).accountId());
                }
                else
                {
                    final int card = i - accounts.size();
                    cardTally.add(card, result, "card " + Pans.mask(cards.get(card).pan()));
                }
            }
            final String counts = accountTally + "; " + cardTally;
            final String firstRefused = accountTally.firstRefused != null ? accountTally.firstRefused : cardTally.firstRefused;
            return firstRefused == null ? new AdminResult(200, counts + at) :
                new AdminResult(422, counts + "; first refused: " + firstRefused +
                    " (a card whose account is unknown, or a capacity reached); the others were loaded" + at);
        });
    }

    @Override
    public AdminResult cutover(final String actor)
    {
        final UnsafeBuffer record = newRecord();
        return publishOne(record, AdminRecords.writeCutoverNow(record, 0), (outcome, at) ->
            outcome.result() == Decision.ADMIN_CHANGED ?
                new AdminResult(200, "business day closed; " + outcome.value() + " is open" + at) :
                new AdminResult(422, "cutover refused: business day " + outcome.value() + " is the last there is" + at));
    }

    @Override
    public AdminResult snapshot(final String actor)
    {
        if (ring.get() == null)
        {
            return notRunning();
        }
        if (!snapshotInProgress.compareAndSet(false, true))
        {
            return new AdminResult(409, "a snapshot is being taken already; try again when it is written");
        }
        final long started = System.nanoTime();
        try
        {
            final JournalSnapshots.Taken taken = JournalSnapshots.take(dataDir, journalKey, authorizerConfig,
                warning -> LOG.warn("snapshot: {}", warning));
            return new AdminResult(200, "snapshot " + taken.file().getFileName() + " written: state up to sequence " +
                taken.sequence() + ", " + taken.eventsReplayed() + " events replayed in " +
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
        catch (final IOException | RuntimeException e)
        {
            LOG.warn("snapshot not written", e);
            return new AdminResult(500, "snapshot not written: " + e.getMessage());
        }
        finally
        {
            snapshotInProgress.set(false);
        }
    }

    private AdminResult cardStatus(final String pan, final byte status, final String done)
    {
        final AdminResult invalid = checkPan(pan);
        if (invalid != null)
        {
            return invalid;
        }
        final String card = "card " + Pans.mask(pan);
        final UnsafeBuffer record = newRecord();
        return publishOne(record, AdminRecords.writeCardStatus(record, 0, pan, status), (outcome, at) ->
        {
            switch (outcome.result())
            {
                case Decision.ADMIN_CHANGED:
                    return new AdminResult(200, card + " " + done + at);
                case Decision.ADMIN_UNCHANGED:
                    return new AdminResult(200, card + " unchanged: it is " + CardStatus.name((byte)outcome.value()) +
                        " already" + at);
                case Decision.ADMIN_NOT_FOUND:
                    return new AdminResult(404, "no " + card + at);
                case Decision.ADMIN_NOT_PERMITTED:
                    return new AdminResult(409, card + " is " + CardStatus.name((byte)outcome.value()) +
                        ": a lost or stolen card keeps that status for good (issue a new card); nothing changed" + at);
                default:
                    return new AdminResult(422, card + ": status change refused" + at);
            }
        });
    }

    /** How an action words the outcome of its one record; {@code at} names the journal sequence. */
    @FunctionalInterface
    private interface Answer
    {
        AdminResult answer(AdminOutcomes.Outcome outcome, String at);
    }

    /** How an action words the outcomes of its records, in publication order; {@code at} names their sequences. */
    @FunctionalInterface
    private interface Answers
    {
        AdminResult answer(List<AdminOutcomes.Outcome> outcomes, String at);
    }

    /** Publishes the first {@code length} bytes of {@code record} and answers with their outcome. */
    private AdminResult publishOne(final UnsafeBuffer record, final int length, final Answer answer)
    {
        final List<AdminOutcomes.Outcome> found = new ArrayList<>(1);
        final AdminResult failed = publish(List.of(copy(record, length)), found);
        return failed != null ? failed : answer.answer(found.get(0), " (journal sequence " + found.get(0).sequence() + ")");
    }

    private AdminResult publishAll(final List<byte[]> records, final Answers answers)
    {
        final List<AdminOutcomes.Outcome> found = new ArrayList<>(records.size());
        final AdminResult failed = publish(records, found);
        return failed != null ? failed : answers.answer(found, " (journal sequences " + found.get(0).sequence() + ".." +
            found.get(found.size() - 1).sequence() + ")");
    }

    /**
     * Publishes the records in batches of at most {@link #BATCH_RECORDS}, waits for each batch's outcomes and
     * adds them to {@code found}, in publication order.
     *
     * @return null when every outcome was read, else the answer that says what went wrong.
     */
    private AdminResult publish(final List<byte[]> records, final List<AdminOutcomes.Outcome> found)
    {
        final Pipeline pipeline = ring.get();
        if (pipeline == null)
        {
            return notRunning();
        }
        try
        {
            if (!publishing.tryLock(timeoutMillis, TimeUnit.MILLISECONDS))
            {
                return new AdminResult(503, "another admin action held the ring for " + timeoutMillis +
                    " ms; try again");
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return new AdminResult(503, "interrupted while waiting for another admin action");
        }
        try
        {
            for (int from = 0; from < records.size(); from += BATCH_RECORDS)
            {
                final int to = Math.min(records.size(), from + BATCH_RECORDS);
                final long[] ringSequences = new long[to - from];
                for (int i = from; i < to; i++)
                {
                    final long ringSequence = claim(pipeline);
                    if (ringSequence < 0)
                    {
                        return new AdminResult(503, "the ring had no free slot for " + timeoutMillis + " ms" +
                            (i == 0 ? "; nothing was published" : "; the first " + i + " records were published"));
                    }
                    final byte[] bytes = records.get(i);
                    try
                    {
                        pipeline.slot(ringSequence).copyInput(pipeline.journalSequence(ringSequence), EventKind.ADMIN,
                            ingressClock.getAsLong(), NO_CONNECTION, new UnsafeBuffer(bytes), 0, bytes.length);
                    }
                    finally
                    {
                        pipeline.publish(ringSequence);
                    }
                    ringSequences[i - from] = ringSequence;
                }
                final AdminResult failed = awaitOutcomes(pipeline, ringSequences, found);
                if (failed != null)
                {
                    return failed;
                }
            }
            return null;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return new AdminResult(503, "interrupted while waiting for the switch; what was published will be applied");
        }
        finally
        {
            publishing.unlock();
        }
    }

    /** @return a claimed ring sequence, or -1 when no slot came free within the timeout. */
    private long claim(final Pipeline pipeline) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutMillis * NANOS_PER_MILLI;
        long ringSequence;
        while ((ringSequence = pipeline.tryClaim()) < 0)
        {
            if (System.nanoTime() - deadline > 0)
            {
                return -1;
            }
            Thread.sleep(1);
        }
        return ringSequence;
    }

    private AdminResult awaitOutcomes(final Pipeline pipeline, final long[] ringSequences,
        final List<AdminOutcomes.Outcome> found) throws InterruptedException
    {
        final long last = ringSequences[ringSequences.length - 1];
        if (!pipeline.awaitProcessed(last, timeoutMillis))
        {
            return new AdminResult(503, "the switch did not apply journal sequence " + pipeline.journalSequence(last) +
                " within " + timeoutMillis + " ms; it is journaled and will take effect: see journal dump --from " +
                pipeline.journalSequence(ringSequences[0]));
        }
        for (final long ringSequence : ringSequences)
        {
            final long sequence = pipeline.journalSequence(ringSequence);
            final AdminOutcomes.Outcome outcome = outcomes.find(sequence);
            if (outcome == null)
            {
                return new AdminResult(500, "the outcome of journal sequence " + sequence + " is no longer held; " +
                    "see journal dump --from " + sequence + " --to " + sequence);
            }
            found.add(outcome);
        }
        return null;
    }

    private static AdminResult notRunning()
    {
        return new AdminResult(503, "the switch is not running: it is starting or stopping");
    }

    private static AdminResult checkPan(final String pan)
    {
        return pan != null && Pans.key(pan) != -1 ? null :
            badValue("pan must be 12 to 19 digits not starting with 0: '" + (pan == null ? "" : Pans.mask(pan)) + "'");
    }

    private static AdminResult checkAmount(final String name, final long value)
    {
        return value >= 0 && value <= ReferenceDataCsv.MAX_AMOUNT_MINOR ? null :
            badValue(name + " must be 0 to " + ReferenceDataCsv.MAX_AMOUNT_MINOR + " (0: the profile's): " + value);
    }

    private static AdminResult badValue(final String message)
    {
        return new AdminResult(400, message);
    }

    private static AdminResult firstOf(final AdminResult... results)
    {
        for (final AdminResult result : results)
        {
            if (result != null)
            {
                return result;
            }
        }
        return null;
    }

    /** A buffer for one action's record: actions may run on several threads at once. */
    private static UnsafeBuffer newRecord()
    {
        return new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
    }

    private static byte[] copy(final UnsafeBuffer record, final int length)
    {
        final byte[] bytes = new byte[length];
        record.getBytes(0, bytes);
        return bytes;
    }

    private static BufferedReader reader(final String csv)
    {
        return new BufferedReader(new StringReader(csv));
    }

    /** @return the line number of each data row, as {@link ReferenceDataCsv} reads them: after the header, not blank. */
    private static int[] dataLines(final String csv)
    {
        final List<Integer> lines = new ArrayList<>();
        try (BufferedReader reader = reader(csv))
        {
            reader.readLine();
            int number = 1;
            String line;
            while ((line = reader.readLine()) != null)
            {
                number++;
                if (!line.isBlank())
                {
                    lines.add(number);
                }
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("reading CSV text from memory", e);
        }
        return lines.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Counts one file's outcomes and remembers its first refusal by line. */
    private static final class Tally
    {
        private final String source;
        private final int[] lines;
        private int created;
        private int present;
        private int refused;
        private String firstRefused;

        Tally(final String source, final int[] lines)
        {
            this.source = source;
            this.lines = lines;
        }

        void add(final int row, final int result, final String what)
        {
            if (result == Decision.ADMIN_CREATED)
            {
                created++;
            }
            else if (result == Decision.ADMIN_UNCHANGED)
            {
                present++;
            }
            else
            {
                refused++;
                if (firstRefused == null)
                {
                    firstRefused = source + ":" + lines[row] + ": " + what;
                }
            }
        }

        @Override
        public String toString()
        {
            return source + ": " + created + " created, " + present + " already present, " + refused + " refused";
        }
    }
}
