package dev.junction.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import dev.junction.core.pipeline.TransactionEvent;
import org.junit.jupiter.api.Test;

/**
 * {@link Authorizer#warm} is a hint: warming the events of a batch before applying them must decide each
 * of them exactly as applying them cold does, even when a hint is stale (a card created, blocked or
 * reached by an admin event inside the same batch) or the pass is given more events than it takes.
 */
class WarmTest
{
    private static final int SEEDS = 40;

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
    void aPassTakesRequestsWithAPanAndAtMostAFullBatch()
    {
        final List<LifecyclePropertyTest.Input> inputs = LifecyclePropertyTest.inputs(7);
        final Authorizer authorizer = new Authorizer(LifecyclePropertyTest.config());
        final TransactionEvent event = new TransactionEvent(4096);
        long requestsWithPan = 0;
        authorizer.warmBegin();
        for (int i = 0; i < inputs.size(); i++)
        {
            inputs.get(i).into(event, i + 1);
            if (event.kind() == dev.junction.core.pipeline.EventKind.REQUEST &&
                event.decodeStatus() == dev.junction.core.iso.IsoDecodeStatus.OK &&
                event.request().has(dev.junction.core.iso.IsoFields.PAN))
            {
                requestsWithPan++;
            }
            authorizer.warmAdd(event);
            if (authorizer.warmedEvents() % Authorizer.WARM_BATCH == 0)
            {
                authorizer.warm();
                authorizer.warmBegin();
            }
        }
        assertEquals(requestsWithPan, authorizer.warmedEvents());
        assertTrue(requestsWithPan < inputs.size(), "the lifecycle holds admin events and requests without a PAN");

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
