package dev.junction.core.pipeline;

/**
 * The ring's shape: its size (a power of two), the largest input a slot holds, the name of the
 * consumers' wait strategy (see {@link WaitStrategies}) and the thread layout of its stages:
 * <ul>
 *   <li>{@value #PIPELINED}: three threads, journal ∥ authorizer → responder; the journal append and the
 *   authorization overlap, at the price of two hand-offs between threads per batch;</li>
 *   <li>{@value #SINGLE}: one thread journals, authorizes and answers each event in turn; no hand-off
 *   inside the ring, and one runnable thread instead of three beside the event loop;</li>
 *   <li>{@value #INLINE}: no ring thread; the one Netty event loop journals, authorizes and answers each batch
 *   itself, after reading what its connections sent ({@link Pipeline#runInlineOn}): no thread is woken per
 *   request. The wait strategy does not apply: nothing waits. A batch of at least {@code journalHelperBatch}
 *   events (0: never) that follows as many large ones in a row (sustained load) is journaled by a second
 *   thread, the journal helper, while the event loop authorizes it ({@link JournalHelper}); below saturation
 *   batches are small and the helper sleeps.</li>
 * </ul>
 * The journal append still precedes the answer in both, so the durability contract is the same.
 */
public record PipelineConfig(int ringSize, int payloadCapacity, String waitStrategy, String threadLayout,
    int journalHelperBatch)
{
    /** With ring threads: room for bursts, since a request that finds the ring full is answered 91. */
    public static final int DEFAULT_RING_SIZE = 4096;
    /**
     * With the {@value #INLINE} layout the ring only carries what the event loop read until it drains it,
     * and a full ring is drained, not refused: 512 slots stay in the core's own caches where 4,096 do not.
     * Saturated, alternating runs on the 2-core VM (2026-11-22 08:51-08:54): 4,096 slots 476,000-533,000
     * answers/s, 1,024 563,000, 512 574,000-578,000, 256 598,000, 128 552,000 (a read round then fills it).
     */
    public static final int DEFAULT_INLINE_RING_SIZE = 512;
    public static final int DEFAULT_PAYLOAD_CAPACITY = 4096;
    public static final String PIPELINED = "pipelined";
    public static final String SINGLE = "single";
    public static final String INLINE = "inline";
    public static final String LAYOUTS = PIPELINED + ", " + SINGLE + " or " + INLINE;
    public static final String DEFAULT_THREAD_LAYOUT = PIPELINED;
    /**
     * The smallest batch the inline layout's journal helper takes. Saturated, alternating runs on the 2-core
     * VM (2026-11-22 10:20-10:23): without the helper 500,000-519,000 answers/s, with it from batches of 4,
     * 16 or 64 644,000-720,000 (each about the same); at 20,000/s and 100,000/s batches are one or two
     * requests, and the helper works only while the loop is behind ({@link SingleThreadStage}).
     */
    public static final int DEFAULT_JOURNAL_HELPER_BATCH = 16;
    /** The largest batch threshold accepted: past any ring worth running, so it means "almost never". */
    public static final int MAX_JOURNAL_HELPER_BATCH = 1 << 20;

    /** @return the ring size a layout runs with unless one is named. */
    public static int defaultRingSize(final String threadLayout)
    {
        return INLINE.equals(threadLayout) ? DEFAULT_INLINE_RING_SIZE : DEFAULT_RING_SIZE;
    }

    public PipelineConfig(final int ringSize, final int payloadCapacity, final String waitStrategy)
    {
        this(ringSize, payloadCapacity, waitStrategy, DEFAULT_THREAD_LAYOUT);
    }

    public PipelineConfig(final int ringSize, final int payloadCapacity, final String waitStrategy,
        final String threadLayout)
    {
        this(ringSize, payloadCapacity, waitStrategy, threadLayout, DEFAULT_JOURNAL_HELPER_BATCH);
    }

    public PipelineConfig
    {
        if (!PIPELINED.equals(threadLayout) && !SINGLE.equals(threadLayout) && !INLINE.equals(threadLayout))
        {
            throw new IllegalArgumentException("thread layout must be " + LAYOUTS + ": " + threadLayout);
        }
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ring size must be a power of two >= 2: " + ringSize);
        }
        if (payloadCapacity < 64)
        {
            throw new IllegalArgumentException("payload capacity must be at least 64 bytes: " + payloadCapacity);
        }
        if (journalHelperBatch != 0 && (journalHelperBatch < 2 || journalHelperBatch > MAX_JOURNAL_HELPER_BATCH))
        {
            // A batch of one is the event loop's alone: there is nothing to do beside it.
            throw new IllegalArgumentException("journal helper batch must be 0 (no helper) or 2.." +
                MAX_JOURNAL_HELPER_BATCH + ": " + journalHelperBatch);
        }
        if (WaitStrategies.named(waitStrategy) == null)
        {
            throw new IllegalArgumentException("wait strategy must be one of " + WaitStrategies.NAMES + ": " + waitStrategy);
        }
    }
}
