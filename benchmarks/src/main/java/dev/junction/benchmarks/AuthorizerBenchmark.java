package dev.junction.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.junction.core.auth.Authorizer;
import dev.junction.core.auth.ResponseCodes;
import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.pipeline.TransactionEvent;
import dev.junction.core.refdata.DemoData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The authorizer alone: one 0200 purchase authorization applied to a ledger of {@value #CARDS} cards on
 * as many accounts, as the ring's authorizer stage applies it, with every check on: duplicates, the
 * transaction record, limits, risk features and the money-conservation check. The requests are
 * {@link #slots} ring slots (by default 4,096, the switch's default ring size), each loaded and decoded
 * once in set-up and cycled. Each use writes in place a fresh STAN, so that no request is a retransmission (which the
 * duplicate check would answer from memory, far more cheaply), and the PAN of a card drawn at random from
 * all {@value #CARDS} ({@value #DRAWS} draws made in set-up, read in turn), so that the card, account and
 * activity lookups miss the caches as they would in a switch with a million cardholders. An 0200 rather than an 0100: an 0100
 * leaves an open hold, and a run of millions would fill the transaction table with holds that never
 * complete. Accounts hold enough that every request is approved; the declines seen are printed at the
 * end of each iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuthorizerBenchmark extends ForkedBenchmark
{
    static final int CARDS = 1_000_000;

    /**
     * Cards (and accounts) provisioned; the figure is for {@value #CARDS}. A smaller ledger, such as
     * {@code -p cards=10000}, fits in the caches and shows what the authorizer costs without memory latency.
     */
    @Param({"1000000"})
    public int cards;

    /**
     * The transaction table's capacity, the switch's default: once it is full every purchase evicts the
     * oldest record, so each request inserts three index keys and removes three. {@code -p transactions=4096}
     * keeps the table and its index in cache.
     */
    @Param({"131072"})
    public int transactions;

    /**
     * Ring slots cycled (a power of two). 4,096, the ring's size, reads each request's bytes 4,095 requests
     * after they were last touched, from L3 rather than L1: the most a switch's authorizer can lag behind the
     * publisher. {@code -p slots=64} keeps them in the near caches, as in the default inline layout, where the
     * event loop authorizes the requests it has just read.
     */
    @Param({"4096"})
    public int slots;
    static final int DRAWS = 1 << 20;
    private static final long AMOUNT_MINOR = 1_234;
    private static final long SEED = 8583;

    private TransactionEvent[] events;
    private int slotMask;
    private final long[] pans = new long[DRAWS];
    private int draw;
    private Authorizer authorizer;
    private static final int MAX_STAN = 999_999;
    private int next;
    private int stan;
    private long requests;
    private long declines;

    @Setup(Level.Trial)
    public void provision()
    {
        final long started = System.nanoTime();
        authorizer = Ledgers.provisioned(cards, transactions);
        if (slots < Authorizer.WARM_BATCH || Integer.bitCount(slots) != 1)
        {
            throw new IllegalArgumentException("slots must be a power of two of at least " + Authorizer.WARM_BATCH +
                ": " + slots);
        }
        events = new TransactionEvent[slots];
        slotMask = slots - 1;
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < slots; i++)
        {
            final int card = 1 + random.nextInt(cards);
            events[i] = new TransactionEvent(AuthorizationRequests.MAX_LENGTH);
            AuthorizationRequests.load(AuthorizationRequests.request(200, DemoData.pan(card), AMOUNT_MINOR, i + 1),
                events[i], i + 1);
            if (events[i].decodeStatus() != IsoDecodeStatus.OK)
            {
                throw new IllegalStateException("request " + i + " does not decode: " + events[i].request());
            }
        }
        for (int i = 0; i < DRAWS; i++)
        {
            pans[i] = AuthorizationRequests.panBcd(DemoData.pan(1 + random.nextInt(cards)));
        }
        System.out.printf("provisioned %,d accounts and cards through admin events in %,d ms%n",
            cards, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** @return the response code, 0 when approved. */
    @Benchmark
    public int authorize()
    {
        final TransactionEvent slot = events[next];
        next = (next + 1) & slotMask;
        stan = stan == MAX_STAN ? 1 : stan + 1;
        AuthorizationRequests.restamp(slot, stan);
        AuthorizationRequests.repan(slot, pans[draw]);
        draw = (draw + 1) & (DRAWS - 1);
        authorizer.apply(slot);
        final int code = slot.decision().responseCode();
        requests++;
        if (code != ResponseCodes.APPROVED)
        {
            declines++;
        }
        return code;
    }

    /**
     * The same requests {@value Authorizer#WARM_BATCH} at a time, as the ring's authorizer stage applies a
     * batch: the batch is warmed first ({@code Authorizer.warm}: card lookups stage by stage across it, so
     * that their cache misses overlap), then applied in order. Reported per authorization.
     *
     * @return the last response code, 0 when approved.
     */
    @Benchmark
    @OperationsPerInvocation(Authorizer.WARM_BATCH)
    public int authorizeBatch()
    {
        final int first = next;
        authorizer.warmBegin();
        for (int i = 0; i < Authorizer.WARM_BATCH; i++)
        {
            final TransactionEvent slot = events[(first + i) & slotMask];
            stan = stan == MAX_STAN ? 1 : stan + 1;
            AuthorizationRequests.restamp(slot, stan);
            AuthorizationRequests.repan(slot, pans[draw]);
            draw = (draw + 1) & (DRAWS - 1);
            authorizer.warmAdd(slot);
        }
        authorizer.warm();
        int code = 0;
        for (int i = 0; i < Authorizer.WARM_BATCH; i++)
        {
            final TransactionEvent slot = events[(first + i) & slotMask];
            authorizer.apply(slot);
            code = slot.decision().responseCode();
            requests++;
            if (code != ResponseCodes.APPROVED)
            {
                declines++;
            }
        }
        next = (first + Authorizer.WARM_BATCH) & slotMask;
        return code;
    }

    @TearDown(Level.Iteration)
    public void reportDeclines()
    {
        System.out.printf("%n%,d requests, %,d declined (%.4f%%)%n", requests, declines,
            requests == 0 ? 0.0 : 100.0 * declines / requests);
        requests = 0;
        declines = 0;
    }
}
