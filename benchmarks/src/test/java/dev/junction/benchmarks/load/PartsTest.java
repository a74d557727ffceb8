package dev.junction.benchmarks.load;

import dev.junction.network.traffic.DemoCards;
import dev.junction.network.traffic.RequestKind;
import dev.junction.network.traffic.TransactionMix;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import dev.junction.core.refdata.DemoData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator's small parts: STAN allocation, the mix, the demo PANs. */
class PartsTest
{
    @Test
    void anOutstandingStanIsNeverHandedOutAgain()
    {
        for (final int offset : new int[] {0, Connection.STAN_STRIDE, 999_998})
        {
            neverHandedOutTwice(new InFlightTable(64, offset));
        }
    }

    /** Two connections of a run share the acquirer id: their STANs must not meet within a long stretch. */
    @Test
    void neighbouringConnectionsWalkDisjointStans()
    {
        final Set<Integer> first = new HashSet<>();
        final Set<Integer> second = new HashSet<>();
        final InFlightTable a = new InFlightTable(64, 0);
        final InFlightTable b = new InFlightTable(64, Connection.STAN_STRIDE);
        for (int i = 0; i < 100_000; i++)
        {
            final int stanA = a.acquire(i, RequestKind.AUTH);
            final int stanB = b.acquire(i, RequestKind.AUTH);
            first.add(stanA);
            second.add(stanB);
            a.release(a.slotOf(stanA));
            b.release(b.slotOf(stanB));
        }
        first.retainAll(second);
        assertTrue(first.isEmpty(), "STANs both connections sent: " + first.size());
    }

    private static void neverHandedOutTwice(final InFlightTable table)
    {
        final Set<Integer> outstanding = new HashSet<>();
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++)
        {
            if (!table.isFull() && (outstanding.isEmpty() || random.nextBoolean()))
            {
                final int stan = table.acquire(i, RequestKind.AUTH);
                assertTrue(stan >= 1 && stan <= 999_999, "six digits: " + stan);
                assertTrue(outstanding.add(stan), "STAN " + stan + " handed out while in flight");
            }
            else
            {
                final int stan = outstanding.iterator().next();
                final int slot = table.slotOf(stan);
                assertTrue(slot >= 0, "outstanding STAN " + stan + " found");
                table.release(slot);
                outstanding.remove(stan);
                assertEquals(-1, table.slotOf(stan), "an answered STAN is no longer outstanding");
            }
        }
    }

    @Test
    void stansWalkTheWholeSixDigitRange()
    {
        final InFlightTable table = new InFlightTable(1);
        int highest = 0;
        for (int i = 0; i < 999_999; i++)
        {
            final int stan = table.acquire(i, RequestKind.ECHO);
            highest = Math.max(highest, stan);
            table.release(table.slotOf(stan));
        }
        assertEquals(999_999, highest);
        assertEquals(1, table.acquire(0, RequestKind.ECHO), "then it wraps to 1");
    }

    @Test
    void theMixDrawsKindsInProportionToTheirWeights()
    {
        final TransactionMix mix = TransactionMix.parse("auth=70, purchase=20,echo=10");
        final SplittableRandom random = new SplittableRandom(1);
        final int[] counts = new int[RequestKind.count()];
        for (int i = 0; i < 100_000; i++)
        {
            counts[mix.draw(random).ordinal()]++;
        }
        assertEquals(70_000, counts[RequestKind.AUTH.ordinal()], 1_000);
        assertEquals(20_000, counts[RequestKind.PURCHASE.ordinal()], 1_000);
        assertEquals(10_000, counts[RequestKind.ECHO.ordinal()], 1_000);
        assertEquals(0, counts[RequestKind.REVERSAL.ordinal()]);
    }

    @Test
    void aMixNamingAKindTwiceOrNoWeightIsRejected()
    {
        assertThrows(IllegalArgumentException.class, () -> TransactionMix.parse("auth=1,auth=2"));
        assertThrows(IllegalArgumentException.class, () -> TransactionMix.parse("auth=0"));
        assertThrows(IllegalArgumentException.class, () -> TransactionMix.parse("auth"));
        assertThrows(IllegalArgumentException.class, () -> TransactionMix.parse("auth=x"));
    }

    @Test
    void demoPansAreTheOnesTheSwitchProvisions()
    {
        for (final int n : new int[] {1, 5, 6, 42, 99_999, 100_000})
        {
            assertEquals(DemoData.pan(n), Long.toString(DemoCards.pan(n)), "card " + n);
        }
    }

    @Test
    void theDeclineCardsAreDrawnOnlyWhenAskedFor()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final DemoCards activeOnly = new DemoCards(10, false);
        final Set<Long> drawn = new HashSet<>();
        for (int i = 0; i < 10_000; i++)
        {
            drawn.add(activeOnly.drawPan(random));
        }
        assertEquals(5, drawn.size(), "cards 6 to 10");
        assertTrue(!drawn.contains(DemoCards.pan(1)) && drawn.contains(DemoCards.pan(6)) && drawn.contains(DemoCards.pan(10)));
        final DemoCards all = new DemoCards(10, true);
        drawn.clear();
        for (int i = 0; i < 10_000; i++)
        {
            drawn.add(all.drawPan(random));
        }
        assertEquals(10, drawn.size());
    }
}
