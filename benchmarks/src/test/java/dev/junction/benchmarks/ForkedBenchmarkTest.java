package dev.junction.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ForkedBenchmarkTest
{
    @Test
    void forksStartWithTheFlagsOfTheRootPom() throws IOException
    {
        try (InputStream filtered = ForkedBenchmarkTest.class.getResourceAsStream("/junction-jvm-flags.txt"))
        {
            assertNotNull(filtered, "junction-jvm-flags.txt is missing from the test resources");
            final String[] rootPomFlags = new String(filtered.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
            assertArrayEquals(rootPomFlags, ForkedBenchmark.jvmFlags(),
                "ForkedBenchmark's @Fork(jvmArgsAppend) must list junction.jvm.flags of the root pom, in order");
        }
    }
}
