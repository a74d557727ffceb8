package dev.junction.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers shared by the load tests: run a config quietly, and check what every clean run must show. */
final class Runs
{
    private static final byte[] PNG_MAGIC = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private Runs()
    {
    }

    /** Runs the generator; its live lines and report go to a buffer, printed if an assertion fails. */
    static LoadResult run(final LoadConfig config) throws IOException, InterruptedException
    {
        final ByteArrayOutputStream live = new ByteArrayOutputStream();
        final LoadResult result = new LoadGenerator(config, new PrintStream(live, true, StandardCharsets.UTF_8)).run();
        result.print(new PrintStream(live, true, StandardCharsets.UTF_8));
        System.out.println(live.toString(StandardCharsets.UTF_8));
        return result;
    }

    /** Every request sent was answered, every answer matched, and the latencies were recorded. */
    static void assertClean(final LoadResult result)
    {
        assertTrue(result.sent() > 0, "nothing was sent");
        assertEquals(0, result.unmatched(), "unmatched answers");
        assertEquals(0, result.malformed(), "malformed answers");
        assertEquals(0, result.missing(), "answers that never came");
        assertEquals(0, result.unsent(), "requests never sent");
        assertEquals(0, result.connectionsLost(), "connections lost");
        assertEquals(result.sent(), result.answered(), "every request answered once");
        assertTrue(result.latencies().getTotalCount() > 0, "latencies recorded after the warm-up");
        assertEquals(0, result.exitCode());
    }

    /** The .hgrm and PNG files are written and look like what they claim to be. */
    static void assertFilesWritten(final LoadResult result, final Path dir) throws IOException
    {
        final Path hgrm = dir.resolve("latency.hgrm");
        final Path png = dir.resolve("latency.png");
        result.writeHgrm(hgrm);
        PercentilePlot.write(result.latencies(), "test", png);
        final String text = Files.readString(hgrm);
        assertTrue(text.contains("Value     Percentile TotalCount 1/(1-Percentile)"), text);
        assertTrue(text.contains("#[Max     ="), text);
        final byte[] image = Files.readAllBytes(png);
        assertTrue(image.length > PNG_MAGIC.length);
        final byte[] head = new byte[PNG_MAGIC.length];
        System.arraycopy(image, 0, head, 0, head.length);
        assertArrayEquals(PNG_MAGIC, head, "PNG signature");
    }
}
