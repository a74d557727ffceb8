package dev.junction.core.refdata;

/**
 * A card's status as the authorizer keeps it and as the cards CSV spells it. The byte values are
 * part of the journal's admin record format and never change meaning.
 */
public final class CardStatus
{
    public static final byte ACTIVE = 1;
    public static final byte BLOCKED = 2;
    public static final byte LOST = 3;
    public static final byte STOLEN = 4;

    private CardStatus()
    {
    }

    /** @return the status for its CSV name, or 0 when the name is not one of the four. */
    public static byte parse(final String name)
    {
        switch (name)
        {
            case "active": return ACTIVE;
            case "blocked": return BLOCKED;
            case "lost": return LOST;
            case "stolen": return STOLEN;
            default: return 0;
        }
    }

    /** @return the CSV name of a status. */
    public static String name(final byte status)
    {
        switch (status)
        {
            case ACTIVE: return "active";
            case BLOCKED: return "blocked";
            case LOST: return "lost";
            case STOLEN: return "stolen";
            default: return "unknown(" + status + ")";
        }
    }
}
