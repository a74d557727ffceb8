package dev.junction.network;

/**
 * What every connection's {@link AcquirerGate} shares: the known acquirers (none: the switch runs
 * open), what to do with a request before sign-on, how many refusals a connection gets before it is
 * closed, and the counters. One per server.
 */
final class AcquirerDoor
{
    /** {@code --before-sign-on reject}: answer 91 at the door. */
    static final String REJECT = "reject";
    /** {@code --before-sign-on close}: close the connection. */
    static final String CLOSE = "close";

    private final Acquirers acquirers;
    private final boolean closeBeforeSignOn;
    private final int maxRefusals;
    private final DoorCounters counters = new DoorCounters();

    /**
     * @param acquirers         the known acquirers, or null for an open switch (no sign-on required).
     * @param beforeSignOn      {@link #REJECT} or {@link #CLOSE}.
     * @param maxRefusals       door refusals one connection gets; the next one closes it.
     */
    AcquirerDoor(final Acquirers acquirers, final String beforeSignOn, final int maxRefusals)
    {
        this.acquirers = acquirers;
        this.closeBeforeSignOn = CLOSE.equals(beforeSignOn);
        this.maxRefusals = maxRefusals;
    }

    /** @return a door that lets every message through, as the switch did before acquirers were known. */
    static AcquirerDoor open()
    {
        return new AcquirerDoor(null, REJECT, 1);
    }

    boolean isOpen()
    {
        return acquirers == null;
    }

    Acquirers acquirers()
    {
        return acquirers;
    }

    boolean closeBeforeSignOn()
    {
        return closeBeforeSignOn;
    }

    int maxRefusals()
    {
        return maxRefusals;
    }

    DoorCounters counters()
    {
        return counters;
    }

    /** @return one connection's gate; it reads frames of up to {@code maxFrameBytes}. */
    AcquirerGate newGate(final int maxFrameBytes)
    {
        return new AcquirerGate(this, isOpen() ? 0 : maxFrameBytes);
    }

    /** @return one line for the banner and the log, saying plainly whether sign-on is required. */
    String describe()
    {
        if (isOpen())
        {
            return "none configured (no --acquirers file): the switch runs OPEN, any connection may send requests " +
                "without signing on, and no MAC is checked";
        }
        final int withMac = acquirers.withMac();
        return String.format("%,d known from %s (%,d with a MAC key); sign-on required, before it: %s", acquirers.all().size(),
            acquirers.file(), withMac, closeBeforeSignOn ? "close the connection" : "answer 91");
    }
}
