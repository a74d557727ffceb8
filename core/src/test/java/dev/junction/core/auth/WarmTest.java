package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import dev.junction.core.iso.IsoDecodeStatus;
import dev.junction.core.iso.IsoFields;
import dev.junction.core.pipeline.EventKind;
import dev.junction.core.pipeline.TransactionEvent;
import org.junit.jupiter.api.Test;

/**
 * {@link Authorizer#warm} is a hint: warming the events of a batch before applying them must decide each
 * of them exactly as applying them cold does, even when a hint is stale (a card created, blocked or
 * reached by an admin event inside the same batch) or the pass is given more events than it takes. The
 * pass reads each financial request's keys and applying takes them over, so a request must never be
 * decided on keys read from another one.
 */
class WarmTest
{
    private static final int SEEDS = 40;
    private static final Set<Integer> FINANCIAL = Set.of(100, 200, 220, 221, 400, 401, 420, 421);

    @Test
    void warmedBatchesDecideEveryEventAsColdOnesDo()
    {
        long warmed = 0;
        for (long seed = 1; seed <= SEEDS; seed++)
        {
            final List<LifecyclePropertyTest.Input> inputs = LifecyclePropertyTest.inputs(seed);
            final Authorizer cold = new Authorizer(LifecyclePropertyTest.config());
            final Authorizer warm = new Authorizer(LifecyclePropertyTest.config());
            final TransactionEvent coldEvent = new TransactionEvent(4096);
            final TransactionEvent[] batch = new TransactionEvent[Authorizer.WARM_BATCH + 8];
            for (int i = 0; i < batch.length; i++)
            {
                batch[i] = new TransactionEvent(4096);
            }
            final SplittableRandom random = new SplittableRandom(seed);
            int next = 0;
            while (next < inputs.size())
            {
                // Batches of 1 to WARM_BATCH + 8 events: the last 8 are more than a pass takes.
                final int size = Math.min(inputs.size() - next, 1 + random.nextInt(batch.length));
                warm.warmBegin();
                for (int i = 0; i < size; i++)
                {
                    inputs.get(next + i).into(batch[i], next + i + 1);
                    warm.warmAdd(batch[i]);
                }
                warm.warm();
                for (int i = 0; i < size; i++)
                {
                    final int at = next + i;
                    inputs.get(at).into(coldEvent, at + 1);
                    cold.apply(coldEvent);
                    warm.apply(batch[i]);
                    assertSameDecision(coldEvent.decision(), batch[i].decision(), "seed " + seed + ", input " + at);
                }
                assertEquals(cold.digest(), warm.digest(), "seed " + seed + ", after input " + (next + size - 1));
                next += size;
            }
            warmed += warm.warmedEvents();
            assertEquals(0, cold.warmedEvents(), "seed " + seed);
        }
        assertTrue(warmed > 10_000, "the passes took " + warmed + " events: the test must warm most requests");
    }

    @Test
    void keysReadForAnotherUseOfTheSameSlotAreNotTaken()
    {
        // Each event's slot is first filled with the next input and warmed, then refilled with the input
        // itself and applied without a new pass: the keys the pass read belong to another request (another
        // sequence), and applying must read the request's own.
        for (long seed = 1; seed <= 10; seed++)
        {
            final List<LifecyclePropertyTest.Input> inputs = LifecyclePropertyTest.inputs(seed);
            final Authorizer cold = new Authorizer(LifecyclePropertyTest.config());
            final Authorizer warm = new Authorizer(LifecyclePropertyTest.config());
            final TransactionEvent coldEvent = new TransactionEvent(4096);
            final TransactionEvent slot = new TransactionEvent(4096);
            for (int at = 0; at < inputs.size(); at++)
            {
                warm.warmBegin();
                if (at + 1 < inputs.size())
                {
                    inputs.get(at + 1).into(slot, at + 2);
                    warm.warmAdd(slot);
                    warm.warm();
                }
                inputs.get(at).into(slot, at + 1);
                warm.apply(slot);
                inputs.get(at).into(coldEvent, at + 1);
                cold.apply(coldEvent);
                assertSameDecision(coldEvent.decision(), slot.decision(), "seed " + seed + ", input " + at);
            }
            assertEquals(cold.digest(), warm.digest(), "seed " + seed);
            assertTrue(warm.warmedEvents() > 100, "seed " + seed + ": the passes took " + warm.warmedEvents());
        }
    }

    @Test
    void aPassTakesFinancialRequestsAndAtMostAFullBatch()
    {
        final List<LifecyclePropertyTest.Input> inputs = LifecyclePropertyTest.inputs(7);
        final Authorizer authorizer = new Authorizer(LifecyclePropertyTest.config());
        final TransactionEvent event = new TransactionEvent(4096);
        long financialRequests = 0;
        authorizer.warmBegin();
        for (int i = 0; i < inputs.size(); i++)
        {
            inputs.get(i).into(event, i + 1);
            if (event.kind() == EventKind.REQUEST && event.decodeStatus() == IsoDecodeStatus.OK &&
                event.request().isAddressable() && FINANCIAL.contains(event.request().mti()) &&
                event.request().has(IsoFields.TRANSMISSION_DATE_TIME) && event.request().has(IsoFields.STAN))
            {
                financialRequests++;
            }
            authorizer.warmAdd(event);
            if (authorizer.warmedEvents() % Authorizer.WARM_BATCH == 0)
            {
                authorizer.warm();
                authorizer.warmBegin();
            }
        }
        assertEquals(financialRequests, authorizer.warmedEvents());
        assertTrue(financialRequests < inputs.size(), "the lifecycle holds admin events and other requests");

        final Authorizer full = new Authorizer(LifecyclePropertyTest.config());
        full.warmBegin();
        for (int i = 0; i < inputs.size(); i++)
        {
            inputs.get(i).into(event, i + 1);
            full.warmAdd(event);
        }
        assertEquals(Authorizer.WARM_BATCH, full.warmedEvents(), "one pass takes at most a full batch");
    }

    private static void assertSameDecision(final Decision expected, final Decision actual, final String where)
    {
        assertEquals(expected.responseMti(), actual.responseMti(), where);
        assertEquals(expected.responseCode(), actual.responseCode(), where);
        assertEquals(expected.authorizationId(), actual.authorizationId(), where);
        assertEquals(expected.accountId(), actual.accountId(), where);
        assertEquals(expected.balanceAfterMinor(), actual.balanceAfterMinor(), where);
        assertEquals(expected.holdsAfterMinor(), actual.holdsAfterMinor(), where);
        assertEquals(expected.balanceDeltaMinor(), actual.balanceDeltaMinor(), where);
        assertEquals(expected.holdsDeltaMinor(), actual.holdsDeltaMinor(), where);
        assertEquals(expected.adminResult(), actual.adminResult(), where);
        assertEquals(expected.riskScore(), actual.riskScore(), where);
        assertEquals(expected.isDuplicate(), actual.isDuplicate(), where);
    }
}
