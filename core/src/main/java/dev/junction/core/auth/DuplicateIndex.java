package dev.junction.core.auth;

/**
 * The answers to the most recent requests, so that a retransmission gets the same answer again and
 * changes nothing. A request is identified by its acquirer (32), terminal (41), STAN (11),
 * transmission time (7) and family: reversals (04xx) form their own family, because a reversal may
 * carry its original's STAN and time (that is how it names an original without field 90), while
 * 0100, 0200 and 0220 share one, so that an 0200 reusing an 0100's keys is a conflict.
 * <p>
 * The window is a FIFO ring of {@code window} entries: the oldest is forgotten first. A {@link SlotIndex}
 * from a 64-bit hash of the keys to the entry's position in the ring finds an entry; the full keys are
 * stored and compared, so a hash collision is never taken for a duplicate. Each entry has its own index
 * entry, removed exactly when the ring forgets it. Nothing iterates the index. Only the authorizer's
 * thread touches it; nothing here allocates after construction.
 */
public final class DuplicateIndex
{
    /** {@link #find} result: no request with these keys in the window. */
    public static final int NEW = -1;
    /** {@link #find} result: the keys are known but the content differs (answer 94). */
    public static final int CONFLICT = -2;

    private final int window;
    private final SlotIndex index;
    private final long[] acquirerIds;
    private final long[] terminalIds;
    private final int[] stans;
    private final long[] transmissionTimes;
    private final byte[] families;
    private final long[] contentHashes;
    private final int[] responseCodes;
    private final long[] authorizationIds;
    private final int[] accountIndexes;
    private final byte[] flags;
    /** Each entry's index hash, kept so that forgetting the oldest reads one column, not five. */
    private final long[] hashes;
    private long count;
    /** {@code count % window}, kept rather than divided for on every request: the entry recorded next. */
    private int next;

    public DuplicateIndex(final int window)
    {
        if (window < 1)
        {
            throw new IllegalArgumentException("duplicate window must be positive: " + window);
        }
        this.window = window;
        index = new SlotIndex(window);
        acquirerIds = new long[window];
        terminalIds = new long[window];
        stans = new int[window];
        transmissionTimes = new long[window];
        families = new byte[window];
        contentHashes = new long[window];
        responseCodes = new int[window];
        authorizationIds = new long[window];
        accountIndexes = new int[window];
        flags = new byte[window];
        hashes = new long[window];
    }

    /**
     * @return the entry of an earlier request with these keys and this content ({@code >= 0}),
     * {@link #NEW}, or {@link #CONFLICT} when the keys match and the content does not.
     */
    int find(final MessageKeys keys, final int family, final long contentHash)
    {
        final long hash = hash(keys, family);
        for (int at = index.next(hash, index.home(hash)); at != SlotIndex.NONE; at = index.next(hash, at + 1))
        {
            final int entry = index.slotAt(at);
            if (acquirerIds[entry] == keys.acquirerId && terminalIds[entry] == keys.terminalId &&
                stans[entry] == keys.stan && transmissionTimes[entry] == keys.transmissionTime &&
                families[entry] == family)
            {
                return contentHashes[entry] == contentHash ? entry : CONFLICT;
            }
        }
        return NEW;
    }

    /**
     * Starts loading, together, the index lines that finding and recording a request with these keys
     * will touch: its own home and the home of the entry the window would forget. A hint only.
     *
     * @return a value made of what was read, for the caller to keep so that the loads are not discarded.
     */
    long touch(final MessageKeys keys, final int family)
    {
        return touchKey(keys, family) ^ touchForgotten(1);
    }

    /**
     * Starts loading the index line of a request's own keys only ({@link Authorizer#warm}, for several
     * requests at once; {@link #touchForgotten} covers the entries they will forget). A hint only.
     */
    long touchKey(final MessageKeys keys, final int family)
    {
        return index.touch(hash(keys, family));
    }

    /**
     * Starts loading the index lines of the entries that the next {@code records} records would forget,
     * oldest first. A hint only: requests that are not recorded (answered again, declined as a
     * conflict) make it read ahead of what is forgotten, which costs a load and changes nothing.
     */
    long touchForgotten(final int records)
    {
        long touched = 0;
        int entry = next;
        for (long recorded = count; recorded < count + records; recorded++)
        {
            if (recorded >= window)
            {
                touched ^= index.touch(hashes[entry]);
            }
            entry = entry + 1 == window ? 0 : entry + 1;
        }
        return touched;
    }

