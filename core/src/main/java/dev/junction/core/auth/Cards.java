package dev.junction.core.auth;

import java.util.Arrays;

import org.agrona.collections.Long2LongHashMap;

/**
 * The cards the switch authorizes, in primitive columns indexed in creation order, keyed by the PAN's
 * digits as an unsigned 64-bit number plus its digit count. Only the authorizer's thread touches it;
 * its size is bounded by a configured capacity and it grows only while reference data is loaded.
 */
public final class Cards
{
    private static final int INITIAL_COLUMNS = 1024;

    private final int capacity;
    private final Long2LongHashMap indexByPanKey;
    private long[] panKeys;
    private byte[] panLengths;
    private int[] accountIndexes;
    private int[] expiriesYymm;
    private byte[] statuses;
    private short[] homeCountries;
    private int count;

    public Cards(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("card capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.indexByPanKey = new Long2LongHashMap(Math.min(capacity, INITIAL_COLUMNS) * 2, 0.65f, -1);
        final int columns = Math.min(capacity, INITIAL_COLUMNS);
        panKeys = new long[columns];
        panLengths = new byte[columns];
        accountIndexes = new int[columns];
        expiriesYymm = new int[columns];
        statuses = new byte[columns];
        homeCountries = new short[columns];
    }

    /** @return the card's index, or -1 when no card has these digits and this length. */
    public int indexOf(final long panKey, final int panLength)
    {
        final int index = (int)indexByPanKey.get(panKey);
        return index >= 0 && panLengths[index] == panLength ? index : -1;
    }

    /** @return whether a card with these digits exists, whatever its length. */
    public boolean containsKey(final long panKey)
    {
        return indexByPanKey.containsKey(panKey);
    }

    /**
     * Creates a card; the caller has checked that its key is unknown.
     *
     * @return its index, or -1 when the capacity is reached.
     */
    public int create(final long panKey, final int panLength, final int accountIndex, final int expiryYymm,
        final byte status)
    {
        return create(panKey, panLength, accountIndex, expiryYymm, status, 0);
    }

    /**
     * Creates a card issued for {@code homeCountry} (ISO 3166 numeric, 0 when unknown); the caller has
     * checked that its key is unknown.
     *
     * @return its index, or -1 when the capacity is reached.
     */
    public int create(final long panKey, final int panLength, final int accountIndex, final int expiryYymm,
        final byte status, final int homeCountry)
    {
        if (count == capacity)
        {
            return -1;
        }
        if (count == panKeys.length)
        {
            grow();
        }
        final int index = count++;
        panKeys[index] = panKey;
        panLengths[index] = (byte)panLength;
        accountIndexes[index] = accountIndex;
        expiriesYymm[index] = expiryYymm;
        statuses[index] = status;
        homeCountries[index] = (short)homeCountry;
        indexByPanKey.put(panKey, index);
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

    public int accountIndex(final int index)
    {
        return accountIndexes[index];
    }

    public int expiryYymm(final int index)
    {
        return expiriesYymm[index];
    }

    public byte status(final int index)
    {
        return statuses[index];
    }

    /** Sets a card's status (an operator's command, see {@code AdminCommands}); the caller has checked it. */
    void status(final int index, final byte status)
    {
        statuses[index] = status;
    }

    /** @return the ISO 3166 numeric country the card is issued for, 0 when unknown. */
    public int homeCountry(final int index)
    {
        return homeCountries[index];
    }

    /** Adds this table's state to a digest, in creation order. */
    public long digest(final long seed)
    {
        long hash = seed;
        for (int i = 0; i < count; i++)
        {
            hash = StateDigest.mix(hash, panKeys[i]);
            hash = StateDigest.mix(hash, panLengths[i]);
            hash = StateDigest.mix(hash, accountIndexes[i]);
            hash = StateDigest.mix(hash, expiriesYymm[i]);
            hash = StateDigest.mix(hash, statuses[i]);
            hash = StateDigest.mix(hash, homeCountries[i]);
        }
        return hash;
    }

    private void grow()
    {
        final int columns = (int)Math.min(capacity, (long)panKeys.length * 2);
        panKeys = Arrays.copyOf(panKeys, columns);
        panLengths = Arrays.copyOf(panLengths, columns);
        accountIndexes = Arrays.copyOf(accountIndexes, columns);
        expiriesYymm = Arrays.copyOf(expiriesYymm, columns);
        statuses = Arrays.copyOf(statuses, columns);
        homeCountries = Arrays.copyOf(homeCountries, columns);
    }

    /** Writes the cards for a snapshot ({@link Authorizer#writeSnapshot}). */
    void writeTo(final SnapshotOutput out)
    {
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeLong(panKeys[i]);
            out.writeByte(panLengths[i]);
            out.writeInt(accountIndexes[i]);
            out.writeInt(expiriesYymm[i]);
            out.writeByte(statuses[i]);
            out.writeShort(homeCountries[i]);
        }
    }

    /** Replaces the cards with a snapshot's; the PAN index is rebuilt in creation order, as it was built. */
    void readFrom(final SnapshotInput in)
    {
        final int newCount = in.readCount(capacity, "cards");
        while (panKeys.length < newCount)
        {
            grow();
        }
        indexByPanKey.clear();
        for (int i = 0; i < newCount; i++)
        {
            panKeys[i] = in.readLong();
            panLengths[i] = in.readByte();
            accountIndexes[i] = in.readInt();
            expiriesYymm[i] = in.readInt();
            statuses[i] = in.readByte();
            homeCountries[i] = in.readShort();
            indexByPanKey.put(panKeys[i], i);
        }
        count = newCount;
    }
}
