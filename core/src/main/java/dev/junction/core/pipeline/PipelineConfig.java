package dev.junction.core.pipeline;

/**
 * The ring's shape: its size (a power of two), the largest input a slot holds, and the name of the
 * consumers' wait strategy (see {@link WaitStrategies}).
 */
public record PipelineConfig(int ringSize, int payloadCapacity, String waitStrategy)
{
    public static final int DEFAULT_RING_SIZE = 4096;
    public static final int DEFAULT_PAYLOAD_CAPACITY = 4096;

    public PipelineConfig
    {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two >= 2: " + ringSize);
        }
        if (payloadCapacity < 64)
        {
            throw new IllegalArgumentException("payload capacity must be at least 64 bytes: " + payloadCapacity);
        }
        if (WaitStrategies.named(waitStrategy) == null)
        {
            throw new IllegalArgumentException("wait strategy must be one of " + WaitStrategies.NAMES + ": " + waitStrategy);
        }
    }
}
