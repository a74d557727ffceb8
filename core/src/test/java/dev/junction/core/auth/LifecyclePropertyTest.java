package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;

import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
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
 * Seeded random lifecycles: authorizations, completions, reversals (repeated, partial, of unknown
 * originals whose original then arrives), refunds (some too large), exact and conflicting duplicates,
 * inquiries and ticks, on 10 cards over 5 accounts, with a transaction table small enough to fill.
 * Limits, tiers, risk and conversion take part: each seed sets its own limits profile and risk model
 * by admin events (and changes the model half-way), some cards have a home country, and spending
 * requests come in euros or dollars, with or without PIN, from various entry modes, countries,
 * merchant categories and terminals (one blocked). After every event the ledger's invariants hold;
 * the same seed reaches the same digest.
 */
class LifecyclePropertyTest
{
    private static final int SEEDS = 200;
    private static final int EVENTS = 2_000;
    private static final int ACCOUNTS = 5;
    private static final int CARDS = 10;
    private static final long HOLD_EXPIRY_MILLIS = 6 * 60 * 60 * 1000L;
    private static final String DOLLARS = "840";
    private static final String EUROS = "978";

    private final Set<Integer> codesSeen = new TreeSet<>();
    private int duplicatesSeen;
    private int expiriesSeen;
    private int conversionsSeen;
    private int flaggedSeen;

    @Test
    void theLedgersInvariantsHoldAfterEveryEventAndTheSameSeedReachesTheSameDigest()
    {
        final Set<Long> digests = new HashSet<>();
        for (int seed = 1; seed <= SEEDS; seed++)
        {
            final long digest = run(seed);
            assertEquals(digest, run(seed), "seed " + seed + " replayed to another digest");
            digests.add(digest);
        }
        assertTrue(digests.size() >= SEEDS - 2, "only " + digests.size() + " distinct digests over " + SEEDS + " seeds");
        for (final int code : new int[] {0, 12, 13, 25, 51, 57, 59, 61, 65, 91, 94})
        {
            assertTrue(codesSeen.contains(code), "the generator never produced a " + code + ": " + codesSeen);
        }
        assertTrue(duplicatesSeen > 0 && expiriesSeen > 0, "no duplicates or no expiries generated");
        assertTrue(conversionsSeen > 0 && flaggedSeen > 0, "no conversions or no flagged approvals generated");
    }

    private long run(final long seed)
    {
        return new Simulation(seed).run();
    }

    /** @return every input one seeded lifecycle applies, in order, for tests that apply them again. */
    static List<Input> inputs(final long seed)
    {
        final Simulation simulation = new LifecyclePropertyTest().new Simulation(seed);
        simulation.run();
        return simulation.inputs;
    }

    /** The configuration the lifecycles run with. */
    static AuthorizerConfig config()
    {
        return new AuthorizerConfig(ACCOUNTS, CARDS, 24, 128, HOLD_EXPIRY_MILLIS);
    }

    /** One input as the authorizer saw it. */
    record Input(byte kind, long ingressEpochNanos, byte[] payload)
    {
        static Input of(final TransactionEvent event)
        {
            final byte[] payload = new byte[event.payloadLength()];
            event.payload().getBytes(0, payload);
            return new Input(event.kind(), event.ingressEpochNanos(), payload);
        }

        void into(final TransactionEvent event, final long sequence)
        {
            event.copyInput(sequence, kind, ingressEpochNanos, 0, new UnsafeBuffer(payload), 0, payload.length);
        }
    }

    /** One seeded run: its generator, its authorizer and the facts it has seen, for choosing what to send next. */
    private final class Simulation
    {
        private final Random random;
        private final Authorizer authorizer = new Authorizer(config());
        private final TransactionEvent event = new TransactionEvent(4096);
        private final String[] pans = new String[CARDS];
        private final List<Sent> sent = new ArrayList<>();
        private final List<Original> authorizations = new ArrayList<>();
        private final List<Original> postings = new ArrayList<>();
        private final List<Original> reversedBeforeSent = new ArrayList<>();
        private final Map<Long, Long> lastHoldByAuthorization = new HashMap<>();
        private final List<Input> inputs = new ArrayList<>();
        private long openingBalances;
        private long balanceMoves;
        private long holdMoves;
        private long now = TestRequest.NOW_EPOCH_NANOS;
        private long sequence;
        private int stan;

        Simulation(final long seed)
        {
            random = new Random(seed);
        }

