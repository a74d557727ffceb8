package dev.junction.network;

/**
 * One keyed MAC primitive, producing the 8 bytes of ISO 8583 field 64/128 over a span of bytes.
 * Implementations hold reusable state and allocate nothing per call: one instance per thread.
 */
public interface MacFunction
{
    /** Bytes of a MAC field. */
    int MAC_LENGTH = 8;

    /** Writes the MAC of {@code data[offset, offset + length)} into {@code out[outOffset, outOffset + 8)}. */
    void compute(byte[] data, int offset, int length, byte[] out, int outOffset);
}
