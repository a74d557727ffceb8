package dev.junction.core.auth;

/**
 * The only way money moves: every change to a balance or a hold goes through here, which keeps the
 * running totals of external movements (debits: purchases and captures; credits: refunds and
 * reversals of postings) and checks after each event that money was conserved:
 * <ul>
 *   <li>the sum of all balances equals the opening balances plus credits minus debits;</li>
 *   <li>the sum of all accounts' holds equals the sum of the open holds of the transactions table;</li>
 *   <li>per account (checked by {@link Accounts} on each move) holds are never negative and
 *       balance + credit limit - holds is never negative, i.e. balance - holds never falls below
 *       -credit limit;</li>
 *   <li>per transaction (checked by {@link Transactions}) a hold is never released twice.</li>
 * </ul>
 * A broken invariant throws {@link IllegalStateException}: the authorizer stops rather than answer
 * from a corrupt ledger. Only the authorizer's thread calls it.
 */
public final class Ledger
{
    private final Accounts accounts;
    private final Transactions transactions;
    private long debitsMinor;
    private long creditsMinor;
    private long balanceDeltaMinor;
    private long holdsDeltaMinor;

    Ledger(final Accounts accounts, final Transactions transactions)
    {
        this.accounts = accounts;
        this.transactions = transactions;
    }

    /** Starts an event: the deltas it reports cover what moved from here on. */
    void beginEvent()
    {
        balanceDeltaMinor = 0;
        holdsDeltaMinor = 0;
    }

    /** Places a record's hold on its account. */
    void hold(final int slot, final long amountMinor)
    {
        transactions.placeHold(slot, amountMinor);
        accounts.hold(transactions.accountIndex(slot), amountMinor);
        holdsDeltaMinor += amountMinor;
    }

    /** Releases part or all of a record's hold. */
    void release(final int slot, final long amountMinor)
    {
        transactions.releaseHold(slot, amountMinor);
        accounts.release(transactions.accountIndex(slot), amountMinor);
        holdsDeltaMinor -= amountMinor;
    }

    void debit(final int account, final long amountMinor)
    {
        accounts.debit(account, amountMinor);
        debitsMinor += amountMinor;
        balanceDeltaMinor -= amountMinor;
    }

    void credit(final int account, final long amountMinor)
    {
        accounts.credit(account, amountMinor);
        creditsMinor += amountMinor;
        balanceDeltaMinor += amountMinor;
    }

    /** @throws IllegalStateException when the totals show money created or destroyed. */
    void checkConserved()
    {
        final long expectedBalances = accounts.openingBalancesMinor() + creditsMinor - debitsMinor;
        if (accounts.totalBalancesMinor() != expectedBalances || accounts.totalHoldsMinor() != transactions.heldMinor())
        {
            throw new IllegalStateException("money not conserved: balances " + accounts.totalBalancesMinor() +
                " expected " + expectedBalances + ", account holds " + accounts.totalHoldsMinor() +
                " transaction holds " + transactions.heldMinor());
        }
    }

    /** @return all debits ever approved (purchases, captures, reversals of refunds). */
    public long debitsMinor()
    {
        return debitsMinor;
    }

    /** @return all credits ever approved (refunds, reversals of postings). */
    public long creditsMinor()
    {
        return creditsMinor;
    }

    /** @return how the current event changed the sum of balances. */
    long balanceDeltaMinor()
    {
        return balanceDeltaMinor;
    }

    /** @return how the current event changed the sum of holds. */
    long holdsDeltaMinor()
    {
        return holdsDeltaMinor;
    }

    long digest(final long seed)
    {
        return StateDigest.mix(StateDigest.mix(seed, debitsMinor), creditsMinor);
    }

    /** Writes the ledger's running totals for a snapshot. */
    void writeTo(final SnapshotOutput out)
    {
        out.writeLong(debitsMinor);
        out.writeLong(creditsMinor);
    }

    void readFrom(final SnapshotInput in)
    {
        debitsMinor = in.readLong();
        creditsMinor = in.readLong();
        balanceDeltaMinor = 0;
        holdsDeltaMinor = 0;
    }
}
