package dev.junction.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code junction load --tls} against a switch serving TLS: every request answered over TLS 1.3, with and
 * without a client certificate, so the switch can be measured over TLS as over plaintext.
 */
class LoadOverTlsTest
{
    @TempDir
    static Path pki;
    static SelfSignedPem server;
    static SelfSignedPem acquirer;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void makeCertificates() throws Exception
    {
        server = SelfSignedPem.make(pki, "server", "CN=localhost");
        acquirer = SelfSignedPem.make(pki, "acquirer", "CN=load-acquirer,O=Test Bank");
    }

    @Test
    void saturatingLoadOverTlsGetsEveryAnswer(@TempDir final Path dir) throws Exception
    {
        try (SwitchForTest junction = new SwitchForTest(dir, options -> options.tlsCert(server.cert).tlsKey(server.key)))
        {
            final int status = load(junction.port(), "--rate", "0", "--in-flight", "16", "--tls", "--tls-trust",
                server.cert.toString());
            assertEquals(0, status, output());
            assertTrue(output().contains("TLS: TLSv1.3 TLS_"), output());
            assertNull(junction.fatal.get());
        }
    }

    @Test
    void openLoopOverMutualTlsPresentsTheClientCertificate(@TempDir final Path dir) throws Exception
    {
        try (SwitchForTest junction = new SwitchForTest(dir, options -> options.tlsCert(server.cert).tlsKey(server.key)
            .tlsClientAuth("require").tlsTrust(acquirer.cert)))
        {
            final int status = load(junction.port(), "--rate", "2000", "--tls", "--tls-trust", server.cert.toString(),
                "--tls-cert", acquirer.cert.toString(), "--tls-key", acquirer.key.toString());
            assertEquals(0, status, output());
        }
    }

    @Test
    void signOnAndMacsGoThroughTheTlsStreamToo(@TempDir final Path dir) throws Exception
    {
        Files.writeString(dir.resolve("bank.key"), "00112233445566778899aabbccddeeff0011223344556677");
        final Path acquirers = Files.writeString(dir.resolve("acquirers.csv"),
            "institution_id,allowed_addresses,mac_algorithm,mac_key\n123456,127.0.0.1,hmac-sha256,file:bank.key\n");
        try (SwitchForTest junction = new SwitchForTest(dir, options -> options.tlsCert(server.cert).tlsKey(server.key)
            .acquirersFile(acquirers)))
        {
            final int status = load(junction.port(), "--rate", "1000", "--tls", "--tls-trust", server.cert.toString(),
                "--institution", "123456", "--mac-key", "file:" + dir.resolve("bank.key"));
            assertEquals(0, status, output());
        }
    }

    @Test
    void withoutTheClientCertificateTheRunFailsWithoutAnswers(@TempDir final Path dir) throws Exception
    {
        try (SwitchForTest junction = new SwitchForTest(dir, options -> options.tlsCert(server.cert).tlsKey(server.key)
            .tlsClientAuth("require").tlsTrust(acquirer.cert)))
        {
            final int status = load(junction.port(), "--rate", "500", "--tls", "--tls-trust", server.cert.toString());
            assertEquals(1, status, output());
        }
    }

    @Test
    void tlsFilesWithoutTlsAreAUsageError()
    {
        assertEquals(2, LoadCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "--tls-trust", server.cert.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("junction load: --tls-trust, --tls-cert and " +
            "--tls-key need --tls"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingTrustFileIsAUsageErrorNamingIt(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("none.pem");
        assertEquals(2, LoadCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "--tls", "--tls-trust", missing.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("junction load: --tls-trust " + missing +
            ": no such file"), err.toString(StandardCharsets.UTF_8));
    }

    private int load(final int port, final String... args)
    {
        final String[] all = new String[12 + args.length];
        System.arraycopy(new String[] {"--port", Integer.toString(port), "--connections", "2", "--cards",
            Integer.toString(SwitchForTest.CARDS), "--duration", "1s", "--warmup", "200ms", "--grace", "5s"}, 0, all, 0, 12);
        System.arraycopy(args, 0, all, 12, args.length);
        final int status = LoadCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), all);
        System.out.println(output());
        return status;
    }

    private String output()
    {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
