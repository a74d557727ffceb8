package dev.junction.core.refdata;

/**
 * One card as provisioned: a row of the cards CSV or of the demo set. {@code pan} holds 12 to 19
 * digits; {@code expiryYymm} is e.g. 3012 for December 2030; {@code status} a {@link CardStatus}.
 * Its {@link #toString()} masks the PAN.
 */
public record CardRecord(String pan, long accountId, int expiryYymm, byte status)
{
    @Override
    public String toString()
    {
        return "CardRecord[pan=" + Pans.mask(pan) + ", accountId=" + accountId + ", expiryYymm=" + expiryYymm +
            ", status=" + CardStatus.name(status) + "]";
    }
}
