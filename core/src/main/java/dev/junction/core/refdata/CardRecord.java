package dev.junction.core.refdata;

/**
 * One card as provisioned: a row of the cards CSV or of the demo set. {@code pan} holds 12 to 19
 * digits; {@code expiryYymm} is e.g. 3012 for December 2030; {@code status} a {@link CardStatus};
 * {@code homeCountry} the ISO 3166 numeric country the card is issued for, 0 when unknown (the risk
 * score then sees no country mismatch). Its {@link #toString()} masks the PAN.
 */
public record CardRecord(String pan, long accountId, int expiryYymm, byte status, int homeCountry)
{
    /** A card whose home country is unknown. */
    public CardRecord(final String pan, final long accountId, final int expiryYymm, final byte status)
    {
        this(pan, accountId, expiryYymm, status, 0);
    }

    @Override
    public String toString()
    {
        return "CardRecord[pan=" + Pans.mask(pan) + ", accountId=" + accountId + ", expiryYymm=" + expiryYymm +
            ", status=" + CardStatus.name(status) + (homeCountry == 0 ? "" : ", homeCountry=" + homeCountry) + "]";
    }
}
