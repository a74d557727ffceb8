package dev.junction.core.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction table keeps each record in one row of longs, several {@code int} and {@code byte} fields
 * sharing a word: every field must read back what was stored whatever its neighbours hold, signs included,
 * and a record must not reach into the next one's row.
 */
class TransactionsRowTest
{
    @Test
    void everyFieldReadsBackBesideNeighboursHoldingTheirExtremes()
    {
        final Transactions table = new Transactions(4);
        // Negative values in the lower halves would spill into the upper halves if a word were packed
        // without masking; the records are written next to each other so that an overlong row would show.
        final MessageKeys first = keys(Integer.MIN_VALUE, -1, Long.MIN_VALUE, Long.MAX_VALUE, -2, -3,
            Long.MIN_VALUE, -1, Long.MAX_VALUE, 19);
        final MessageKeys second = keys(Integer.MAX_VALUE, Integer.MIN_VALUE, -5, -6, Long.MIN_VALUE, -7,
            -8, Integer.MIN_VALUE, -9, 13);
        final int a = table.create(Transactions.AUTHORIZATION, Transactions.HOLDING, first, allKeys(),
            Integer.MAX_VALUE, Long.MAX_VALUE, -11, Long.MIN_VALUE);
        final int b = table.create(Transactions.PURCHASE, Transactions.POSTED, second, allKeys(), -1,
            Long.MIN_VALUE, Long.MAX_VALUE, -12);

        table.placeHold(a, 5);
        table.conversion(a, -1, Integer.MIN_VALUE);
        table.link(a, b, table.number(b));
        table.conversion(b, Integer.MIN_VALUE, -1);
        table.posted(b, -13);
        table.refunded(b, Long.MIN_VALUE);

        assertEquals(1, table.number(a));
        assertEquals(2, table.number(b));
        assertEquals(Transactions.AUTHORIZATION, table.type(a));
        assertEquals(Transactions.HOLDING, table.state(a));
        assertEquals(Integer.MAX_VALUE, table.accountIndex(a));
        assertTrue(table.samePan(a, Long.MAX_VALUE, 19));
        assertEquals(Long.MAX_VALUE, table.amountMinor(a));
        assertEquals(5, table.holdMinor(a));
        assertEquals(-11, table.authorizationId(a));
        assertEquals(Long.MIN_VALUE, table.createdAtNanos(a));
        assertEquals(-1, table.transactionCurrency(a));
        assertEquals(Integer.MIN_VALUE, table.conversionRate(a));
        assertEquals(b, table.linked(a));
        assertEquals(a, table.findByOriginal(first));
        assertEquals(a, table.findByTerminal(first));
        assertEquals(a, table.findByRrn(Long.MIN_VALUE, -1));
        assertEquals(a, table.findByAuthorization(-11, Long.MAX_VALUE, 19));

        assertEquals(Transactions.PURCHASE, table.type(b));
        assertEquals(Transactions.POSTED, table.state(b));
        assertEquals(-1, table.accountIndex(b));
        assertTrue(table.samePan(b, -9, 13));
        assertEquals(Long.MIN_VALUE, table.amountMinor(b));
        assertEquals(-13, table.postedMinor(b));
        assertEquals(Long.MIN_VALUE, table.refundedMinor(b));
        assertEquals(Long.MAX_VALUE, table.authorizationId(b));
        assertEquals(-12, table.createdAtNanos(b));
        assertEquals(Integer.MIN_VALUE, table.transactionCurrency(b));
        assertEquals(-1, table.conversionRate(b));
        assertEquals(Transactions.NIL, table.linked(b));
        assertEquals(b, table.findByOriginal(second));
        assertEquals(b, table.findByTerminal(second));
        assertEquals(b, table.findByRrn(-8, Integer.MIN_VALUE));
        assertEquals(b, table.findByAuthorization(Long.MAX_VALUE, -9, 13));

        // Settling the hold moves the record between lists: its links change, nothing else.
        table.releaseHold(a, 5);
        table.state(a, Transactions.COMPLETED);
        assertEquals(Transactions.COMPLETED, table.state(a));
        assertEquals(Transactions.AUTHORIZATION, table.type(a));
        assertEquals(Integer.MAX_VALUE, table.accountIndex(a));
        assertTrue(table.samePan(a, Long.MAX_VALUE, 19));
        assertEquals(a, table.findByRrn(Long.MIN_VALUE, -1));
        assertEquals(b, table.linked(a));
    }

    @Test
    void aCapacityOverWhatOneArrayAddressesIsRefusedBeforeAnythingIsAllocated()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new Transactions(Transactions.MAX_CAPACITY + 1));
        assertTrue(refused.getMessage().startsWith("transaction capacity " + (Transactions.MAX_CAPACITY + 1) +
            " is over the most a table holds"), refused.getMessage());
    }

    private static int allKeys()
    {
        return Transactions.KEY_ORIGINAL | Transactions.KEY_TERMINAL | Transactions.KEY_AUTHORIZATION |
            Transactions.KEY_RRN;
    }

    private static MessageKeys keys(final int mti, final int stan, final long transmissionTime, final long acquirerId,
        final long forwardingId, final long terminalId, final long rrnHigh, final int rrnLow, final long panKey,
        final int panLength)
    {
        final MessageKeys keys = new MessageKeys();
        keys.mti = mti;
        keys.stan = stan;
        keys.transmissionTime = transmissionTime;
        keys.acquirerId = acquirerId;
        keys.forwardingId = forwardingId;
        keys.terminalId = terminalId;
        keys.hasRrn = true;
        keys.rrnHigh = rrnHigh;
        keys.rrnLow = rrnLow;
        keys.hasPan = true;
        keys.panKey = panKey;
        keys.panLength = panLength;
        return keys;
    }
}
