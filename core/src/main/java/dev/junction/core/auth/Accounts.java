package dev.junction.core.auth;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * The ledger's accounts in primitive columns, indexed in creation order (so a digest over them is
 * the same on every replay). Only the authorizer's thread touches it. Its size is bounded by a
 * configured capacity; columns grow by doubling up to it while reference data is loaded, never
 * while requests are authorized.
 */
public final class Accounts
{
    private static final int INITIAL_COLUMNS = 1024;

    private final int capacity;
    private final Long2LongHashMap indexById;
    private long[] ids;
    private int[] currencyCodes;
    private long[] balancesMinor;
    private long[] creditLimitsMinor;
    private long[] holdsMinor;
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
        final int columns = Math.min(capacity, INITIAL_COLUMNS);
        ids = new long[columns];
        currencyCodes = new int[columns];
        balancesMinor = new long[columns];
        creditLimitsMinor = new long[columns];
        holdsMinor = new long[columns];
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
        if (count == ids.length)
        {
            grow();
        }
        final int index = count++;
        ids[index] = accountId;
        currencyCodes[index] = currencyCode;
        balancesMinor[index] = balanceMinor;
        creditLimitsMinor[index] = creditLimitMinor;
        holdsMinor[index] = 0;
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
        return ids[index];
    }

    public int currencyCode(final int index)
    {
        return currencyCodes[index];
    }

    public long balanceMinor(final int index)
    {
        return balancesMinor[index];
    }

    public long creditLimitMinor(final int index)
    {
        return creditLimitsMinor[index];
    }

    public long holdsMinor(final int index)
    {
        return holdsMinor[index];
    }

    /** @return balance + credit limit - holds: what the account may still spend. */
    public long availableMinor(final int index)
    {
        return balancesMinor[index] + creditLimitsMinor[index] - holdsMinor[index];
    }

    /** Reserves {@code amountMinor} of the available funds (an approved authorization). */
    public void hold(final int index, final long amountMinor)
    {
        requireMovement(amountMinor);
        holdsMinor[index] += amountMinor;
        totalHoldsMinor += amountMinor;
        checkInvariants(index);
    }

    /** Gives back {@code amountMinor} of a hold (a completion, a reversal, an expiry). */
    public void release(final int index, final long amountMinor)
    {
        requireMovement(amountMinor);
        holdsMinor[index] -= amountMinor;
        totalHoldsMinor -= amountMinor;
        checkInvariants(index);
    }

    /** Takes {@code amountMinor} from the balance (a purchase, a capture, a refund's reversal). */
    public void debit(final int index, final long amountMinor)
    {
        requireMovement(amountMinor);
        balancesMinor[index] -= amountMinor;
        totalBalancesMinor -= amountMinor;
        checkInvariants(index);
    }

    /** Adds {@code amountMinor} to the balance (a refund, a posting's reversal). */
    public void credit(final int index, final long amountMinor)
    {
        requireMovement(amountMinor);
        balancesMinor[index] += amountMinor;
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
            hash = StateDigest.mix(hash, ids[i]);
            hash = StateDigest.mix(hash, currencyCodes[i]);
            hash = StateDigest.mix(hash, balancesMinor[i]);
            hash = StateDigest.mix(hash, creditLimitsMinor[i]);
            hash = StateDigest.mix(hash, holdsMinor[i]);
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
        if (holdsMinor[index] < 0 || availableMinor(index) < 0)
        {
            throw new IllegalStateException("ledger invariant broken on account " + ids[index] +
                ": holds=" + holdsMinor[index] + " available=" + availableMinor(index));
        }
    }

    private void grow()
    {
        final int columns = (int)Math.min(capacity, (long)ids.length * 2);
        ids = Arrays.copyOf(ids, columns);
        currencyCodes = Arrays.copyOf(currencyCodes, columns);
        balancesMinor = Arrays.copyOf(balancesMinor, columns);
        creditLimitsMinor = Arrays.copyOf(creditLimitsMinor, columns);
        holdsMinor = Arrays.copyOf(holdsMinor, columns);
    }

    /** Writes the accounts for a snapshot ({@link Authorizer#writeSnapshot}). */
    void writeTo(final SnapshotOutput out)
    {
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeLong(ids[i]);
            out.writeInt(currencyCodes[i]);
            out.writeLong(balancesMinor[i]);
            out.writeLong(creditLimitsMinor[i]);
            out.writeLong(holdsMinor[i]);
        }
        out.writeLong(openingBalancesMinor);
        out.writeLong(totalBalancesMinor);
        out.writeLong(totalHoldsMinor);
    }

    /** Replaces the accounts with a snapshot's; the id index is rebuilt. */
    void readFrom(final SnapshotInput in)
    {
        final int newCount = in.readCount(capacity, "accounts");
        while (ids.length < newCount)
        {
            grow();
        }
        indexById.clear();
        for (int i = 0; i < newCount; i++)
        {
            ids[i] = in.readLong();
            currencyCodes[i] = in.readInt();
            balancesMinor[i] = in.readLong();
            creditLimitsMinor[i] = in.readLong();
            holdsMinor[i] = in.readLong();
            indexById.put(ids[i], i);
        }
        count = newCount;
        openingBalancesMinor = in.readLong();
        totalBalancesMinor = in.readLong();
        totalHoldsMinor = in.readLong();
    }
}
