package dev.junction.core.auth;

/**
 * An open-addressed hash index from 64-bit key hashes to the slots of a table that keeps the full keys
 * itself ({@link Transactions}, {@link DuplicateIndex}, {@link Cards}). It replaces Agrona's
 * {@code Long2LongHashMap} on the authorizer's hot path, where that map's 16-byte entries, its rehash of
 * every key and its chain compaction on removal were half of the samples of a profile.
 * <p>
 * Each entry is one {@code long}: the hash's upper 32 bits (its fragment) and the slot plus one, so 0 is
 * an empty entry and eight entries share a cache line. The fragment's low bits pick the home position,
 * and collisions probe linearly. The index stores no key: a caller walks the entries whose fragment
 * matches ({@link #next}) and checks the slot's stored fields, so two keys whose fragments collide are
 * told apart by the table, never confused. Several entries may carry the same fragment, even the same
 * key: the caller decides which one a lookup means. Removal shifts the following entries back
 * (no tombstones), so a lookup stops at the first empty entry and the index never degrades.
 * <p>
 * The size is a power of two at least twice the most entries the caller will hold, so that the load
 * stays at or below one half; {@link #grow} doubles it for a table that grows (cards while reference data
 * is loaded). Nothing iterates the index in a way that decisions depend on. Allocation-free after
 * construction and growth; one thread only.
 */
final class SlotIndex
{
    /** {@link #next} result: no further entry with this fragment. */
    static final int NONE = -1;

    private static final int MIN_SIZE = 16;
    private static final int MAX_SIZE = 1 << 30;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;

    private long[] entries;
    private int mask;
    private int count;

    /** @param maxEntries the most entries held at once: the size is chosen so that they fill at most half. */
    SlotIndex(final long maxEntries)
    {
        allocate(sizeFor(maxEntries));
    }

    /**
     * A hash of two values for index keys, cheaper than a {@link StateDigest#mix} chain: one 64x64-bit
     * multiply whose high and low halves are folded (each input first offset by a constant, so that a
     * zero input does not cancel the other). Good enough to spread keys; not for the state digest.
     */
    static long hash(final long a, final long b)
    {
        final long x = a ^ 0x9E37_79B9_7F4A_7C15L;
        final long y = b ^ 0xD6E8_FEB8_6659_FD93L;
        return Math.multiplyHigh(x, y) ^ x * y;
    }

    /** @return the position to start a walk of {@code hash}'s entries from, for {@link #next}. */
    int home(final long hash)
    {
        return fragment(hash) & mask;
    }

    /**
     * @return the position at or after {@code from} (wrapping) of the next entry whose fragment is
     * {@code hash}'s, or {@link #NONE} when an empty entry comes first.
     */
    int next(final long hash, final int from)
    {
        final long fragment = (long)fragment(hash) << 32;
        for (int at = from & mask; ; at = (at + 1) & mask)
        {
            final long entry = entries[at];
            if (entry == 0)
            {
                return NONE;
            }
            if ((entry & ~SLOT_MASK) == fragment)
            {
                return at;
            }
        }
    }

    /**
     * Reads the entry at {@code hash}'s home position and returns it, so that a caller can start the
     * cache misses of several independent lookups together, before it needs any of them (Java has no
     * prefetch instruction; a load whose value is used is the portable way). Changes nothing.
     */
    long touch(final long hash)
    {
        return entries[home(hash)];
    }

    /** @return the slot of the entry at {@code position}, which {@link #next} returned. */
    int slotAt(final int position)
    {
        return (int)(entries[position] & SLOT_MASK) - 1;
    }

    /** Points the entry at {@code position} to another slot (a newer record takes a key over). */
    void replace(final int position, final int slot)
    {
        entries[position] = (entries[position] & ~SLOT_MASK) | (slot + 1L);
    }

    /** Adds an entry for {@code hash} and {@code slot}, after any that share its fragment. */
    void insert(final long hash, final int slot)
    {
        if ((long)(count + 1) * 2 > entries.length)
        {
            throw new IllegalStateException("slot index over half full: " + count + " of " + entries.length +
                " entries; the caller sized it for fewer");
        }
        int at = home(hash);
        while (entries[at] != 0)
        {
            at = (at + 1) & mask;
        }
        entries[at] = entry(hash, slot);
        count++;
    }

    /**
     * Removes the entry for {@code hash} and {@code slot}, which must be present, and shifts back the
     * entries after it that would otherwise be cut off from their home position.
     */
    void remove(final long hash, final int slot)
    {
        final long wanted = entry(hash, slot);
        int at = home(hash);
        while (entries[at] != wanted)
        {
            if (entries[at] == 0)
            {
                throw new IllegalStateException("slot index holds no entry for slot " + slot);
            }
            at = (at + 1) & mask;
        }
        int hole = at;
        int probe = at;
        while (true)
        {
            probe = (probe + 1) & mask;
            final long entry = entries[probe];
            if (entry == 0)
            {
                break;
            }
            final int entryHome = (int)(entry >>> 32) & mask;
            // The entry may move into the hole unless its home lies cyclically in (hole, probe].
            final boolean homeAfterHole = hole <= probe ?
                hole < entryHome && entryHome <= probe :
                hole < entryHome || entryHome <= probe;
            if (!homeAfterHole)
            {
                entries[hole] = entry;
                hole = probe;
            }
        }
        entries[hole] = 0;
        count--;
    }

    /** @return how many entries the index holds. */
    int count()
    {
        return count;
    }

    /** Empties the index. */
    void clear()
    {
        java.util.Arrays.fill(entries, 0);
        count = 0;
    }

    /**
     * Makes room for {@code maxEntries} at a load of at most one half, rehashing what is held; the
     * entries' order among equal fragments is kept. Allocates: for tables that grow off the request path.
     */
    void grow(final long maxEntries)
    {
        final int size = sizeFor(maxEntries);
        if (size <= entries.length)
        {
            return;
        }
        final long[] old = entries;
        // Start the copy after an empty entry, so that every run of entries is re-inserted in its order.
        int start = 0;
        while (old[start] != 0)
        {
            start++;
        }
        allocate(size);
        for (int i = 1; i <= old.length; i++)
        {
            final long entry = old[(start + i) & (old.length - 1)];
            if (entry != 0)
            {
                int at = (int)(entry >>> 32) & mask;
                while (entries[at] != 0)
                {
                    at = (at + 1) & mask;
                }
                entries[at] = entry;
                count++;
            }
        }
    }

    private void allocate(final int size)
    {
        entries = new long[size];
        mask = size - 1;
        count = 0;
    }

    private static int sizeFor(final long maxEntries)
    {
        final long wanted = Math.max(MIN_SIZE, maxEntries * 2);
        if (wanted > MAX_SIZE)
        {
            throw new IllegalArgumentException("slot index of " + maxEntries + " entries is too large");
        }
        return (int)Long.highestOneBit(wanted - 1) << 1;
    }

    private static int fragment(final long hash)
    {
        return (int)(hash >>> 32);
    }

    private static long entry(final long hash, final int slot)
    {
        return (hash & ~SLOT_MASK) | (slot + 1L);
    }
}
