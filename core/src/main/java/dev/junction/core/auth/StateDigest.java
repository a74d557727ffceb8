package dev.junction.core.auth;

/**
 * A 64-bit digest over the authorizer's state, folded value by value in a fixed order, so that a
 * replay can show it reached exactly the state of the live run. Not cryptographic: it detects
 * divergence, it does not resist forgery (the journal's checksums do that work).
 */
public final class StateDigest
{
    public static final long SEED = 0x4A756E6374696F6EL;

    private StateDigest()
    {
    }

    /** Folds one value into the digest (a multiply-xorshift mix in the manner of SplitMix64). */
    public static long mix(final long hash, final long value)
    {
        long z = (hash ^ value) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the digest as 16 hex digits, as operator output shows it. */
    public static String hex(final long digest)
    {
        return String.format("%016x", digest);
    }
}
