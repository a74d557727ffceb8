package dev.junction.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Every {@link PipelineTest} again on the {@value PipelineConfig#SINGLE} thread layout: one thread journals,
 * authorizes and answers, and must keep every promise of the pipelined one (ordering, journal-before-answer,
 * back-pressure, shutdown, exceptions, replay).
 */
class SingleThreadPipelineTest extends PipelineTest
{
    @Override
    String threadLayout()
    {
        return PipelineConfig.SINGLE;
    }

    @Test
    void anUnknownThreadLayoutIsRefusedNamingTheChoices()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new PipelineConfig(64, PipelineConfig.DEFAULT_PAYLOAD_CAPACITY, WaitStrategies.BLOCKING, "sideways"));
        assertEquals("thread layout must be pipelined, single or inline: sideways", refused.getMessage());
    }
}
