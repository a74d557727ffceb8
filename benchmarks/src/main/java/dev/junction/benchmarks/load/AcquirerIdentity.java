package dev.junction.benchmarks.load;

import dev.junction.network.MacAlgorithm;
import dev.junction.network.MessageMac;

/**
 * Who the load generator is to a switch that knows its acquirers: the institution id each connection
 * signs on as (0800, 70=001, field 32) before any traffic and puts in field 32 of every request, and,
 * optionally, the MAC algorithm and key with which it MACs every request and checks every answer.
 * {@link #toString} never shows the key.
 *
 * @param institutionId the digits of field 32, or null: no sign-on, field 32 is {@link #DEFAULT_INSTITUTION}.
 * @param macAlgorithm  the MAC algorithm, or null for no MACs.
 * @param macKey        the key's bytes, or null for no MACs.
 */
public record AcquirerIdentity(String institutionId, MacAlgorithm macAlgorithm, byte[] macKey)
{
    /** Field 32 of requests when no institution is named: what the generator always sent. */
    public static final String DEFAULT_INSTITUTION = "123456";
    /** The generator as it was before acquirers were known: no sign-on, no MACs. */
    public static final AcquirerIdentity NONE = new AcquirerIdentity(null, null, null);
    private static final int MAX_INSTITUTION_DIGITS = 11;

    public AcquirerIdentity
    {
        if (institutionId != null && (institutionId.isEmpty() || institutionId.length() > MAX_INSTITUTION_DIGITS ||
            !institutionId.chars().allMatch(c -> c >= '0' && c <= '9')))
        {
            throw new IllegalArgumentException("--institution must be 1 to " + MAX_INSTITUTION_DIGITS +
                " digits (field 32): " + institutionId);
        }
        if ((macAlgorithm == null) != (macKey == null))
        {
            throw new IllegalArgumentException("--mac-key and --mac-algorithm go together");
        }
        if (macKey != null && institutionId == null)
        {
            throw new IllegalArgumentException("--mac-key needs --institution: the switch knows MAC keys by institution");
        }
        if (macKey != null)
        {
            final String problem = macAlgorithm.checkKeyLength(macKey.length);
            if (problem != null)
            {
                throw new IllegalArgumentException("--mac-key: the key " + problem);
            }
        }
    }

    public boolean signsOn()
    {
        return institutionId != null;
    }

    /** @return a MAC under the key for the load thread, or null when requests carry no MAC. */
    MessageMac newMessageMac()
    {
        return macKey == null ? null : MessageMac.of(macAlgorithm, macKey);
    }

    /** @return the digits requests carry in field 32. */
    String fieldThirtyTwo()
    {
        return institutionId == null ? DEFAULT_INSTITUTION : institutionId;
    }

    @Override
    public String toString()
    {
        return institutionId == null ? "no sign-on" :
            "institution " + institutionId + (macAlgorithm == null ? ", no MAC" : ", MAC " + macAlgorithm);
    }
}
