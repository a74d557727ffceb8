package dev.junction.core.auth;

import static dev.junction.core.auth.Lifecycle.CARD;
import static dev.junction.core.auth.Lifecycle.DAY_NANOS;
import static dev.junction.core.auth.Lifecycle.HOUR_NANOS;
import static dev.junction.core.auth.Lifecycle.authorization;
import static dev.junction.core.auth.Lifecycle.completion;
import static dev.junction.core.auth.Lifecycle.reversal;
import static dev.junction.core.pipeline.TestRequest.NOW_EPOCH_NANOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.junction.core.pipeline.EventKind;
import org.junit.jupiter.api.Test;

/** Holds expire after the configured lifetime (7 days here), on journaled time, oldest first. */
class HoldExpiryTest
{
    private final Lifecycle lifecycle = new Lifecycle();

    @Test
    void aTickAtTheEndOfTheHoldsLifetimeReleasesIt()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        final Decision decision = lifecycle.tick(NOW_EPOCH_NANOS + 7 * DAY_NANOS);

        assertEquals(0, lifecycle.holds(1));
        assertEquals(2_500, decision.expiredHoldsMinor());
        assertEquals(0, decision.holdsDeltaMinor());
        assertFalse(decision.hasResponse());
    }

    @Test
    void aTickBeforeTheEndOfTheHoldsLifetimeReleasesNothing()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));

        lifecycle.tick(NOW_EPOCH_NANOS + 7 * DAY_NANOS - 1);

        assertEquals(2_500, lifecycle.holds(1));
    }

    @Test
    void holdsExpireOldestFirstEachAtItsOwnTime()
    {
        lifecycle.send(authorization(CARD, 1_000, 1));
        lifecycle.send(authorization(CARD, 2_000, 2), NOW_EPOCH_NANOS + HOUR_NANOS);

        lifecycle.tick(NOW_EPOCH_NANOS + 7 * DAY_NANOS);
        assertEquals(2_000, lifecycle.holds(1));

        lifecycle.tick(NOW_EPOCH_NANOS + 7 * DAY_NANOS + HOUR_NANOS);
        assertEquals(0, lifecycle.holds(1));
    }

    @Test
    void aHoldPastItsLifetimeIsReleasedWhenARequestArrivesEvenWithoutATick()
    {
        final long authorizationId = lifecycle.send(authorization(CARD, 2_500, 1)).authorizationId();

        final Decision decision = lifecycle.send(completion(CARD, 2_500, 2, authorizationId),
            NOW_EPOCH_NANOS + 8 * DAY_NANOS);

        assertEquals(ResponseCodes.INVALID_TRANSACTION, decision.responseCode());
        assertEquals(0, lifecycle.holds(1));
        assertEquals(10_000, lifecycle.balance(1));
    }

    @Test
    void aReversalOfAnExpiredAuthorizationAnswers00AndChangesNothing()
    {
        lifecycle.send(authorization(CARD, 2_500, 1));
        lifecycle.tick(NOW_EPOCH_NANOS + 7 * DAY_NANOS);

        final Decision decision = lifecycle.send(reversal(400, CARD, 2_500, 2, 100, 1), NOW_EPOCH_NANOS + 7 * DAY_NANOS);

        assertEquals(ResponseCodes.APPROVED, decision.responseCode());
        assertEquals(0, decision.holdsDeltaMinor());
    }

    @Test
    void aTickIsAKnownEventKind()
    {
        assertEquals("tick", EventKind.name(EventKind.TICK));
        assertEquals(true, EventKind.isKnown(EventKind.TICK));
    }
}
