package dev.junction.network;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of what the acquirer gates decided at the door: sign-ons and sign-offs, and every refusal by
 * its reason. Refused messages never enter the ring, so these counters and the (rate-limited) log are
 * their only record. Lock-free; shared by every event loop.
 */
final class DoorCounters
{
    final AtomicLong signOns = new AtomicLong();
    final AtomicLong signOffs = new AtomicLong();
    /** Requests before sign-on, answered 91 (or closed, with --before-sign-on close). */
    final AtomicLong beforeSignOn = new AtomicLong();
    /** Sign-ons naming an institution that is not configured, or no field 32. */
    final AtomicLong unknownInstitution = new AtomicLong();
    /** Sign-ons of a configured institution from an address it is not allowed from. */
    final AtomicLong addressNotAllowed = new AtomicLong();
    /** Messages of a signed-on connection naming another institution in field 32. */
    final AtomicLong institutionMismatch = new AtomicLong();
    final AtomicLong macMissing = new AtomicLong();
    final AtomicLong macBad = new AtomicLong();
    /** Connections closed at the door: past --max-door-refusals, --before-sign-on close, or unreadable before sign-on. */
    final AtomicLong connectionsClosed = new AtomicLong();

    @Override
    public String toString()
    {
        return "sign-ons=" + signOns + ", sign-offs=" + signOffs + ", refused before sign-on=" + beforeSignOn +
            ", unknown institution=" + unknownInstitution + ", address not allowed=" + addressNotAllowed +
            ", institution mismatch=" + institutionMismatch + ", MAC missing=" + macMissing + ", MAC bad=" + macBad +
            ", closed at the door=" + connectionsClosed;
    }
}
