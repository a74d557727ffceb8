package dev.junction.core.auth;

import java.util.Arrays;

/**
 * The cards the switch authorizes, indexed in creation order, keyed by the PAN's digits as an unsigned
 * 64-bit number plus its digit count. Only the authorizer's thread touches it; its size is bounded by a
 * configured capacity and it grows only while reference data is loaded.
 * <p>
 * A card's fields sit together in {@value #WORDS} consecutive longs (PAN key; account index and expiry;
 * home country, status and PAN length), so that an authorization reads one card in one or two cache
 * lines rather than one line per column. A {@link SlotIndex} on a hash of the PAN key finds a card; the
 * key stored in the card confirms it, in the line the authorization reads anyway.
 */
public final class Cards
{
    private static final int INITIAL_COLUMNS = 1024;
    /** Longs per card. */
    static final int WORDS = 3;
    private static final int PAN_KEY = 0;
    private static final int ACCOUNT_AND_EXPIRY = 1;
    private static final int COUNTRY_STATUS_LENGTH = 2;
    private static final long PAN_HASH_SEED = 0x50414E;

    private final int capacity;
    private final SlotIndex indexByPanKey;
    private long[] records;
    private int columns;
    private int count;

    public Cards(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("card capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        columns = Math.min(capacity, INITIAL_COLUMNS);
        indexByPanKey = new SlotIndex(columns);
        records = new long[columns * WORDS];
    }

    /** @return the card's index, or -1 when no card has these digits and this length. */
    public int indexOf(final long panKey, final int panLength)
    {
        final int index = find(panKey);
        return index >= 0 && panLength(index) == panLength ? index : -1;
    }

    /**
     * Starts loading the PAN index line that {@link #indexOf} will read. A hint only.
     *
     * @return the entry read, for the caller to keep so that the load is not discarded.
     */
    long touch(final long panKey)
    {
        return indexByPanKey.touch(panHash(panKey));
    }

    /**
     * Finds a card for {@link Authorizer#warm}, which has started loading its PAN index line; the lookup
     * itself loads the card's line (the stored PAN key confirms the match). Changes nothing.
     *
     * @return the card's index, or -1 when there is none.
     */
    int warm(final long panKey)
    {
        return find(panKey);
    }

    /** @return whether a card with these digits exists, whatever its length. */
    public boolean containsKey(final long panKey)
    {
        return find(panKey) >= 0;
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
        if (count == columns)
        {
            grow();
        }
        final int index = count++;
        write(index, panKey, panLength, accountIndex, expiryYymm, status, homeCountry);
        indexByPanKey.insert(panHash(panKey), index);
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
        return (int)(records[index * WORDS + ACCOUNT_AND_EXPIRY] >>> 32);
    }

    public int expiryYymm(final int index)
    {
        return (int)records[index * WORDS + ACCOUNT_AND_EXPIRY];
    }

    public byte status(final int index)
    {
        return (byte)(records[index * WORDS + COUNTRY_STATUS_LENGTH] >>> 16);
    }

    /** Sets a card's status (an operator's command, see {@code AdminCommands}); the caller has checked it. */
    void status(final int index, final byte status)
    {
        final int at = index * WORDS + COUNTRY_STATUS_LENGTH;
        records[at] = records[at] & ~(0xFFL << 16) | (status & 0xFFL) << 16;
    }

    /** @return the ISO 3166 numeric country the card is issued for, 0 when unknown. */
    public int homeCountry(final int index)
    {
        return (short)records[index * WORDS + COUNTRY_STATUS_LENGTH];
    }

    private long panKey(final int index)
    {
        return records[index * WORDS + PAN_KEY];
    }

    private byte panLength(final int index)
    {
        return (byte)(records[index * WORDS + COUNTRY_STATUS_LENGTH] >>> 24);
    }

    /** Adds this table's state to a digest, in creation order. */
    public long digest(final long seed)
    {
        long hash = seed;
        for (int i = 0; i < count; i++)
        {
            hash = StateDigest.mix(hash, panKey(i));
            hash = StateDigest.mix(hash, panLength(i));
            hash = StateDigest.mix(hash, accountIndex(i));
            hash = StateDigest.mix(hash, expiryYymm(i));
            hash = StateDigest.mix(hash, status(i));
            hash = StateDigest.mix(hash, (short)homeCountry(i));
        }
        return hash;
    }

    private int find(final long panKey)
    {
        final long hash = panHash(panKey);
        for (int at = indexByPanKey.next(hash, indexByPanKey.home(hash)); at != SlotIndex.NONE;
            at = indexByPanKey.next(hash, at + 1))
        {
            final int index = indexByPanKey.slotAt(at);
            if (panKey(index) == panKey)
            {
                return index;
            }
        }
        return -1;
    }

    private void write(final int index, final long panKey, final int panLength, final int accountIndex,
        final int expiryYymm, final byte status, final int homeCountry)
    {
        final int at = index * WORDS;
        records[at + PAN_KEY] = panKey;
        records[at + ACCOUNT_AND_EXPIRY] = (long)accountIndex << 32 | expiryYymm & 0xFFFF_FFFFL;
        records[at + COUNTRY_STATUS_LENGTH] = homeCountry & 0xFFFFL | (status & 0xFFL) << 16 | (panLength & 0xFFL) << 24;
    }

    private static long panHash(final long panKey)
    {
        return StateDigest.mix(PAN_HASH_SEED, panKey);
    }

    private void grow()
    {
        columns = (int)Math.min(capacity, (long)columns * 2);
        records = Arrays.copyOf(records, columns * WORDS);
        indexByPanKey.grow(columns);
    }

    /** Writes the cards for a snapshot ({@link Authorizer#writeSnapshot}). */
    void writeTo(final SnapshotOutput out)
    {
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeLong(panKey(i));
            out.writeByte(panLength(i));
            out.writeInt(accountIndex(i));
            out.writeInt(expiryYymm(i));
            out.writeByte(status(i));
            out.writeShort(homeCountry(i));
        }
    }

    /** Replaces the cards with a snapshot's; the PAN index is rebuilt. */
    void readFrom(final SnapshotInput in)
    {
        final int newCount = in.readCount(capacity, "cards");
        while (columns < newCount)
        {
            grow();
        }
        indexByPanKey.clear();
        for (int i = 0; i < newCount; i++)
        {
            final long panKey = in.readLong();
            final byte panLength = in.readByte();
            final int accountIndex = in.readInt();
            final int expiryYymm = in.readInt();
            final byte status = in.readByte();
            final short homeCountry = in.readShort();
            write(i, panKey, panLength, accountIndex, expiryYymm, status, homeCountry);
            indexByPanKey.insert(panHash(panKey), i);
        }
        count = newCount;
    }
}
