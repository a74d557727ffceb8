package dev.junction.core.auth;

/**
 * The transactions the authorizer remembers so that later messages can name them: authorizations and
 * their holds (for completions, reversals and expiry), postings (purchases, completions, refunds, for
 * reversals and refunds), declines (so that a refund or reversal of one is recognised), and reversals
 * whose original was unknown (so that the original, arriving late, is declined).
 * <p>
 * A fixed table of {@code capacity} records, one row of longs each, allocated once. Each record sits on
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
    /**
     * The records, one row of {@link #STRIDE} longs each, so that a record is three cache lines rather
     * than one line in each of 28 columns: creating a record over an evicted one, checking a key against
     * a candidate and following the lists touch one to three lines. Field offsets within a row are below;
     * the {@code int} and {@code byte} fields share words. The first line holds what eviction and the
     * lists read (number, links, type and state, the index mask, the key hashes), the second the
     * identifying fields the key lookups compare, the third the amounts.
     */
    private final long[] rows;
    private static final int STRIDE = 24;
    /**
     * Where row 0 starts: the array's elements begin 16 bytes into the object (header and length), so on a
     * 64-byte-aligned array six longs in puts each row on its own three lines. G1 starts an array larger
     * than half a region (every default-sized table) at a region's start.
     */
    private static final int FIRST_ROW = 6;
    /** Largest capacity whose rows one array can address. */
    public static final int MAX_CAPACITY = (Integer.MAX_VALUE - FIRST_ROW - 16) / STRIDE;

    /**
     * The index hashes of the record's four keys ({@link #ORIGINAL_HASH} and on): kept so that evicting
     * a record, or touching the index lines its eviction will need, reads the row's first line instead of
     * recomputing each key from nine fields. Derived from the fields (a snapshot holds none).
     */
    private static final int HASHES_AT = 3;
    private static final int ORIGINAL_HASH = 0;
    private static final int TERMINAL_HASH = 1;
    private static final int AUTHORIZATION_HASH = 2;
    private static final int RRN_HASH = 3;

    /** Word offsets of a record's fields within its row. */
    private static final class Row
    {
        static final int NUMBER = 0;
        /** previous (upper half) and next (lower half) on the record's list. */
        static final int LINKS = 1;
        /** type, state, index mask and PAN length (the upper four bytes, in that order) and the account index. */
        static final int META = 2;
        // Words 3 to 6: the key hashes, from HASHES_AT.
        static final int PAN_KEY = 7;
        /** MTI (upper half) and STAN (lower half). */
        static final int MTI_STAN = 8;
        static final int TRANSMISSION_TIME = 9;
        static final int ACQUIRER_ID = 10;
        static final int FORWARDING_ID = 11;
        static final int TERMINAL_ID = 12;
        static final int RRN_HIGH = 13;
        /** the retrieval reference's low part (upper half) and the linked record's slot (lower half). */
        static final int RRN_LOW_LINKED_SLOT = 14;
        static final int AUTHORIZATION_ID = 15;
        static final int AMOUNT = 16;
        static final int HOLD = 17;
        static final int POSTED = 18;
        static final int REFUNDED = 19;
        static final int CREATED_AT = 20;
        static final int LINKED_NUMBER = 21;
        /** the converted request's currency (upper half) and its rate (lower half). */
        static final int CONVERSION = 22;
    }

    private static final int TYPE_SHIFT = 56;
    private static final int STATE_SHIFT = 48;
    private static final int MASK_SHIFT = 40;
    private static final int PAN_LENGTH_SHIFT = 32;

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
        if (capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("transaction capacity " + capacity +
                " is over the most a table holds, " + MAX_CAPACITY);
        }
        this.capacity = capacity;
        // Four keys a record at most.
        index = new SlotIndex(capacity * 4L);
        rows = new long[FIRST_ROW + capacity * STRIDE];
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
            if (type(slot) == UNMATCHED_REVERSAL)
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
        final int row = row(slot);
        rows[row + Row.NUMBER] = nextNumber++;
        // Whole words: the index mask starts empty, the record is linked to nothing and not converted.
        rows[row + Row.META] = pack(meta(type, state, 0, keys.panLength), accountIndex);
        rows[row + Row.PAN_KEY] = keys.panKey;
        rows[row + Row.MTI_STAN] = pack(keys.mti, keys.stan);
        rows[row + Row.TRANSMISSION_TIME] = keys.transmissionTime;
        rows[row + Row.ACQUIRER_ID] = keys.acquirerId;
        rows[row + Row.FORWARDING_ID] = keys.forwardingId;
        rows[row + Row.TERMINAL_ID] = keys.terminalId;
        rows[row + Row.RRN_HIGH] = keys.rrnHigh;
        rows[row + Row.RRN_LOW_LINKED_SLOT] = pack(keys.rrnLow, NIL);
        rows[row + Row.AUTHORIZATION_ID] = authorizationId;
        rows[row + Row.AMOUNT] = amountMinor;
        rows[row + Row.HOLD] = 0;
        rows[row + Row.POSTED] = 0;
        rows[row + Row.REFUNDED] = 0;
        rows[row + Row.CREATED_AT] = createdAt;
        rows[row + Row.LINKED_NUMBER] = 0;
        rows[row + Row.CONVERSION] = 0;
        hash(keys);
        final int hashes = row + HASHES_AT;
        rows[hashes + ORIGINAL_HASH] = keys.originalHash;
        rows[hashes + TERMINAL_HASH] = keys.terminalHash;
        rows[hashes + AUTHORIZATION_HASH] = authorizationKey(authorizationId, keys.panKey);
        rows[hashes + RRN_HASH] = keys.rrnHash;
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
                final int mask = indexMask(evicted);
                final int hashes = row(evicted) + HASHES_AT;
                if ((mask & KEY_ORIGINAL) != 0)
                {
                    touched ^= index.touch(rows[hashes + ORIGINAL_HASH]);
                }
                if ((mask & KEY_TERMINAL) != 0)
                {
                    touched ^= index.touch(rows[hashes + TERMINAL_HASH]);
                }
                if ((mask & KEY_AUTHORIZATION) != 0)
                {
                    touched ^= index.touch(rows[hashes + AUTHORIZATION_HASH]);
                }
                if ((mask & KEY_RRN) != 0)
                {
                    touched ^= index.touch(rows[hashes + RRN_HASH]);
                }
                evicted = nextOf(evicted);
            }
        }
        return touched;
    }

    /** Places the record's hold; it must be HOLDING with none yet. */
    void placeHold(final int slot, final long amountMinor)
    {
        if (state(slot) != HOLDING || word(slot, Row.HOLD) != 0 || amountMinor <= 0)
        {
            throw new IllegalStateException("hold of " + amountMinor + " on record " + word(slot, Row.NUMBER) +
                " in state " + state(slot) + " holding " + word(slot, Row.HOLD));
        }
        word(slot, Row.HOLD, amountMinor);
        heldMinor += amountMinor;
    }

    /** Releases part or all of the record's hold; releasing more than stands is a double release. */
    void releaseHold(final int slot, final long amountMinor)
    {
        if (state(slot) != HOLDING || amountMinor <= 0 || amountMinor > word(slot, Row.HOLD))
        {
            throw new IllegalStateException("release of " + amountMinor + " on record " + word(slot, Row.NUMBER) +
                " in state " + state(slot) + " holding " + word(slot, Row.HOLD) + ": double release");
        }
        word(slot, Row.HOLD, word(slot, Row.HOLD) - amountMinor);
        heldMinor -= amountMinor;
    }

    /**
     * Moves a record to another state; a record leaving HOLDING must have released its hold, and moves
     * to the tail of the settled list.
     */
    void state(final int slot, final byte state)
    {
        final byte from = state(slot);
        if (from == HOLDING && state != HOLDING)
        {
            if (word(slot, Row.HOLD) != 0)
            {
                throw new IllegalStateException("record " + word(slot, Row.NUMBER) + " leaves its hold of " +
                    word(slot, Row.HOLD) + " unreleased");
            }
            unlink(slot, true);
            append(slot, false);
        }
        else if (from != HOLDING && state == HOLDING)
        {
            throw new IllegalStateException("record " + word(slot, Row.NUMBER) + " cannot hold again");
        }
        storeState(slot, state);
    }

    void posted(final int slot, final long amountMinor)
    {
        word(slot, Row.POSTED, amountMinor);
    }

    void refunded(final int slot, final long amountMinor)
    {
        word(slot, Row.REFUNDED, amountMinor);
    }

    /**
     * Records that the request was in another currency than the account's, converted at {@code rate}
     * (field 10's form): its amounts are in the account's currency, and a completion or partial reversal
     * in the request's currency converts at the same rate.
     */
    void conversion(final int slot, final int transactionCurrency, final int rate)
    {
        transactionCurrency(slot, transactionCurrency);
        conversionRate(slot, rate);
    }

    /** @return the currency of the request that created the record when it was converted, else 0. */
    public int transactionCurrency(final int slot)
    {
        return upper(slot, Row.CONVERSION);
    }

    /** @return the rate the record's request was converted at, 0 when it was in the account's currency. */
    public int conversionRate(final int slot)
    {
        return lower(slot, Row.CONVERSION);
    }

    /** Links a record to another (a refund to its original, a completion to its authorization). */
    void link(final int slot, final int linkedSlot, final long linkedNumber)
    {
        linkedSlot(slot, linkedSlot);
        word(slot, Row.LINKED_NUMBER, linkedNumber);
    }

    /** @return the record's creation number: a slot holds another record once this one is evicted. */
    long number(final int slot)
    {
        return word(slot, Row.NUMBER);
    }

    /** @return the linked record's slot, or {@link #NIL} when none or when it has been evicted since. */
    public int linked(final int slot)
    {
        final int linkedSlot = linkedSlot(slot);
        return linkedSlot != NIL && word(linkedSlot, Row.NUMBER) == word(slot, Row.LINKED_NUMBER) ? linkedSlot : NIL;
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
            if ((indexMask(slot) & KEY_ORIGINAL) != 0 && word(slot, Row.MTI_STAN) == pack(keys.mti, keys.stan) &&
                word(slot, Row.TRANSMISSION_TIME) == keys.transmissionTime &&
                word(slot, Row.ACQUIRER_ID) == keys.acquirerId && word(slot, Row.FORWARDING_ID) == keys.forwardingId)
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
            if ((indexMask(slot) & KEY_TERMINAL) != 0 && stan(slot) == keys.stan &&
                word(slot, Row.TERMINAL_ID) == keys.terminalId &&
                word(slot, Row.TRANSMISSION_TIME) == keys.transmissionTime)
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
            if ((indexMask(slot) & KEY_AUTHORIZATION) != 0 && word(slot, Row.AUTHORIZATION_ID) == authorizationId &&
                word(slot, Row.PAN_KEY) == panKey)
            {
                // The one record holding this key: its PAN length must match too.
                return panLength(slot) == panLength ? slot : NIL;
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
            if ((indexMask(slot) & KEY_RRN) != 0 && word(slot, Row.RRN_HIGH) == rrnHigh && rrnLow(slot) == rrnLow)
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
        final int hashes = row(slot) + HASHES_AT;
        if ((mask & KEY_ORIGINAL) != 0)
        {
            put(slot, rows[hashes + ORIGINAL_HASH], KEY_ORIGINAL);
        }
        if ((mask & KEY_TERMINAL) != 0)
        {
            put(slot, rows[hashes + TERMINAL_HASH], KEY_TERMINAL);
        }
        if ((mask & KEY_AUTHORIZATION) != 0)
        {
            put(slot, rows[hashes + AUTHORIZATION_HASH], KEY_AUTHORIZATION);
        }
        if ((mask & KEY_RRN) != 0)
        {
            put(slot, rows[hashes + RRN_HASH], KEY_RRN);
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

    /** Recomputes a record's key hashes from its fields (after a snapshot is read). */
    private void rehash(final int slot)
    {
        final int hashes = row(slot) + HASHES_AT;
        rows[hashes + ORIGINAL_HASH] = originalKey(mti(slot), stan(slot), word(slot, Row.TRANSMISSION_TIME),
            word(slot, Row.ACQUIRER_ID), word(slot, Row.FORWARDING_ID));
        rows[hashes + TERMINAL_HASH] = terminalKey(stan(slot), word(slot, Row.TERMINAL_ID),
            word(slot, Row.TRANSMISSION_TIME));
        rows[hashes + AUTHORIZATION_HASH] = authorizationKey(word(slot, Row.AUTHORIZATION_ID), word(slot, Row.PAN_KEY));
        rows[hashes + RRN_HASH] = rrnKey(word(slot, Row.RRN_HIGH), rrnLow(slot));
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
            if ((indexMask(holder) & bit) != 0 && sameKey(holder, slot, bit))
            {
                indexMask(holder, indexMask(holder) & ~bit);
                index.replace(at, slot);
                indexMask(slot, indexMask(slot) | bit);
                return;
            }
        }
        index.insert(key, slot);
        indexMask(slot, indexMask(slot) | bit);
    }

    /** @return whether two records have the same fields for the key {@code bit}. */
    private boolean sameKey(final int a, final int b, final int bit)
    {
        switch (bit)
        {
            case KEY_ORIGINAL:
                return sameWord(a, b, Row.MTI_STAN) && sameWord(a, b, Row.TRANSMISSION_TIME) &&
                    sameWord(a, b, Row.ACQUIRER_ID) && sameWord(a, b, Row.FORWARDING_ID);
            case KEY_TERMINAL:
                return stan(a) == stan(b) && sameWord(a, b, Row.TERMINAL_ID) && sameWord(a, b, Row.TRANSMISSION_TIME);
            case KEY_AUTHORIZATION:
                return sameWord(a, b, Row.AUTHORIZATION_ID) && sameWord(a, b, Row.PAN_KEY);
            default:
                return sameWord(a, b, Row.RRN_HIGH) && rrnLow(a) == rrnLow(b);
        }
    }

    private void unindex(final int slot)
    {
        final int mask = indexMask(slot);
        final int hashes = row(slot) + HASHES_AT;
        if ((mask & KEY_ORIGINAL) != 0)
        {
            index.remove(rows[hashes + ORIGINAL_HASH], slot);
        }
        if ((mask & KEY_TERMINAL) != 0)
        {
            index.remove(rows[hashes + TERMINAL_HASH], slot);
        }
        if ((mask & KEY_AUTHORIZATION) != 0)
        {
            index.remove(rows[hashes + AUTHORIZATION_HASH], slot);
        }
        if ((mask & KEY_RRN) != 0)
        {
            index.remove(rows[hashes + RRN_HASH], slot);
        }
        indexMask(slot, 0);
    }

    private void append(final int slot, final boolean holding)
    {
        final int tail = holding ? holdingTail : settledTail;
        word(slot, Row.LINKS, pack(tail, NIL));
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
            next(tail, slot);
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
        final int before = previousOf(slot);
        final int after = nextOf(slot);
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
            next(before, after);
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
            previous(after, before);
        }
        word(slot, Row.LINKS, pack(NIL, NIL));
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
        return metaByte(slot, TYPE_SHIFT);
    }

    public byte state(final int slot)
    {
        return metaByte(slot, STATE_SHIFT);
    }

    public int accountIndex(final int slot)
    {
        return lower(slot, Row.META);
    }

    /** @return whether the record was made with this PAN. */
    public boolean samePan(final int slot, final long panKey, final int panLength)
    {
        return word(slot, Row.PAN_KEY) == panKey && panLength(slot) == panLength;
    }

    public long amountMinor(final int slot)
    {
        return word(slot, Row.AMOUNT);
    }

    public long holdMinor(final int slot)
    {
        return word(slot, Row.HOLD);
    }

    /** @return what stands of a posting after reversals (for an authorization: what it captured). */
    public long postedMinor(final int slot)
    {
        return word(slot, Row.POSTED);
    }

    /** @return what refunds have credited against a posting. */
    public long refundedMinor(final int slot)
    {
        return word(slot, Row.REFUNDED);
    }

    public long authorizationId(final int slot)
    {
        return word(slot, Row.AUTHORIZATION_ID);
    }

    public long createdAtNanos(final int slot)
    {
        return word(slot, Row.CREATED_AT);
    }

    /** Adds the table's state to a digest: every record in slot order, then the lists' ends. */
    public long digest(final long seed)
    {
        long hash = StateDigest.mix(seed, used);
        for (int i = 0; i < used; i++)
        {
            hash = StateDigest.mix(hash, word(i, Row.NUMBER));
            hash = StateDigest.mix(hash, type(i) << 16 | state(i) << 8 | indexMask(i));
            hash = StateDigest.mix(hash, accountIndex(i));
            hash = StateDigest.mix(hash, word(i, Row.PAN_KEY) ^ panLength(i));
            hash = StateDigest.mix(hash, word(i, Row.AMOUNT));
            hash = StateDigest.mix(hash, word(i, Row.HOLD));
            hash = StateDigest.mix(hash, word(i, Row.POSTED));
            hash = StateDigest.mix(hash, word(i, Row.REFUNDED));
            hash = StateDigest.mix(hash, word(i, Row.AUTHORIZATION_ID));
            hash = StateDigest.mix(hash, word(i, Row.CREATED_AT));
            hash = StateDigest.mix(hash, digestOriginalKey(mti(i), stan(i), word(i, Row.TRANSMISSION_TIME),
                word(i, Row.ACQUIRER_ID), word(i, Row.FORWARDING_ID)));
            hash = StateDigest.mix(hash, word(i, Row.TERMINAL_ID));
            hash = StateDigest.mix(hash, digestRrnKey(word(i, Row.RRN_HIGH), rrnLow(i)));
            hash = StateDigest.mix(hash, linkedSlot(i));
            hash = StateDigest.mix(hash, word(i, Row.LINKED_NUMBER));
            hash = StateDigest.mix(hash, (long)transactionCurrency(i) << 32 | conversionRate(i));
            hash = StateDigest.mix(hash, (long)previousOf(i) << 32 | nextOf(i) & 0xFFFF_FFFFL);
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
            out.writeLong(word(i, Row.NUMBER));
            out.writeByte(type(i));
            out.writeByte(state(i));
            out.writeByte(indexMask(i));
            out.writeInt(accountIndex(i));
            out.writeLong(word(i, Row.PAN_KEY));
            out.writeByte(panLength(i));
            out.writeLong(word(i, Row.AMOUNT));
            out.writeLong(word(i, Row.HOLD));
            out.writeLong(word(i, Row.POSTED));
            out.writeLong(word(i, Row.REFUNDED));
            out.writeLong(word(i, Row.AUTHORIZATION_ID));
            out.writeLong(word(i, Row.CREATED_AT));
            out.writeInt(mti(i));
            out.writeInt(stan(i));
            out.writeLong(word(i, Row.TRANSMISSION_TIME));
            out.writeLong(word(i, Row.ACQUIRER_ID));
            out.writeLong(word(i, Row.FORWARDING_ID));
            out.writeLong(word(i, Row.TERMINAL_ID));
            out.writeLong(word(i, Row.RRN_HIGH));
            out.writeInt(rrnLow(i));
            out.writeInt(linkedSlot(i));
            out.writeLong(word(i, Row.LINKED_NUMBER));
            out.writeInt(transactionCurrency(i));
            out.writeInt(conversionRate(i));
            out.writeInt(previousOf(i));
            out.writeInt(nextOf(i));
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
            // The snapshot's field order, written into the row's words whole.
            final int row = row(i);
            rows[row + Row.NUMBER] = in.readLong();
            final byte type = in.readByte();
            final byte state = in.readByte();
            final byte indexMask = in.readByte();
            final int accountIndex = in.readInt();
            rows[row + Row.PAN_KEY] = in.readLong();
            rows[row + Row.META] = pack(meta(type, state, indexMask, in.readByte()), accountIndex);
            word(i, Row.AMOUNT, in.readLong());
            word(i, Row.HOLD, in.readLong());
            word(i, Row.POSTED, in.readLong());
            word(i, Row.REFUNDED, in.readLong());
            word(i, Row.AUTHORIZATION_ID, in.readLong());
            word(i, Row.CREATED_AT, in.readLong());
            final int mti = in.readInt();
            rows[row + Row.MTI_STAN] = pack(mti, in.readInt());
            word(i, Row.TRANSMISSION_TIME, in.readLong());
            word(i, Row.ACQUIRER_ID, in.readLong());
            word(i, Row.FORWARDING_ID, in.readLong());
            word(i, Row.TERMINAL_ID, in.readLong());
            word(i, Row.RRN_HIGH, in.readLong());
            final int rrnLow = in.readInt();
            rows[row + Row.RRN_LOW_LINKED_SLOT] = pack(rrnLow, in.readInt());
            word(i, Row.LINKED_NUMBER, in.readLong());
            final int transactionCurrency = in.readInt();
            rows[row + Row.CONVERSION] = pack(transactionCurrency, in.readInt());
            final int previous = in.readInt();
            rows[row + Row.LINKS] = pack(previous, in.readInt());
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
        final int mask = indexMask(slot);
        final int hashes = row(slot) + HASHES_AT;
        if ((mask & KEY_ORIGINAL) != 0)
        {
            index.insert(rows[hashes + ORIGINAL_HASH], slot);
        }
        if ((mask & KEY_TERMINAL) != 0)
        {
            index.insert(rows[hashes + TERMINAL_HASH], slot);
        }
        if ((mask & KEY_AUTHORIZATION) != 0)
        {
            index.insert(rows[hashes + AUTHORIZATION_HASH], slot);
        }
        if ((mask & KEY_RRN) != 0)
        {
            index.insert(rows[hashes + RRN_HASH], slot);
        }
    }

    private static int row(final int slot)
    {
        return FIRST_ROW + slot * STRIDE;
    }

    private long word(final int slot, final int field)
    {
        return rows[row(slot) + field];
    }

    private void word(final int slot, final int field, final long value)
    {
        rows[row(slot) + field] = value;
    }

    private boolean sameWord(final int a, final int b, final int field)
    {
        return rows[row(a) + field] == rows[row(b) + field];
    }

    /** The upper half of {@link Row#META}: type, state, index mask and PAN length, a byte each. */
    private static int meta(final int type, final int state, final int indexMask, final int panLength)
    {
        return (type & 0xFF) << 24 | (state & 0xFF) << 16 | (indexMask & 0xFF) << 8 | panLength & 0xFF;
    }

    private static long pack(final int upper, final int lower)
    {
        return (long)upper << 32 | lower & 0xFFFF_FFFFL;
    }

    private int upper(final int slot, final int field)
    {
        return (int)(rows[row(slot) + field] >>> 32);
    }

    private int lower(final int slot, final int field)
    {
        return (int)rows[row(slot) + field];
    }

    private void upper(final int slot, final int field, final int value)
    {
        final int at = row(slot) + field;
        rows[at] = rows[at] & 0xFFFF_FFFFL | (long)value << 32;
    }

    private void lower(final int slot, final int field, final int value)
    {
        final int at = row(slot) + field;
        rows[at] = rows[at] & 0xFFFF_FFFF_0000_0000L | value & 0xFFFF_FFFFL;
    }

    private byte metaByte(final int slot, final int shift)
    {
        return (byte)(word(slot, Row.META) >>> shift);
    }

    private void metaByte(final int slot, final int shift, final int value)
    {
        final int at = row(slot) + Row.META;
        rows[at] = rows[at] & ~(0xFFL << shift) | (value & 0xFFL) << shift;
    }

    private void storeState(final int slot, final byte state)
    {
        metaByte(slot, STATE_SHIFT, state);
    }

    private byte indexMask(final int slot)
    {
        return metaByte(slot, MASK_SHIFT);
    }

    private void indexMask(final int slot, final int mask)
    {
        metaByte(slot, MASK_SHIFT, mask);
    }

    private byte panLength(final int slot)
    {
        return metaByte(slot, PAN_LENGTH_SHIFT);
    }

    private int mti(final int slot)
    {
        return upper(slot, Row.MTI_STAN);
    }

    private int stan(final int slot)
    {
        return lower(slot, Row.MTI_STAN);
    }

    private int rrnLow(final int slot)
    {
        return upper(slot, Row.RRN_LOW_LINKED_SLOT);
    }

    private int linkedSlot(final int slot)
    {
        return lower(slot, Row.RRN_LOW_LINKED_SLOT);
    }

    private void linkedSlot(final int slot, final int linkedSlot)
    {
        lower(slot, Row.RRN_LOW_LINKED_SLOT, linkedSlot);
    }

    private void transactionCurrency(final int slot, final int currency)
    {
        upper(slot, Row.CONVERSION, currency);
    }

    private void conversionRate(final int slot, final int rate)
    {
        lower(slot, Row.CONVERSION, rate);
    }

    private int previousOf(final int slot)
    {
        return upper(slot, Row.LINKS);
    }

    private void previous(final int slot, final int previous)
    {
        upper(slot, Row.LINKS, previous);
    }

    private int nextOf(final int slot)
    {
        return lower(slot, Row.LINKS);
    }

    private void next(final int slot, final int next)
    {
        lower(slot, Row.LINKS, next);
    }
}
