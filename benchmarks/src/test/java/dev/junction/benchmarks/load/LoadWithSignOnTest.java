package dev.junction.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import dev.junction.network.MacAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator against a switch that knows its acquirers: it signs each connection on, MACs every
 * request and checks every answer's MAC; a refused sign-on or an answer without a MAC stops the run.
 */
class LoadWithSignOnTest
{
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff0011223344556677");
    private static final String KEYED = "123456";
    private static final String UNKEYED = "4242";

    @TempDir
    static Path dir;
    private static SwitchForTest junction;

    @BeforeAll
    static void start() throws Exception
    {
        Files.writeString(dir.resolve("bank.key"), HexFormat.of().formatHex(KEY));
        final Path acquirers = Files.writeString(dir.resolve("acquirers.csv"), String.join("\n",
            "institution_id,allowed_addresses,mac_algorithm,mac_key",
            KEYED + ",127.0.0.1,hmac-sha256,file:bank.key",
            UNKEYED + ",127.0.0.1,,", ""));
        junction = new SwitchForTest(dir, acquirers);
    }

    @AfterAll
    static void stop()
    {
        junction.close();
        assertNull(junction.fatal.get(), "the switch reported a fatal error");
    }

    private static LoadConfig config(final AcquirerIdentity acquirer)
    {
        return LoadConfig.defaults("127.0.0.1", junction.port()).withConnections(2).withCards(SwitchForTest.CARDS, false)
            .withMix("auth=50,purchase=30,echo=10,inquiry=10").withTiming(1_000, 300, 5_000).withRate(1_000)
            .withAcquirer(acquirer);
    }

    @Test
    void signedOnWithMacsEveryRequestIsApprovedAndEveryAnswersMacVerifies() throws Exception
    {
        final LoadResult result = Runs.run(config(new AcquirerIdentity(KEYED, MacAlgorithm.HMAC_SHA256, KEY)));

        Runs.assertClean(result);
        for (final String kind : new String[] {"auth", "purchase", "echo", "inquiry"})
        {
            assertEquals(result.responseCodes().byCode(kind).values().stream().mapToLong(Long::longValue).sum(),
                result.responseCodes().byCode(kind).getOrDefault("00", 0L), kind + ": every answer 00");
        }
    }

    @Test
    void aSignOnWithTheWrongKeyStopsTheRunBeforeAnyTraffic()
    {
        final byte[] wrong = KEY.clone();
        wrong[0] ^= 1;
        final IOException e = assertThrows(IOException.class,
            () -> Runs.run(config(new AcquirerIdentity(KEYED, MacAlgorithm.HMAC_SHA256, wrong))));
        assertTrue(e.getMessage().contains("was answered 63"), e.getMessage());
    }

    @Test
    void anAnswerWithoutTheExpectedMacStopsTheRun()
    {
        // The switch knows no key for this institution, so its answers carry no MAC.
        final IOException e = assertThrows(IOException.class,
            () -> Runs.run(config(new AcquirerIdentity(UNKEYED, MacAlgorithm.HMAC_SHA256, KEY))));
        assertTrue(e.getMessage().contains("no MAC or a bad one"), e.getMessage());
    }

    @Test
    void withoutSignOnTheSwitchAnswersOnly91AndClosesEachConnectionPastItsRefusalLimit()
    {
        final LoadResult result;
        try
        {
            result = Runs.run(config(AcquirerIdentity.NONE).withMix("auth=1"));
        }
        catch (final IOException | InterruptedException e)
        {
            throw new AssertionError(e);
        }
        assertTrue(result.answered() > 0, "some refusals were answered");
        assertEquals(result.answered(), result.responseCodes().byCode("auth").getOrDefault("91", 0L));
        assertEquals(2, result.connectionsLost(), "each connection closed after --max-door-refusals");
    }
}