        long run()
        {
            for (int i = 0; i < ACCOUNTS; i++)
            {
                final long balance = random.nextInt(50_000);
                openingBalances += balance;
                admin(new AccountRecord(i + 1, 840, balance, random.nextInt(3) == 0 ? random.nextInt(20_000) : 0));
            }
            for (int i = 0; i < CARDS; i++)
            {
                pans[i] = String.format("40000000000000%02d", i);
                admin(new CardRecord(pans[i], i % ACCOUNTS + 1, 3012, CardStatus.ACTIVE, random.nextBoolean() ? 840 : 0));
            }
            rules(1);
            for (int i = 0; i < EVENTS; i++)
            {
                now += random.nextInt(120) * 1_000_000_000L;
                if (i == EVENTS / 2)
                {
                    rules(2);
                }
                step(i);
            }
            return authorizer.digest();
        }

        private void step(final int index)
        {
            final int choice = random.nextInt(100);
            if (choice < 18)
            {
                final String pan = pan();
                final int ownStan = nextStan();
                final Spending spending = spending();
                final Decision decision = send(new Sent(amount(), a -> spending.decorate(
                    Lifecycle.authorization(pan, a, ownStan))), 'A');
                if (decision.responseCode() == 0 && decision.holdsDeltaMinor() > 0)
                {
                    authorizations.add(new Original(100, ownStan, pan, decision.authorizationId(), spending.currency));
                }
            }
            else if (choice < 30)
            {
                final String pan = pan();
                final int ownStan = nextStan();
                final Spending spending = spending();
                final Decision decision = send(new Sent(amount(), a -> spending.decorate(
                    Lifecycle.purchase(pan, a, ownStan))), 'P');
                if (decision.responseCode() == 0)
                {
                    postings.add(new Original(200, ownStan, pan, decision.authorizationId(), spending.currency));
                }
            }
            else if (choice < 40 && !authorizations.isEmpty())
            {
                final Original authorization = pick(authorizations);
                final int ownStan = nextStan();
                final boolean byOriginalData = random.nextBoolean();
                final Decision decision = send(new Sent(amount(), a -> (byOriginalData ?
                    Lifecycle.completion(authorization.pan, a, ownStan, 1).without(IsoFields.AUTH_ID)
                        .with(IsoFields.ORIGINAL_DATA, Lifecycle.originalData(100, authorization.stan)) :
                    Lifecycle.completion(authorization.pan, a, ownStan, authorization.authorizationId))
                    .with(IsoFields.CURRENCY_TRANSACTION, authorization.currency)), 'C');
                if (decision.responseCode() == 0)
                {
                    postings.add(new Original(220, ownStan, authorization.pan, decision.authorizationId(),
                        authorization.currency));
                }
            }
            else if (choice < 54)
            {
                reverse();
            }
            else if (choice < 64 && !postings.isEmpty())
            {
                final Original original = pick(postings);
                final int ownStan = nextStan();
                final long amount = random.nextInt(3_000) + 1;
                final boolean byOriginalData = random.nextBoolean();
                final Decision decision = send(new Sent(amount, a -> (byOriginalData ?
                    Lifecycle.refundByOriginalData(original.pan, a, ownStan, original.mti, original.stan) :
                    Lifecycle.refundByRrn(original.pan, a, ownStan, original.stan))
                    .with(IsoFields.CURRENCY_TRANSACTION, original.currency)), 'R');
                if (decision.responseCode() == 0)
                {
                    postings.add(new Original(200, ownStan, original.pan, decision.authorizationId(), original.currency));
                }
            }
            else if (choice < 76 && !sent.isEmpty())
            {
                final Sent earlier = sent.get(random.nextInt(sent.size()));
                final Decision decision = send(earlier.build.apply(earlier.amount), 'D');
                if (decision.isDuplicate())
                {
                    duplicatesSeen++;
                }
            }
            else if (choice < 81 && !sent.isEmpty())
            {
                final Sent earlier = sent.get(random.nextInt(sent.size()));
                send(earlier.build.apply(earlier.amount + 1), 'X');
            }
            else if (choice < 86)
            {
                send(new Sent(0, a -> Lifecycle.inquiry(random.nextBoolean() ? 100 : 200, pan(), nextStan())), 'I');
            }
            else if (choice < 92)
            {
                event.copyInput(sequence++, EventKind.TICK, now, 0, new UnsafeBuffer(new byte[0]), 0, 0);
                apply('T');
                if (event.decision().expiredHoldsMinor() > 0)
                {
                    expiriesSeen++;
                }
            }
            else if (!reversedBeforeSent.isEmpty())
            {
                final Original late = reversedBeforeSent.remove(random.nextInt(reversedBeforeSent.size()));
                send(new Sent(amount(), a -> late.mti == 100 ? Lifecycle.authorization(late.pan, a, late.stan) :
                    Lifecycle.purchase(late.pan, a, late.stan)), 'L');
            }
            else
            {
                // A reversal of an original not yet sent: its STAN is reserved for the late original.
                final Original late = new Original(random.nextBoolean() ? 100 : 200, nextStan(), pan(), 0, DOLLARS);
                reversedBeforeSent.add(late);
                final int ownStan = nextStan();
                send(new Sent(amount(), a -> Lifecycle.reversal(400, late.pan, a, ownStan, late.mti, late.stan)), 'U');
            }
        }

