package dev.junction.core.auth;

/**
 * The transactions the authorizer remembers so that later messages can name them: authorizations and
 * their holds (for completions, reversals and expiry), postings (purchases, completions, refunds, for
 * reversals and refunds), declines (so that a refund or reversal of one is recognised), and reversals
 * whose original was unknown (so that the original, arriving late, is declined).
 * <p>
 * A fixed table of {@code capacity} records in primitive columns, allocated once. Each record sits on
 * one of two lists in a deterministic order: the <em>holding</em> list (records with an open hold, in
 * creation order, which is expiry order because every hold has the same lifetime) and the
 * <em>settled</em> list (all others, in the order they settled). When the table is full, a new record
 * evicts the head of the settled list, the record that settled longest ago; a record with an open hold
 * is never evicted, so when every record holds, {@link #hasRoom()} is false and the authorizer declines
 * what would need a record (91) rather than forget money it holds.
 * <p>
 * One {@link SlotIndex} finds records by four keys, each a 64-bit hash of the identifying fields: the
 * original-data key of field 90 (MTI, STAN, transmission time, acquirer, forwarding institution), the
 * terminal key (STAN, terminal, transmission time), the authorization key (authorization id, PAN) and
 * the retrieval reference (37). Every candidate is checked against the stored fields, so a hash collision
 * can never match the wrong record; a newer record with the same key takes the key over (its entry is
 * pointed at the newer record and the older one's index bit cleared), so at most one record answers to a
 * key. Nothing iterates the index. Only the authorizer's thread touches it; nothing here allocates after
 * construction.
 */
public final class Transactions
{
    public static final int NIL = -1;

    /** Record type: an 0100 authorization (it may hold funds). */
    public static final byte AUTHORIZATION = 1;
    /** Record type: an 0200 purchase, posted at once. */
    public static final byte PURCHASE = 2;
    /** Record type: an 0220 completion, the posting of an authorization's captured amount. */
    public static final byte COMPLETION = 3;
    /** Record type: an 0200 refund, a credit posting that names its original. */
    public static final byte REFUND = 4;
    /** Record type: a reversal whose original was not known when it came. */
    public static final byte UNMATCHED_REVERSAL = 5;

    /** State: the request was declined; nothing moved. */
    public static final byte DECLINED = 1;
    /** State: an authorization whose hold stands. */
    public static final byte HOLDING = 2;
    /** State: an authorization a completion captured; its hold is gone. */
    public static final byte COMPLETED = 3;
    /** State: an authorization whose hold ran out of time and was released. */
    public static final byte EXPIRED = 4;
    /** State: fully reversed; nothing of it stands. */
    public static final byte REVERSED = 5;
    /** State: a posting that (at least partly) stands. */
    public static final byte POSTED = 6;
    /** State: an unmatched reversal, kept to decline its late original. */
    public static final byte UNMATCHED = 7;

    /** Index mask bits: which of a record's keys the map holds for it. */
    public static final int KEY_ORIGINAL = 1;
    public static final int KEY_TERMINAL = 2;
    public static final int KEY_AUTHORIZATION = 4;
    public static final int KEY_RRN = 8;

    private final int capacity;
    private final SlotIndex index;
    private final long[] numbers;
    private final byte[] types;
    private final byte[] states;
    private final byte[] indexMasks;
    private final int[] accountIndexes;
    private final long[] panKeys;
    private final byte[] panLengths;
    private final long[] amountsMinor;
    private final long[] holdsMinor;
    private final long[] postedMinor;
    private final long[] refundedMinor;
    private final long[] authorizationIds;
    private final long[] createdAtNanos;
    private final int[] mtis;
    private final int[] stans;
    private final long[] transmissionTimes;
    private final long[] acquirerIds;
    private final long[] forwardingIds;
    private final long[] terminalIds;
    private final long[] rrnHighs;
    private final int[] rrnLows;
    private final int[] linkedSlots;
    private final long[] linkedNumbers;
    private final int[] transactionCurrencies;
    private final int[] conversionRates;
    private final int[] previous;
    private final int[] next;
    /**
     * Per record, the index hashes of its four keys ({@link #ORIGINAL_HASH} and on), in one block: kept
     * so that evicting a record, or touching the index lines its eviction will need, reads one line
     * instead of recomputing each key from nine columns. Derived from the columns (a snapshot holds none).
     */
    private final long[] keyHashes;
    private static final int HASHES = 4;
    private static final int ORIGINAL_HASH = 0;
    private static final int TERMINAL_HASH = 1;
    private static final int AUTHORIZATION_HASH = 2;
    private static final int RRN_HASH = 3;

