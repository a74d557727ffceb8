package dev.junction.core.pipeline;

/**
 * What a ring event (and its journal input record) carries. Stored as one byte in the journal,
 * so the values are part of the journal format and never change meaning.
 */
public final class EventKind
{
    /** An ISO 8583 request from an acquirer connection: the raw frame. */
    public static final byte REQUEST = 1;
    /** An operator's reference-data or control command: an {@code AdminRecord}. */
    public static final byte ADMIN = 2;
    /** An acquirer connection was accepted. No payload. */
    public static final byte CONNECT = 3;
    /** An acquirer connection was closed. No payload. */
    public static final byte DISCONNECT = 4;
    /**
     * The passing of time: no payload, the ingress time is the tick's time. The network publishes one
     * each second; the authorizer releases the holds whose lifetime has run out by then.
     */
    public static final byte TICK = 5;

    private EventKind()
    {
    }

    /** @return whether the byte is a kind this version of the journal format knows. */
    public static boolean isKnown(final byte kind)
    {
        return kind >= REQUEST && kind <= TICK;
    }

    /** @return a short name for operator output. */
    public static String name(final byte kind)
    {
        switch (kind)
        {
            case REQUEST: return "request";
            case ADMIN: return "admin";
            case CONNECT: return "connect";
            case DISCONNECT: return "disconnect";
            case TICK: return "tick";
            default: return "unknown(" + kind + ")";
        }
    }
}