        private void reverse()
        {
            final List<Original> from = random.nextBoolean() ? authorizations : postings;
            final Original original = from.isEmpty() ?
                new Original(100, 900_000 + random.nextInt(90_000), pan(), 0, DOLLARS) : pick(from);
            final int mti = new int[] {400, 401, 420, 421}[random.nextInt(4)];
            final int ownStan = nextStan();
            final long standing = random.nextInt(3) == 0 ? random.nextInt(3_000) : -1;
            final boolean byOriginalData = random.nextInt(4) != 0;
            send(new Sent(amount(), a -> {
                final TestRequest reversal = byOriginalData ?
                    Lifecycle.reversal(mti, original.pan, a, ownStan, original.mti, original.stan) :
                    TestRequest.purchase(mti, original.pan, a, original.stan);
                return standing < 0 ? reversal : reversal.with(IsoFields.REPLACEMENT_AMOUNTS,
                    String.format("%012d%012d%s", standing, standing, " ".repeat(18)));
            }), 'V');
        }

        private Decision send(final Sent request, final char kind)
        {
            sent.add(request);
            return send(request.build.apply(request.amount), kind);
        }

        private Decision send(final TestRequest request, final char kind)
        {
            request.into(event, sequence++, now);
            return apply(kind);
        }

        private Decision apply(final char kind)
        {
            inputs.add(Input.of(event));
            authorizer.apply(event);
            final Decision decision = event.decision();
            if (decision.hasResponse())
            {
                codesSeen.add(decision.responseCode());
            }
            if (decision.isConverted() && decision.responseCode() == 0)
            {
                conversionsSeen++;
            }
            if (decision.isFlaggedForReview())
            {
                flaggedSeen++;
            }
            balanceMoves += decision.balanceDeltaMinor();
            holdMoves += decision.holdsDeltaMinor() - decision.expiredHoldsMinor();
            check(decision, kind);
            return decision;
        }

        /** The invariants, checked from outside through the read-only views. */
        private void check(final Decision decision, final char kind)
        {
            final boolean moved = decision.balanceDeltaMinor() != 0 || decision.holdsDeltaMinor() != 0;
            if (moved && (decision.responseCode() != 0 || decision.isDuplicate()))
            {
                fail("a " + kind + " answered " + decision.responseCode() + (decision.isDuplicate() ? " (duplicate)" : "") +
                    " moved money");
            }
            if (kind == 'T' && moved || decision.expiredHoldsMinor() < 0)
            {
                fail("a tick may only expire holds");
            }
            assertTrue(decision.riskScore() >= 0 && decision.riskScore() <= RiskRules.MAX_SCORE, "score out of range");
            // A retransmission repeats the first answer's code only: its score stays with the first outcome.
            if (decision.responseCode() == ResponseCodes.SUSPECTED_FRAUD && !decision.isDuplicate() &&
                decision.riskScore() == 0)
            {
                fail("a 59 without a score");
            }
            if (decision.isConverted() && decision.responseCode() == 0 && !decision.isDuplicate() &&
                Math.abs(decision.balanceDeltaMinor()) + Math.abs(decision.holdsDeltaMinor()) > 0 &&
                decision.amountMinor() != decision.billingAmountMinor())
            {
                fail("a converted " + kind + " moved " + decision.amountMinor() + " but billed " +
                    decision.billingAmountMinor());
            }
            final Accounts accounts = authorizer.accounts();
            long balances = 0;
            long holds = 0;
            for (int i = 0; i < accounts.count(); i++)
            {
                balances += accounts.balanceMinor(i);
                holds += accounts.holdsMinor(i);
                assertTrue(accounts.holdsMinor(i) >= 0, "negative hold on account " + accounts.id(i));
                assertTrue(accounts.balanceMinor(i) - accounts.holdsMinor(i) >= -accounts.creditLimitMinor(i),
                    "account " + accounts.id(i) + " below its credit limit");
            }
            assertEquals(openingBalances + balanceMoves, balances, "balances changed by more than approved movements");
            assertEquals(holdMoves, holds, "holds changed by more than approved movements");
            assertEquals(openingBalances + authorizer.ledger().creditsMinor() - authorizer.ledger().debitsMinor(),
                balances, "the ledger's own totals disagree with the accounts");
            final Transactions transactions = authorizer.transactions();
            long held = 0;
            for (int slot = 0; slot < transactions.used(); slot++)
            {
                final long hold = transactions.holdMinor(slot);
                assertTrue(hold >= 0, "negative hold on a transaction");
                assertEquals(transactions.state(slot) == Transactions.HOLDING, hold > 0, "hold and state disagree");
                held += hold;
                if (transactions.type(slot) == Transactions.AUTHORIZATION && transactions.state(slot) != Transactions.DECLINED)
                {
                    final long authorizationId = transactions.authorizationId(slot);
                    final long last = lastHoldByAuthorization.getOrDefault(authorizationId, transactions.amountMinor(slot));
                    assertTrue(hold <= last, "the hold of " + authorizationId + " grew from " + last + " to " + hold);
                    lastHoldByAuthorization.put(authorizationId, hold);
                }
            }
            assertEquals(holds, held, "account holds differ from the transactions' open holds");
        }