    /** Remembers an answered request whose keys {@link #find} reported {@link #NEW}, forgetting the oldest. */
    void record(final MessageKeys keys, final int family, final long contentHash, final int responseCode,
        final long authorizationId, final int accountIndex, final byte flag)
    {
        final int entry = next;
        if (count >= window)
        {
            index.remove(hashes[entry], entry);
        }
        acquirerIds[entry] = keys.acquirerId;
        terminalIds[entry] = keys.terminalId;
        stans[entry] = keys.stan;
        transmissionTimes[entry] = keys.transmissionTime;
        families[entry] = (byte)family;
        contentHashes[entry] = contentHash;
        responseCodes[entry] = responseCode;
        authorizationIds[entry] = authorizationId;
        accountIndexes[entry] = accountIndex;
        flags[entry] = flag;
        hashes[entry] = hash(keys, family);
        index.insert(hashes[entry], entry);
        count++;
        next = entry + 1 == window ? 0 : entry + 1;
    }

    int responseCode(final int entry)
    {
        return responseCodes[entry];
    }

    long authorizationId(final int entry)
    {
        return authorizationIds[entry];
    }

    /** @return the account the first answer touched, -1 when none. */
    int accountIndex(final int entry)
    {
        return accountIndexes[entry];
    }

    byte flag(final int entry)
    {
        return flags[entry];
    }

    /** @return how many requests were ever recorded (the window holds the last {@code window} of them). */
    public long count()
    {
        return count;
    }

    /** Adds the window's entries to a digest, oldest first. */
    public long digest(final long seed)
    {
        long hash = StateDigest.mix(seed, count);
        for (long number = Math.max(0, count - window); number < count; number++)
        {
            final int entry = (int)(number % window);
            hash = StateDigest.mix(hash, digestKey(acquirerIds[entry], terminalIds[entry], stans[entry],
                transmissionTimes[entry], families[entry]));
            hash = StateDigest.mix(hash, contentHashes[entry]);
            hash = StateDigest.mix(hash, responseCodes[entry]);
            hash = StateDigest.mix(hash, authorizationIds[entry]);
            hash = StateDigest.mix(hash, (long)accountIndexes[entry] << 8 | flags[entry]);
        }
        return hash;
    }

    private static long hash(final MessageKeys keys, final int family)
    {
        return hash(keys.acquirerId, keys.terminalId, keys.stan, keys.transmissionTime, family);
    }

    /** The index's hash of a request's keys. */
    private static long hash(final long acquirerId, final long terminalId, final int stan, final long time,
        final int family)
    {
        return SlotIndex.hash(SlotIndex.hash((long)family << 60 ^ acquirerId, terminalId),
            time << 32 ^ (stan & 0xFFFF_FFFFL));
    }

    /** A request's keys as the state digest has always folded them (not the index's hash). */
    private static long digestKey(final long acquirerId, final long terminalId, final int stan, final long time,
        final int family)
    {
        long hash = StateDigest.mix(family, acquirerId);
        hash = StateDigest.mix(hash, terminalId);
        hash = StateDigest.mix(hash, stan);
        return StateDigest.mix(hash, time);
    }

    /** Writes the entries still in the window, oldest first, for a snapshot. */
    void writeTo(final SnapshotOutput out)
    {
        out.writeLong(count);
        for (long number = Math.max(0, count - window); number < count; number++)
        {
            final int entry = (int)(number % window);
            out.writeLong(acquirerIds[entry]);
            out.writeLong(terminalIds[entry]);
            out.writeInt(stans[entry]);
            out.writeLong(transmissionTimes[entry]);
            out.writeByte(families[entry]);
            out.writeLong(contentHashes[entry]);
            out.writeInt(responseCodes[entry]);
            out.writeLong(authorizationIds[entry]);
            out.writeInt(accountIndexes[entry]);
            out.writeByte(flags[entry]);
        }
    }

    /**
     * Replaces the window with a snapshot's. The key index is rebuilt with one entry for each entry of
     * the window, as recording them left it.
     */
    void readFrom(final SnapshotInput in)
    {
        final long newCount = in.readLong();
        if (newCount < 0)
        {
            throw new SnapshotException("snapshot holds a negative duplicate count: " + newCount);
        }
        index.clear();
        for (long number = Math.max(0, newCount - window); number < newCount; number++)
        {
            final int entry = (int)(number % window);
            acquirerIds[entry] = in.readLong();
            terminalIds[entry] = in.readLong();
            stans[entry] = in.readInt();
            transmissionTimes[entry] = in.readLong();
            families[entry] = in.readByte();
            contentHashes[entry] = in.readLong();
            responseCodes[entry] = in.readInt();
            authorizationIds[entry] = in.readLong();
            accountIndexes[entry] = in.readInt();
            flags[entry] = in.readByte();
            hashes[entry] = hash(acquirerIds[entry], terminalIds[entry], stans[entry], transmissionTimes[entry],
                families[entry]);
            index.insert(hashes[entry], entry);
        }
        count = newCount;
        next = (int)(newCount % window);
    }
}
