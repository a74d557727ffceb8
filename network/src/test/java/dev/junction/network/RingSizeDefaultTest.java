package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.junction.core.pipeline.PipelineConfig;
import org.junit.jupiter.api.Test;

/**
 * The ring's size follows the thread layout unless one is named: the inline layout drains a full ring
 * itself and keeps it small (its slots stay in the caches), ring threads keep room for bursts because a
 * full ring answers 91.
 */
class RingSizeDefaultTest
{
    @Test
    void theInlineLayoutDefaultsTo512Slots()
    {
        assertEquals(512, ServerConfig.builder().build().ringSize());
        assertEquals(512, ServerConfig.builder().threadLayout(PipelineConfig.INLINE).build().pipelineConfig().ringSize());
    }

    @Test
    void ringThreadLayoutsDefaultTo4096Slots()
    {
        assertEquals(4096, ServerConfig.builder().threadLayout(PipelineConfig.PIPELINED).build().ringSize());
        assertEquals(4096, ServerConfig.builder().threadLayout(PipelineConfig.SINGLE).build().ringSize());
    }

    @Test
    void aNamedSizeIsKeptWhateverTheLayout()
    {
        assertEquals(4096, ServerConfig.builder().ringSize(4096).build().ringSize());
        assertEquals(256, ServerConfig.builder().threadLayout(PipelineConfig.PIPELINED).ringSize(256).build().ringSize());
    }

    @Test
    void theStartCommandLeavesTheChoiceToTheLayout()
    {
        final java.io.StringWriter out = new java.io.StringWriter();
        final java.io.PrintWriter writer = new java.io.PrintWriter(out, true);
        assertEquals(0, JunctionCli.run(writer, writer, "start", "--help"));
        assertTrue(out.toString().replaceAll("\\s+", " ")
            .contains("Ring slots, a power of two (default: 512 with --thread-layout inline, 4096 with ring threads)."),
            out.toString());
    }
}