    private int used;
    /** Records of type {@link #UNMATCHED_REVERSAL} in the table; derived, so not in the digest. */
    private int unmatchedReversals;
    private int holdingHead = NIL;
    private int holdingTail = NIL;
    private int settledHead = NIL;
    private int settledTail = NIL;
    private long nextNumber = 1;
    private long heldMinor;

    public Transactions(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("transaction capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        // Four keys a record at most.
        index = new SlotIndex(capacity * 4L);
        numbers = new long[capacity];
        types = new byte[capacity];
        states = new byte[capacity];
        indexMasks = new byte[capacity];
        accountIndexes = new int[capacity];
        panKeys = new long[capacity];
        panLengths = new byte[capacity];
        amountsMinor = new long[capacity];
        holdsMinor = new long[capacity];
        postedMinor = new long[capacity];
        refundedMinor = new long[capacity];
        authorizationIds = new long[capacity];
        createdAtNanos = new long[capacity];
        mtis = new int[capacity];
        stans = new int[capacity];
        transmissionTimes = new long[capacity];
        acquirerIds = new long[capacity];
        forwardingIds = new long[capacity];
        terminalIds = new long[capacity];
        rrnHighs = new long[capacity];
        rrnLows = new int[capacity];
        linkedSlots = new int[capacity];
        linkedNumbers = new long[capacity];
        keyHashes = new long[capacity * HASHES];
        transactionCurrencies = new int[capacity];
        conversionRates = new int[capacity];
        previous = new int[capacity];
        next = new int[capacity];
    }

    /** @return whether a new record fits: a slot was never used, or a settled record can be evicted. */
    public boolean hasRoom()
    {
        return used < capacity || settledHead != NIL;
    }

    /**
     * Records a transaction; the caller has checked {@link #hasRoom()}. Amounts start at zero: a hold
     * is placed with {@link #placeHold}, a posting with {@link #posted(int, long)}.
     *
     * @param keys      the identifying fields, stored and indexed.
     * @param indexMask which keys to index ({@code KEY_*} bits).
     * @return the record's slot.
     */
    int create(final byte type, final byte state, final MessageKeys keys, final int indexMask, final int accountIndex,
        final long amountMinor, final long authorizationId, final long createdAt)
    {
        if (!hasRoom())
        {
            throw new IllegalStateException("transaction table full: the caller must check hasRoom()");
        }
        final int slot;
        if (used < capacity)
        {
            slot = used++;
        }
        else
        {
            slot = settledHead;
            if (types[slot] == UNMATCHED_REVERSAL)
            {
                unmatchedReversals--;
            }
            unindex(slot);
            unlink(slot, false);
        }
        if (type == UNMATCHED_REVERSAL)
        {
            unmatchedReversals++;
        }
        numbers[slot] = nextNumber++;
        types[slot] = type;
        states[slot] = state;
        accountIndexes[slot] = accountIndex;
        panKeys[slot] = keys.panKey;
        panLengths[slot] = (byte)keys.panLength;
        amountsMinor[slot] = amountMinor;
        holdsMinor[slot] = 0;
        postedMinor[slot] = 0;
        refundedMinor[slot] = 0;
        authorizationIds[slot] = authorizationId;
        createdAtNanos[slot] = createdAt;
        mtis[slot] = keys.mti;
        stans[slot] = keys.stan;
        transmissionTimes[slot] = keys.transmissionTime;
        acquirerIds[slot] = keys.acquirerId;
        forwardingIds[slot] = keys.forwardingId;
        terminalIds[slot] = keys.terminalId;
        rrnHighs[slot] = keys.rrnHigh;
        rrnLows[slot] = keys.rrnLow;
        linkedSlots[slot] = NIL;
        linkedNumbers[slot] = 0;
        transactionCurrencies[slot] = 0;
        conversionRates[slot] = 0;
        indexMasks[slot] = 0;
        hash(keys);
        final int hashes = slot * HASHES;
        keyHashes[hashes + ORIGINAL_HASH] = keys.originalHash;
        keyHashes[hashes + TERMINAL_HASH] = keys.terminalHash;
        keyHashes[hashes + AUTHORIZATION_HASH] = authorizationKey(authorizationId, keys.panKey);
        keyHashes[hashes + RRN_HASH] = keys.rrnHash;
        append(slot, state == HOLDING);
        index(slot, keys.hasRrn ? indexMask : indexMask & ~KEY_RRN);
        return slot;
    }

    /**
     * Starts loading, together, the index lines that recording a request with these keys will touch: the
     * homes of its original-data, terminal and retrieval keys and, when the table is full, those of the
     * record it would evict. A hint only: it changes nothing.
     *
     * @return a value made of what was read, for the caller to keep so that the loads are not discarded.
     */
    long touch(final MessageKeys keys)
    {
        return touchKeys(keys) ^ touchEvicted(1);
    }

    /**
     * Starts loading the index lines of a request's own original-data, terminal and retrieval keys only
     * ({@link Authorizer#warm}, for several requests at once; {@link #touchEvicted} covers the records they
     * will evict). A hint only: it changes nothing but the keys' cached hashes.
     */
    long touchKeys(final MessageKeys keys)
    {
        hash(keys);
        final long touched = index.touch(keys.originalHash) ^ index.touch(keys.terminalHash);
        return keys.hasRrn ? touched ^ index.touch(keys.rrnHash) : touched;
    }

    /**
     * Starts loading the index lines of the records that the next {@code records} new records would evict:
     * the oldest settled ones, once every slot is used. A hint only: when fewer records are created, or a
     * record settles meanwhile, it has read lines that are not needed, and changed nothing.
     */
    long touchEvicted(final int records)
    {
        long touched = 0;
        int evicted = settledHead;
        for (int created = used; created < used + records && evicted != NIL; created++)
        {
            if (created >= capacity)
            {
                final int mask = indexMasks[evicted];
                final int hashes = evicted * HASHES;
                if ((mask & KEY_ORIGINAL) != 0)
                {
                    touched ^= index.touch(keyHashes[hashes + ORIGINAL_HASH]);
                }
                if ((mask & KEY_TERMINAL) != 0)
                {
                    touched ^= index.touch(keyHashes[hashes + TERMINAL_HASH]);
                }
                if ((mask & KEY_AUTHORIZATION) != 0)
                {
                    touched ^= index.touch(keyHashes[hashes + AUTHORIZATION_HASH]);
                }
                if ((mask & KEY_RRN) != 0)
                {
                    touched ^= index.touch(keyHashes[hashes + RRN_HASH]);
                }
                evicted = next[evicted];
            }
        }
        return touched;
    }

    /** Places the record's hold; it must be HOLDING with none yet. */
    void placeHold(final int slot, final long amountMinor)
    {
        if (states[slot] != HOLDING || holdsMinor[slot] != 0 || amountMinor <= 0)
        {
            throw new IllegalStateException("hold of " + amountMinor + " on record " + numbers[slot] +
                " in state " + states[slot] + " holding " + holdsMinor[slot]);
        }
        holdsMinor[slot] = amountMinor;
        heldMinor += amountMinor;
    }

    /** Releases part or all of the record's hold; releasing more than stands is a double release. */
    void releaseHold(final int slot, final long amountMinor)
    {
        if (states[slot] != HOLDING || amountMinor <= 0 || amountMinor > holdsMinor[slot])
        {
            throw new IllegalStateException("release of " + amountMinor + " on record " + numbers[slot] +
                " in state " + states[slot] + " holding " + holdsMinor[slot] + ": double release");
        }
        holdsMinor[slot] -= amountMinor;
        heldMinor -= amountMinor;
    }

    /**
     * Moves a record to another state; a record leaving HOLDING must have released its hold, and moves
     * to the tail of the settled list.
     */
    void state(final int slot, final byte state)
    {
        final byte from = states[slot];
        if (from == HOLDING && state != HOLDING)
        {
            if (holdsMinor[slot] != 0)
            {
                throw new IllegalStateException("record " + numbers[slot] + " leaves its hold of " +
                    holdsMinor[slot] + " unreleased");
            }
            unlink(slot, true);
            append(slot, false);
        }
        else if (from != HOLDING && state == HOLDING)
        {
            throw new IllegalStateException("record " + numbers[slot] + " cannot hold again");
        }
        states[slot] = state;
    }

    void posted(final int slot, final long amountMinor)
    {
        postedMinor[slot] = amountMinor;
    }

    void refunded(final int slot, final long amountMinor)
    {
        refundedMinor[slot] = amountMinor;
    }

    /**
     * Records that the request was in another currency than the account's, converted at {@code rate}
     * (field 10's form): its amounts are in the account's currency, and a completion or partial reversal
     * in the request's currency converts at the same rate.
     */
    void conversion(final int slot, final int transactionCurrency, final int rate)
    {
        transactionCurrencies[slot] = transactionCurrency;
        conversionRates[slot] = rate;
    }

    /** @return the currency of the request that created the record when it was converted, else 0. */
    public int transactionCurrency(final int slot)
    {
        return transactionCurrencies[slot];
    }

    /** @return the rate the record's request was converted at, 0 when it was in the account's currency. */
    public int conversionRate(final int slot)
    {
        return conversionRates[slot];
    }

    /** Links a record to another (a refund to its original, a completion to its authorization). */
    void link(final int slot, final int linkedSlot, final long linkedNumber)
    {
        linkedSlots[slot] = linkedSlot;
        linkedNumbers[slot] = linkedNumber;
    }

    /** @return the record's creation number: a slot holds another record once this one is evicted. */
    long number(final int slot)
    {
        return numbers[slot];
    }

    /** @return the linked record's slot, or {@link #NIL} when none or when it has been evicted since. */
    public int linked(final int slot)
    {
        final int linkedSlot = linkedSlots[slot];
        return linkedSlot != NIL && numbers[linkedSlot] == linkedNumbers[slot] ? linkedSlot : NIL;
    }

    /**
     * @return whether any remembered reversal still waits for its original: when none does, a new
     * request cannot be one that was reversed before it arrived, and two index lookups are saved.
     */
    boolean hasUnmatchedReversals()
    {
        return unmatchedReversals > 0;
    }

    /** @return the record an original-data key (field 90's elements) names, or {@link #NIL}. */
    int findByOriginal(final MessageKeys keys)
    {
        hash(keys);
        final long key = keys.originalHash;
        for (int at = index.next(key, index.home(key)); at != SlotIndex.NONE; at = index.next(key, at + 1))
        {
            final int slot = index.slotAt(at);
            if ((indexMasks[slot] & KEY_ORIGINAL) != 0 && mtis[slot] == keys.mti && stans[slot] == keys.stan &&
                transmissionTimes[slot] == keys.transmissionTime && acquirerIds[slot] == keys.acquirerId &&
                forwardingIds[slot] == keys.forwardingId)
            {
                return slot;
            }
        }
        return NIL;
    }

    /** @return the record with this STAN, terminal and transmission time, or {@link #NIL}. */
    int findByTerminal(final MessageKeys keys)
    {
        hash(keys);
        final long key = keys.terminalHash;
        for (int at = index.next(key, index.home(key)); at != SlotIndex.NONE; at = index.next(key, at + 1))
        {
            final int slot = index.slotAt(at);
            if ((indexMasks[slot] & KEY_TERMINAL) != 0 && stans[slot] == keys.stan &&
                terminalIds[slot] == keys.terminalId && transmissionTimes[slot] == keys.transmissionTime)
            {
                return slot;
            }
        }
        return NIL;
    }

    /** @return the authorization with this id on this PAN, or {@link #NIL}. */
    int findByAuthorization(final long authorizationId, final long panKey, final int panLength)
    {
        final long key = authorizationKey(authorizationId, panKey);
        for (int at = index.next(key, index.home(key)); at != SlotIndex.NONE; at = index.next(key, at + 1))
        {
            final int slot = index.slotAt(at);
            if ((indexMasks[slot] & KEY_AUTHORIZATION) != 0 && authorizationIds[slot] == authorizationId &&
                panKeys[slot] == panKey)
            {
                // The one record holding this key: its PAN length must match too.
                return panLengths[slot] == panLength ? slot : NIL;
            }
        }
        return NIL;
    }

    /** @return the newest record with this retrieval reference, or {@link #NIL}. */
    int findByRrn(final long rrnHigh, final int rrnLow)
    {
        final long key = rrnKey(rrnHigh, rrnLow);
        for (int at = index.next(key, index.home(key)); at != SlotIndex.NONE; at = index.next(key, at + 1))
        {
            final int slot = index.slotAt(at);
            if ((indexMasks[slot] & KEY_RRN) != 0 && rrnHighs[slot] == rrnHigh && rrnLows[slot] == rrnLow)
            {
                return slot;
            }
        }
        return NIL;
    }

    /** @return the oldest record with an open hold (the next to expire), or {@link #NIL}. */
    int oldestHolding()
    {
        return holdingHead;
    }

    private void index(final int slot, final int mask)
    {
        final int hashes = slot * HASHES;
        if ((mask & KEY_ORIGINAL) != 0)
        {
            put(slot, keyHashes[hashes + ORIGINAL_HASH], KEY_ORIGINAL);
        }
        if ((mask & KEY_TERMINAL) != 0)
        {
            put(slot, keyHashes[hashes + TERMINAL_HASH], KEY_TERMINAL);
        }
        if ((mask & KEY_AUTHORIZATION) != 0)
        {
            put(slot, keyHashes[hashes + AUTHORIZATION_HASH], KEY_AUTHORIZATION);
        }
        if ((mask & KEY_RRN) != 0)
        {
            put(slot, keyHashes[hashes + RRN_HASH], KEY_RRN);
        }
    }

    /** Computes the index hashes of a message's keys once per read of them ({@link MessageKeys#hashed}). */
    private static void hash(final MessageKeys keys)
    {
        if (!keys.hashed)
        {
            keys.originalHash = originalKey(keys.mti, keys.stan, keys.transmissionTime, keys.acquirerId,
                keys.forwardingId);
            keys.terminalHash = terminalKey(keys.stan, keys.terminalId, keys.transmissionTime);
            keys.rrnHash = rrnKey(keys.rrnHigh, keys.rrnLow);
            keys.hashed = true;
        }
    }

    /** Recomputes a record's key hashes from its columns (after a snapshot is read). */
    private void rehash(final int slot)
    {
        final int hashes = slot * HASHES;
        keyHashes[hashes + ORIGINAL_HASH] = originalKey(mtis[slot], stans[slot], transmissionTimes[slot],
            acquirerIds[slot], forwardingIds[slot]);
        keyHashes[hashes + TERMINAL_HASH] = terminalKey(stans[slot], terminalIds[slot], transmissionTimes[slot]);
        keyHashes[hashes + AUTHORIZATION_HASH] = authorizationKey(authorizationIds[slot], panKeys[slot]);
        keyHashes[hashes + RRN_HASH] = rrnKey(rrnHighs[slot], rrnLows[slot]);
    }

    /**
     * Indexes one key of the record in {@code slot}; the record that held the same key before (same
     * fields) no longer answers to it, and its entry now names {@code slot}.
     */
    private void put(final int slot, final long key, final int bit)
    {
        for (int at = index.next(key, index.home(key)); at != SlotIndex.NONE; at = index.next(key, at + 1))
        {
            final int holder = index.slotAt(at);
            if ((indexMasks[holder] & bit) != 0 && sameKey(holder, slot, bit))
            {
                indexMasks[holder] &= (byte)~bit;
                index.replace(at, slot);
                indexMasks[slot] |= (byte)bit;
                return;
            }
        }
        index.insert(key, slot);
        indexMasks[slot] |= (byte)bit;
    }

    /** @return whether two records have the same fields for the key {@code bit}. */
    private boolean sameKey(final int a, final int b, final int bit)
    {
        switch (bit)
        {
            case KEY_ORIGINAL:
                return mtis[a] == mtis[b] && stans[a] == stans[b] && transmissionTimes[a] == transmissionTimes[b] &&
                    acquirerIds[a] == acquirerIds[b] && forwardingIds[a] == forwardingIds[b];
            case KEY_TERMINAL:
                return stans[a] == stans[b] && terminalIds[a] == terminalIds[b] &&
                    transmissionTimes[a] == transmissionTimes[b];
            case KEY_AUTHORIZATION:
                return authorizationIds[a] == authorizationIds[b] && panKeys[a] == panKeys[b];
            default:
                return rrnHighs[a] == rrnHighs[b] && rrnLows[a] == rrnLows[b];
        }
    }

    private void unindex(final int slot)
    {
        final int mask = indexMasks[slot];
        final int hashes = slot * HASHES;
        if ((mask & KEY_ORIGINAL) != 0)
        {
            index.remove(keyHashes[hashes + ORIGINAL_HASH], slot);
        }
        if ((mask & KEY_TERMINAL) != 0)
        {
            index.remove(keyHashes[hashes + TERMINAL_HASH], slot);
        }
        if ((mask & KEY_AUTHORIZATION) != 0)
        {
            index.remove(keyHashes[hashes + AUTHORIZATION_HASH], slot);
        }
        if ((mask & KEY_RRN) != 0)
        {
            index.remove(keyHashes[hashes + RRN_HASH], slot);
        }
        indexMasks[slot] = 0;
    }

    private void append(final int slot, final boolean holding)
    {
        final int tail = holding ? holdingTail : settledTail;
        previous[slot] = tail;
        next[slot] = NIL;
        if (tail == NIL)
        {
            if (holding)
            {
                holdingHead = slot;
            }
            else
            {
                settledHead = slot;
            }
        }
        else
        {
            next[tail] = slot;
        }
        if (holding)
        {
            holdingTail = slot;
        }
        else
        {
            settledTail = slot;
        }
    }

    private void unlink(final int slot, final boolean holding)
    {
        final int before = previous[slot];
        final int after = next[slot];
        if (before == NIL)
        {
            if (holding)
            {
                holdingHead = after;
            }
            else
            {
                settledHead = after;
            }
        }
        else
        {
            next[before] = after;
        }
        if (after == NIL)
        {
            if (holding)
            {
                holdingTail = before;
            }
            else
            {
                settledTail = before;
            }
        }
        else
        {
            previous[after] = before;
        }
        previous[slot] = NIL;
        next[slot] = NIL;
    }

    private static long originalKey(final int mti, final int stan, final long time, final long acquirer,
        final long forwarding)
    {
        final long head = (long)KEY_ORIGINAL << 60 ^ (long)mti << 32 ^ (stan & 0xFFFF_FFFFL);
        return SlotIndex.hash(SlotIndex.hash(SlotIndex.hash(head, time), acquirer), forwarding);
    }

    private static long terminalKey(final int stan, final long terminal, final long time)
    {
        return SlotIndex.hash(SlotIndex.hash((long)KEY_TERMINAL << 60 ^ (stan & 0xFFFF_FFFFL), terminal), time);
    }

    private static long authorizationKey(final long authorizationId, final long panKey)
    {
        return SlotIndex.hash((long)KEY_AUTHORIZATION << 60 ^ authorizationId, panKey);
    }

    private static long rrnKey(final long rrnHigh, final int rrnLow)
    {
        return SlotIndex.hash(rrnHigh, (long)KEY_RRN << 60 ^ rrnLow);
    }

    /** The original-data key as the state digest has always folded it (not the index's hash). */
    private static long digestOriginalKey(final int mti, final int stan, final long time, final long acquirer,
        final long forwarding)
    {
        long hash = StateDigest.mix(KEY_ORIGINAL, mti);
        hash = StateDigest.mix(hash, stan);
        hash = StateDigest.mix(hash, time);
        hash = StateDigest.mix(hash, acquirer);
        return StateDigest.mix(hash, forwarding);
    }

    /** The retrieval reference as the state digest has always folded it (not the index's hash). */
    private static long digestRrnKey(final long rrnHigh, final int rrnLow)
    {
        return StateDigest.mix(StateDigest.mix(KEY_RRN, rrnHigh), rrnLow);
    }

    /** @return the slots in use: records live in slots 0 to {@code used() - 1}. */
    public int used()
    {
        return used;
    }

    public int capacity()
    {
        return capacity;
    }

    /** @return the sum of every record's open hold, kept as holds move. */
    public long heldMinor()
    {
        return heldMinor;
    }

    public byte type(final int slot)
    {
        return types[slot];
    }

    public byte state(final int slot)
    {
        return states[slot];
    }

    public int accountIndex(final int slot)
    {
        return accountIndexes[slot];
    }

    /** @return whether the record was made with this PAN. */
    public boolean samePan(final int slot, final long panKey, final int panLength)
    {
        return panKeys[slot] == panKey && panLengths[slot] == panLength;
    }

    public long amountMinor(final int slot)
    {
        return amountsMinor[slot];
    }

    public long holdMinor(final int slot)
    {
        return holdsMinor[slot];
    }

    /** @return what stands of a posting after reversals (for an authorization: what it captured). */
    public long postedMinor(final int slot)
    {
        return postedMinor[slot];
    }

    /** @return what refunds have credited against a posting. */
    public long refundedMinor(final int slot)
    {
        return refundedMinor[slot];
    }

    public long authorizationId(final int slot)
    {
        return authorizationIds[slot];
    }

    public long createdAtNanos(final int slot)
    {
        return createdAtNanos[slot];
    }

    /** Adds the table's state to a digest: every record in slot order, then the lists' ends. */
    public long digest(final long seed)
    {
        long hash = StateDigest.mix(seed, used);
        for (int i = 0; i < used; i++)
        {
            hash = StateDigest.mix(hash, numbers[i]);
            hash = StateDigest.mix(hash, types[i] << 16 | states[i] << 8 | indexMasks[i]);
            hash = StateDigest.mix(hash, accountIndexes[i]);
            hash = StateDigest.mix(hash, panKeys[i] ^ panLengths[i]);
            hash = StateDigest.mix(hash, amountsMinor[i]);
            hash = StateDigest.mix(hash, holdsMinor[i]);
            hash = StateDigest.mix(hash, postedMinor[i]);
            hash = StateDigest.mix(hash, refundedMinor[i]);
            hash = StateDigest.mix(hash, authorizationIds[i]);
            hash = StateDigest.mix(hash, createdAtNanos[i]);
            hash = StateDigest.mix(hash, digestOriginalKey(mtis[i], stans[i], transmissionTimes[i], acquirerIds[i],
                forwardingIds[i]));
            hash = StateDigest.mix(hash, terminalIds[i]);
            hash = StateDigest.mix(hash, digestRrnKey(rrnHighs[i], rrnLows[i]));
            hash = StateDigest.mix(hash, linkedSlots[i]);
            hash = StateDigest.mix(hash, linkedNumbers[i]);
            hash = StateDigest.mix(hash, (long)transactionCurrencies[i] << 32 | conversionRates[i]);
            hash = StateDigest.mix(hash, (long)previous[i] << 32 | next[i] & 0xFFFF_FFFFL);
        }
        hash = StateDigest.mix(hash, (long)holdingHead << 32 | holdingTail & 0xFFFF_FFFFL);
        hash = StateDigest.mix(hash, (long)settledHead << 32 | settledTail & 0xFFFF_FFFFL);
        hash = StateDigest.mix(hash, nextNumber);
        return StateDigest.mix(hash, heldMinor);
    }

    /** Writes the records in use, with the two lists' ends and the counters, for a snapshot. */
    void writeTo(final SnapshotOutput out)
    {
        out.writeInt(used);
        out.writeInt(unmatchedReversals);
        out.writeInt(holdingHead);
        out.writeInt(holdingTail);
        out.writeInt(settledHead);
        out.writeInt(settledTail);
        out.writeLong(nextNumber);
        out.writeLong(heldMinor);
        for (int i = 0; i < used; i++)
        {
            out.writeLong(numbers[i]);
            out.writeByte(types[i]);
            out.writeByte(states[i]);
            out.writeByte(indexMasks[i]);
            out.writeInt(accountIndexes[i]);
            out.writeLong(panKeys[i]);
            out.writeByte(panLengths[i]);
            out.writeLong(amountsMinor[i]);
            out.writeLong(holdsMinor[i]);
            out.writeLong(postedMinor[i]);
            out.writeLong(refundedMinor[i]);
            out.writeLong(authorizationIds[i]);
            out.writeLong(createdAtNanos[i]);
            out.writeInt(mtis[i]);
            out.writeInt(stans[i]);
            out.writeLong(transmissionTimes[i]);
            out.writeLong(acquirerIds[i]);
            out.writeLong(forwardingIds[i]);
            out.writeLong(terminalIds[i]);
            out.writeLong(rrnHighs[i]);
            out.writeInt(rrnLows[i]);
            out.writeInt(linkedSlots[i]);
            out.writeLong(linkedNumbers[i]);
            out.writeInt(transactionCurrencies[i]);
            out.writeInt(conversionRates[i]);
            out.writeInt(previous[i]);
            out.writeInt(next[i]);
        }
    }

    /**
     * Replaces the records with a snapshot's. The key index is rebuilt from each record's index mask:
     * a key is in the index exactly when the one record holding its bit put it there.
     */
    void readFrom(final SnapshotInput in)
    {
        final int newUsed = in.readCount(capacity, "transactions");
        unmatchedReversals = in.readInt();
        holdingHead = in.readInt();
        holdingTail = in.readInt();
        settledHead = in.readInt();
        settledTail = in.readInt();
        nextNumber = in.readLong();
        heldMinor = in.readLong();
        index.clear();
        for (int i = 0; i < newUsed; i++)
        {
            numbers[i] = in.readLong();
            types[i] = in.readByte();
            states[i] = in.readByte();
            indexMasks[i] = in.readByte();
            accountIndexes[i] = in.readInt();
            panKeys[i] = in.readLong();
            panLengths[i] = in.readByte();
            amountsMinor[i] = in.readLong();
            holdsMinor[i] = in.readLong();
            postedMinor[i] = in.readLong();
            refundedMinor[i] = in.readLong();
            authorizationIds[i] = in.readLong();
            createdAtNanos[i] = in.readLong();
            mtis[i] = in.readInt();
            stans[i] = in.readInt();
            transmissionTimes[i] = in.readLong();
            acquirerIds[i] = in.readLong();
            forwardingIds[i] = in.readLong();
            terminalIds[i] = in.readLong();
            rrnHighs[i] = in.readLong();
            rrnLows[i] = in.readInt();
            linkedSlots[i] = in.readInt();
            linkedNumbers[i] = in.readLong();
            transactionCurrencies[i] = in.readInt();
            conversionRates[i] = in.readInt();
            previous[i] = in.readInt();
            next[i] = in.readInt();
        }
        used = newUsed;
        for (int i = 0; i < newUsed; i++)
        {
            reindex(i);
        }
    }

    private void reindex(final int slot)
    {
        rehash(slot);
        final int mask = indexMasks[slot];
        final int hashes = slot * HASHES;
        if ((mask & KEY_ORIGINAL) != 0)
        {
            index.insert(keyHashes[hashes + ORIGINAL_HASH], slot);
        }
        if ((mask & KEY_TERMINAL) != 0)
        {
            index.insert(keyHashes[hashes + TERMINAL_HASH], slot);
        }
        if ((mask & KEY_AUTHORIZATION) != 0)
        {
            index.insert(keyHashes[hashes + AUTHORIZATION_HASH], slot);
        }
        if ((mask & KEY_RRN) != 0)
        {
            index.insert(keyHashes[hashes + RRN_HASH], slot);
        }
    }
}