        private void admin(final Object record)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
            final int length = record instanceof AccountRecord ?
                AdminRecords.writeAccount(buffer, 0, (AccountRecord)record) :
                AdminRecords.writeCard(buffer, 0, (CardRecord)record);
            event.copyInput(sequence++, EventKind.ADMIN, now, 0, buffer, 0, length);
            inputs.add(Input.of(event));
            authorizer.apply(event);
        }

        /** A limits profile and a risk model of this seed's own, as rule-set {@code version}. */
        private void rules(final int version)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AdminRecords.MAX_LENGTH]);
            adminRecord(buffer, RiskAdminRecords.writeLimitsProfile(buffer, 0, version, 3_000 + random.nextInt(3_000),
                20_000 + random.nextInt(20_000), 5 + random.nextInt(20), 300, 1 + random.nextInt(3),
                600, 2_000 + random.nextInt(2_000)));
            adminRecord(buffer, RiskAdminRecords.writeRiskModel(buffer, 0, version, -3_000 + random.nextInt(1_000),
                RiskRecords.DEFAULT_WEIGHTS, 400 + random.nextInt(200), 650 + random.nextInt(300), 2 + random.nextInt(5),
                10_000 + random.nextInt(10_000), 300, 50));
            adminRecord(buffer, RiskAdminRecords.writeMerchantCategory(buffer, 0, version, 6011, 0, true));
            adminRecord(buffer, RiskAdminRecords.writeTerminal(buffer, 0, version, "TERM0666", true));
            adminRecord(buffer, RiskAdminRecords.writeCurrencyRate(buffer, 0, version, 978, 840,
                61_000_000 + random.nextInt(200_000)));
        }

        private void adminRecord(final UnsafeBuffer buffer, final int length)
        {
            event.copyInput(sequence++, EventKind.ADMIN, now, 0, buffer, 0, length);
            inputs.add(Input.of(event));
            authorizer.apply(event);
            assertEquals(Decision.ADMIN_CREATED, event.decision().adminResult(), "rule record refused");
        }

        /** How a spending request is made: drawn once, so that a retransmission rebuilds it the same. */
        private Spending spending()
        {
            return new Spending(random.nextInt(5) == 0 ? EUROS : DOLLARS,
                new String[] {"051", "071", "812", "031", "901", "011"}[random.nextInt(6)],
                random.nextBoolean() ? "840" : "826", random.nextInt(3) == 0,
                new String[] {"5411", "7995", "4829", "6011", "5812"}[random.nextInt(5)],
                random.nextInt(15) == 0 ? "TERM0666" : "TERM0001");
        }

        private String pan()
        {
            return pans[random.nextInt(CARDS)];
        }

        private long amount()
        {
            return random.nextInt(10) == 0 ? 0 : random.nextInt(5_000) + 1;
        }

        private int nextStan()
        {
            return ++stan;
        }

        private Original pick(final List<Original> from)
        {
            return from.get(random.nextInt(from.size()));
        }
    }

    /** A request as sent, rebuildable with its amount or another one (a conflicting duplicate). */
    private record Sent(long amount, LongFunction<TestRequest> build)
    {
    }

    private record Original(int mti, int stan, String pan, long authorizationId, String currency)
    {
    }

    /** The fields that limits, risk and conversion read, for one spending request. */
    private record Spending(String currency, String entryMode, String country, boolean pin, String merchantCategory,
        String terminal)
    {
        TestRequest decorate(final TestRequest request)
        {
            request.with(IsoFields.CURRENCY_TRANSACTION, currency).with(IsoFields.POS_ENTRY_MODE, entryMode)
                .with(IsoFields.ACQUIRER_COUNTRY, country).with(IsoFields.MERCHANT_TYPE, merchantCategory)
                .with(IsoFields.TERMINAL_ID, terminal);
            return pin ? request.with(IsoFields.PIN_DATA, "PINBLOCK") : request;
        }
    }
}
