package dev.junction.network;

import java.net.InetAddress;
import java.util.List;

/**
 * One known acquiring institution, as a line of the acquirers file names it: its institution id (the
 * digits of field 32), the source addresses it may connect from and, optionally, its MAC algorithm and
 * key. Immutable; {@link #toString} never shows the key.
 */
final class Acquirer
{
    private final String institutionId;
    private final long institutionKey;
    private final List<AddressBlock> allowed;
    private final MacAlgorithm macAlgorithm;
    private final byte[] macKey;

    Acquirer(final String institutionId, final List<AddressBlock> allowed, final MacAlgorithm macAlgorithm,
        final byte[] macKey)
    {
        this.institutionId = institutionId;
        this.institutionKey = institutionKey(Long.parseLong(institutionId), institutionId.length());
        this.allowed = List.copyOf(allowed);
        this.macAlgorithm = macAlgorithm;
        this.macKey = macKey == null ? null : macKey.clone();
    }

    /**
     * @return one number for an institution id of {@code digitCount} digits whose value is {@code value}:
     *     ids that differ only in leading zeros ("0123" and "123") are different institutions.
     */
    static long institutionKey(final long value, final int digitCount)
    {
        return value * 16 + digitCount;
    }

    String institutionId()
    {
        return institutionId;
    }

    long institutionKey()
    {
        return institutionKey;
    }

    List<AddressBlock> allowed()
    {
        return allowed;
    }

    boolean allows(final InetAddress address)
    {
        for (final AddressBlock block : allowed)
        {
            if (block.contains(address))
            {
                return true;
            }
        }
        return false;
    }

    /** @return the MAC algorithm, or null when this acquirer sends no MACs. */
    MacAlgorithm macAlgorithm()
    {
        return macAlgorithm;
    }

    /** @return a MAC under this acquirer's key for one session's event loop; null when it has no key. */
    MessageMac newMessageMac()
    {
        return macKey == null ? null : MessageMac.of(macAlgorithm, macKey);
    }

    @Override
    public String toString()
    {
        return "institution " + institutionId + " from " + allowed + (macAlgorithm == null ? ", no MAC" : ", MAC " + macAlgorithm);
    }
}
