package dev.junction.core.refdata;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One admin record a rules file asks for ({@link RiskAdminRecords}), with the line that wrote it.
 *
 * @param line  the line of the rules file it comes from, for messages.
 * @param bytes the record exactly as it is published and journaled.
 * @param pan   the card's PAN for a card limits record (to check that the card exists), else null.
 */
public record RuleRecord(int line, byte[] bytes, String pan)
{
    public RuleRecord
    {
        bytes = bytes.clone();
    }

    /** @return a copy of the record's bytes. */
    @Override
    public byte[] bytes()
    {
        return bytes.clone();
    }

    /** @return the record's {@code RiskAdminRecords.TYPE_*} byte. */
    public byte type()
    {
        return bytes[0];
    }

    public int length()
    {
        return bytes.length;
    }

    /** @return a read-only view of the record, for publishing. */
    public UnsafeBuffer buffer()
    {
        return new UnsafeBuffer(bytes);
    }

    /** @return whether this record's bytes equal {@code other}'s: the same effect when applied. */
    public boolean sameRecord(final byte[] other)
    {
        return Arrays.equals(bytes, other);
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof RuleRecord that && line == that.line && Arrays.equals(bytes, that.bytes) &&
            java.util.Objects.equals(pan, that.pan);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * line + Arrays.hashCode(bytes)) + java.util.Objects.hashCode(pan);
    }

    @Override
    public String toString()
    {
        return "RuleRecord[line=" + line + ", type=" + type() + ", pan=" + (pan == null ? "-" : Pans.mask(pan)) + "]";
    }
}
