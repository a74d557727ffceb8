package dev.junction.core.auth;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * The ledger's accounts, indexed in creation order (so a digest over them is the same on every replay).
 * Only the authorizer's thread touches it. Its size is bounded by a configured capacity; the table grows
 * by doubling up to it while reference data is loaded, never while requests are authorized.
 * <p>
 * An account's fields sit together in {@value #WORDS} consecutive longs (balance, credit limit, holds,
 * id, currency), so that an authorization, which reads all of them, touches one or two cache lines
 * rather than one line per column. The id index serves admin records only.
 */
public final class Accounts
{
    private static final int INITIAL_COLUMNS = 1024;

    private final int capacity;
    private final Long2LongHashMap indexById;
    /** Longs per account. */
    static final int WORDS = 5;
    private static final int BALANCE = 0;
    private static final int CREDIT_LIMIT = 1;
    private static final int HOLDS = 2;
    private static final int ID = 3;
    private static final int CURRENCY = 4;

    private long[] records;
    private int columns;
    private int count;
    private long openingBalancesMinor;
    private long totalBalancesMinor;
    private long totalHoldsMinor;

    public Accounts(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("account capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.indexById = new Long2LongHashMap(Math.min(capacity, INITIAL_COLUMNS) * 2, 0.65f, -1);
        columns = Math.min(capacity, INITIAL_COLUMNS);
        records = new long[columns * WORDS];
    }

    /** @return the account's index, or -1 when unknown. */
    public int indexOf(final long accountId)
    {
        return (int)indexById.get(accountId);
    }

    /**
     * Creates an account; the caller has checked that it is unknown.
     *
     * @return its index, or -1 when the capacity is reached.
     */
    public int create(final long accountId, final int currencyCode, final long balanceMinor, final long creditLimitMinor)
    {
        if (count == capacity)
        {
            return -1;
        }
        if (count == columns)
        {
            grow();
        }
        final int index = count++;
        write(index, accountId, currencyCode, balanceMinor, creditLimitMinor, 0);
        openingBalancesMinor += balanceMinor;
        totalBalancesMinor += balanceMinor;
        indexById.put(accountId, index);
        return index;
    }

    public int count()
    {
        return count;
    }

    public int capacity()
    {
        return capacity;
    }

    public long id(final int index)
    {
        return records[index * WORDS + ID];
    }

    public int currencyCode(final int index)
    {
        return (int)records[index * WORDS + CURRENCY];
    }

    public long balanceMinor(final int index)
    {
        return records[index * WORDS + BALANCE];
    }

    public long creditLimitMinor(final int index)
    {
        return records[index * WORDS + CREDIT_LIMIT];
    }

    public long holdsMinor(final int index)
    {
        return records[index * WORDS + HOLDS];
    }

    /** @return balance + credit limit - holds: what the account may still spend. */
    /**
     * Starts loading an account's lines (its {@value #WORDS} longs may straddle two), a hint only.
     *
     * @return what was read, for the caller to keep so that the loads are not discarded.
     */
    long touch(final int index)
    {
        final int at = index * WORDS;
        return records[at] ^ records[at + WORDS - 1];
    }

    public long availableMinor(final int index)
    {
        final int at = index * WORDS;
        return records[at + BALANCE] + records[at + CREDIT_LIMIT] - records[at + HOLDS];
    }

    /** Reserves {@code amountMinor} of the available funds (an approved authorization). */
    public void hold(final int index, final long amountMinor)
    {
        requireMovement(amountMinor);
        records[index * WORDS + HOLDS] += amountMinor;
        totalHoldsMinor += amountMinor;
        checkInvariants(index);
    }

    /** Gives back {@code amountMinor} of a hold (a completion, a reversal, an expiry). */
    public void release(final int index, final long amountMinor)
    {
        requireMovement(amountMinor);
        records[index * WORDS + HOLDS] -= amountMinor;
        totalHoldsMinor -= amountMinor;
        checkInvariants(index);
    }

    /** Takes {@code amountMinor} from the balance (a purchase, a capture, a refund's reversal). */
    public void debit(final int index, final long amountMinor)
    {
        requireMovement(amountMinor);
        records[index * WORDS + BALANCE] -= amountMinor;
        totalBalancesMinor -= amountMinor;
        checkInvariants(index);
    }

    /** Adds {@code amountMinor} to the balance (a refund, a posting's reversal). */
    public void credit(final int index, final long amountMinor)
    {
        requireMovement(amountMinor);
        records[index * WORDS + BALANCE] += amountMinor;
        totalBalancesMinor += amountMinor;
        checkInvariants(index);
    }

    /** @return the sum of the balances the accounts were created with. */
    public long openingBalancesMinor()
    {
        return openingBalancesMinor;
    }

    /** @return the sum of all balances now, kept as each one moves. */
    public long totalBalancesMinor()
    {
        return totalBalancesMinor;
    }

    /** @return the sum of all holds now, kept as each one moves. */
    public long totalHoldsMinor()
    {
        return totalHoldsMinor;
    }

    /** Adds this table's state to a digest, in creation order. */
    public long digest(final long seed)
    {
        long hash = StateDigest.mix(seed, openingBalancesMinor);
        hash = StateDigest.mix(hash, totalBalancesMinor);
        hash = StateDigest.mix(hash, totalHoldsMinor);
        for (int i = 0; i < count; i++)
        {
            hash = StateDigest.mix(hash, id(i));
            hash = StateDigest.mix(hash, currencyCode(i));
            hash = StateDigest.mix(hash, balanceMinor(i));
            hash = StateDigest.mix(hash, creditLimitMinor(i));
            hash = StateDigest.mix(hash, holdsMinor(i));
        }
        return hash;
    }

    /** A movement is positive: a zero or negative one is a decision's bug, not a request's. */
    private static void requireMovement(final long amountMinor)
    {
        if (amountMinor <= 0)
        {
            throw new IllegalStateException("ledger movement must be positive: " + amountMinor);
        }
    }

    /**
     * A hold never goes negative and available funds never go below zero: a decision that broke either
     * is a bug, and the process must stop rather than answer from a corrupt ledger.
     */
    private void checkInvariants(final int index)
    {
        if (holdsMinor(index) < 0 || availableMinor(index) < 0)
        {
            throw new IllegalStateException("ledger invariant broken on account " + id(index) +
                ": holds=" + holdsMinor(index) + " available=" + availableMinor(index));
        }
    }

    private void write(final int index, final long accountId, final int currencyCode, final long balanceMinor,
        final long creditLimitMinor, final long holdsMinor)
    {
        final int at = index * WORDS;
        records[at + BALANCE] = balanceMinor;
        records[at + CREDIT_LIMIT] = creditLimitMinor;
        records[at + HOLDS] = holdsMinor;
        records[at + ID] = accountId;
        records[at + CURRENCY] = currencyCode;
    }

    private void grow()
    {
        columns = (int)Math.min(capacity, (long)columns * 2);
        records = Arrays.copyOf(records, columns * WORDS);
    }

    /** Writes the accounts for a snapshot ({@link Authorizer#writeSnapshot}). */
    void writeTo(final SnapshotOutput out)
    {
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeLong(id(i));
            out.writeInt(currencyCode(i));
            out.writeLong(balanceMinor(i));
            out.writeLong(creditLimitMinor(i));
            out.writeLong(holdsMinor(i));
        }
        out.writeLong(openingBalancesMinor);
        out.writeLong(totalBalancesMinor);
        out.writeLong(totalHoldsMinor);
    }

    /** Replaces the accounts with a snapshot's; the id index is rebuilt. */
    void readFrom(final SnapshotInput in)
    {
        final int newCount = in.readCount(capacity, "accounts");
        while (columns < newCount)
        {
            grow();
        }
        indexById.clear();
        for (int i = 0; i < newCount; i++)
        {
            final long accountId = in.readLong();
            final int currencyCode = in.readInt();
            final long balanceMinor = in.readLong();
            final long creditLimitMinor = in.readLong();
            final long holdsMinor = in.readLong();
            write(i, accountId, currencyCode, balanceMinor, creditLimitMinor, holdsMinor);
            indexById.put(accountId, i);
        }
        count = newCount;
        openingBalancesMinor = in.readLong();
        totalBalancesMinor = in.readLong();
        totalHoldsMinor = in.readLong();
    }
}
