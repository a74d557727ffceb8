package dev.junction.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code junction start} with TLS options: a mistake in a value exits 2 and a file that cannot be used
 * exits 1, each with one line naming the option and the problem, never a stack trace; and the data
 * directory is not even created when a TLS file is bad.
 */
class TlsStartupTest
{
    @TempDir
    static Path pkiDir;
    static TlsTestPki pki;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void makeCertificates() throws Exception
    {
        pki = new TlsTestPki(pkiDir);
    }

    @Test
    void aMissingCertificateFileExits1NamingTheOptionAndTheFile()
    {
        final Path missing = dir.resolve("nope.pem");
        assertEquals(1, start("--tls-cert", missing.toString(), "--tls-key", pki.serverKey.toString()));
        assertOneLine("junction start: --tls-cert " + missing + ": no such file");
        assertTrue(Files.notExists(dir.resolve("data")), "refused before the data directory is touched");
    }

    @Test
    void aKeyThatIsNotTheCertificatesExits1()
    {
        assertEquals(1, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.otherKey.toString()));
        assertOneLine("junction start: --tls-key " + pki.otherKey + ": the key does not belong to the certificate in " +
            "--tls-cert " + pki.serverChain + " (CN=localhost)");
    }

    @Test
    void anRsaKeyAgainstAnEcCertificateExits1AsAMismatch()
    {
        assertEquals(1, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.rsaServerKey.toString()));
        assertTrue(err.toString().contains("the key does not belong to the certificate"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void aPkcs1KeyExits1SayingHowToConvertIt()
    {
        assertEquals(1, start("--tls-cert", pki.rsaServerCert.toString(), "--tls-key", pki.serverKeyPkcs1.toString()));
        assertOneLine("junction start: --tls-key " + pki.serverKeyPkcs1 + ": 'RSA PRIVATE KEY' is not PKCS#8; convert " +
            "it with openssl pkcs8 -topk8 -nocrypt -in server-key-rsa-pkcs1.pem -out key.pk8.pem");
    }

    @Test
    void aFileWithNoCertificateExits1()
    {
        assertEquals(1, start("--tls-cert", pki.serverKey.toString(), "--tls-key", pki.serverKey.toString()));
        assertOneLine("junction start: --tls-cert " + pki.serverKey + ": no PEM certificate in the file (expected " +
            "-----BEGIN CERTIFICATE-----)");
    }

    @Test
    void aKeyFileWithNoKeyExits1()
    {
        assertEquals(1, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverChain.toString()));
        assertOneLine("junction start: --tls-key " + pki.serverChain + ": no PEM PKCS#8 private key in the file " +
            "(expected -----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void aTrustFileWithNoCertificateExits1() throws Exception
    {
        final Path empty = Files.writeString(dir.resolve("empty.pem"), "# nobody yet\n");
        assertEquals(1, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverKey.toString(),
            "--tls-client-auth", "require", "--tls-trust", empty.toString()));
        assertOneLine("junction start: --tls-trust " + empty + ": no PEM certificate in the file (expected " +
            "-----BEGIN CERTIFICATE-----)");
    }

    @Test
    void anEncryptedKeyWithoutItsPasswordExits1NamingTheOptionToUse()
    {
        assertEquals(1, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverKeyEncrypted.toString()));
        assertOneLine("junction start: --tls-key " + pki.serverKeyEncrypted + ": the key is encrypted; name the " +
            "environment variable that holds its password with --tls-key-password-env");
    }

    @Test
    void anEncryptedKeyIsReadWithThePasswordFromTheNamedEnvironmentVariable() throws Exception
    {
        final TlsConfig config = encrypted("JUNCTION_TEST_KEY_PASSWORD");
        final TlsServerContext context = TlsServerContext.create(config,
            Map.of("JUNCTION_TEST_KEY_PASSWORD", TlsTestPki.PASSWORD)::get);
        assertEquals("TLS 1.3 (jdk), client auth none", context.describe());
    }

    @Test
    void aWrongPasswordOrAnUnsetVariableIsRefusedWithOneLine()
    {
        final TlsConfig config = encrypted("JUNCTION_TEST_KEY_PASSWORD");
        final StartupException wrong = assertThrows(StartupException.class, () -> TlsServerContext.create(config,
            Map.of("JUNCTION_TEST_KEY_PASSWORD", "not the password")::get));
        assertEquals("--tls-key " + pki.serverKeyEncrypted + ": the password from --tls-key-password-env does not " +
            "decrypt the key", wrong.getMessage());
        final StartupException unset = assertThrows(StartupException.class, () -> TlsServerContext.create(config,
            Map.<String, String>of()::get));
        assertEquals("--tls-key-password-env JUNCTION_TEST_KEY_PASSWORD: the environment variable is not set or empty",
            unset.getMessage());
    }

    @Test
    void anRsaCertificateAndKeyAreServed() throws Exception
    {
        final TlsConfig config = new TlsConfig(pki.rsaServerCert, pki.rsaServerKey, null, "none", null, "jdk",
            TlsConfig.parseProtocols(TlsConfig.DEFAULT_PROTOCOLS), TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
        assertEquals("TLS 1.3 (jdk), client auth none", TlsServerContext.create(config, name -> null).describe());
    }

    @Test
    void clientAuthWithoutATrustFileExits2()
    {
        assertEquals(2, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverKey.toString(),
            "--tls-client-auth", "require"));
        assertOneLine("junction start: --tls-trust is required with --tls-client-auth require: name the PEM bundle of " +
            "acquirer certificates or their CA");
    }

    @Test
    void aTlsOptionWithoutACertificateExits2RatherThanServePlaintext()
    {
        assertEquals(2, start("--tls-client-auth", "require", "--tls-trust", pki.caCert.toString()));
        assertTrue(err.toString().startsWith("junction start: --tls-"), err.toString());
        assertTrue(err.toString().contains("needs --tls-cert and --tls-key: without them the port is plaintext"),
            err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void aCertificateWithoutAKeyExits2()
    {
        assertEquals(2, start("--tls-cert", pki.serverChain.toString()));
        assertOneLine("junction start: --tls-key is required with --tls-cert: name the certificate's private key");
    }

    @Test
    void anUnknownProtocolOrProviderOrClientAuthExits2()
    {
        assertEquals(2, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverKey.toString(),
            "--tls-protocols", "TLSv1.1"));
        assertOneLine("junction start: --tls-protocols must be TLSv1.3, TLSv1.2 or both, comma-separated: TLSv1.1");
        err.getBuffer().setLength(0);
        assertEquals(2, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverKey.toString(),
            "--tls-provider", "gnutls"));
        assertOneLine("junction start: --tls-provider must be auto, openssl or jdk: gnutls");
        err.getBuffer().setLength(0);
        assertEquals(2, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverKey.toString(),
            "--tls-client-auth", "maybe"));
        assertOneLine("junction start: --tls-client-auth must be none, optional or require: maybe");
        err.getBuffer().setLength(0);
        assertEquals(2, start("--tls-cert", pki.serverChain.toString(), "--tls-key", pki.serverKey.toString(),
            "--tls-handshake-timeout-ms", "5"));
        assertOneLine("junction start: --tls-handshake-timeout-ms must be 100..600000: 5");
    }

    @Test
    void helpListsEveryTlsOption()
    {
        assertEquals(0, JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "start", "--help"));
        for (final String option : new String[] {"--tls-cert", "--tls-key", "--tls-key-password-env",
            "--tls-client-auth", "--tls-trust", "--tls-provider", "--tls-protocols", "--tls-handshake-timeout-ms"})
        {
            assertTrue(out.toString().contains(option), option);
        }
    }

    private TlsConfig encrypted(final String variable)
    {
        return new TlsConfig(pki.serverChain, pki.serverKeyEncrypted, variable, "none", null, "jdk",
            TlsConfig.parseProtocols(TlsConfig.DEFAULT_PROTOCOLS), TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    private int start(final String... tlsArgs)
    {
        final String[] args = new String[5 + tlsArgs.length];
        args[0] = "start";
        args[1] = "--port";
        args[2] = "0";
        args[3] = "--data";
        args[4] = dir.resolve("data").toString();
        System.arraycopy(tlsArgs, 0, args, 5, tlsArgs.length);
        return JunctionCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void assertOneLine(final String expected)
    {
        assertEquals(expected + System.lineSeparator(), err.toString());
    }
}
