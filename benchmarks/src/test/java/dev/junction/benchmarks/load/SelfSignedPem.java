package dev.junction.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its PKCS#8 key as PEM files, made by the JDK's {@code keytool} in a
 * subprocess (the way an operator without openssl could): it writes a PKCS#12 store, from which the
 * certificate and key are written out as PEM.
 */
final class SelfSignedPem
{
    private static final String STORE_PASSWORD = "test-only";

    final Path cert;
    final Path key;

    private SelfSignedPem(final Path cert, final Path key)
    {
        this.cert = cert;
        this.key = key;
    }

    static SelfSignedPem make(final Path dir, final String name, final String subject) throws Exception
    {
        final Path store = dir.resolve(name + ".p12");
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        final Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name,
            "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject, "-ext", "SAN=ip:127.0.0.1,dns:localhost",
            "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", STORE_PASSWORD))
            .redirectErrorStream(true).start();
        final String output;
        try (InputStream in = process.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0)
        {
            throw new IOException("keytool failed: " + output);
        }
        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store))
        {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        final Path cert = Files.writeString(dir.resolve(name + ".pem"),
            pem("CERTIFICATE", keys.getCertificate(name).getEncoded()));
        final Path key = Files.writeString(dir.resolve(name + "-key.pem"),
            pem("PRIVATE KEY", keys.getKey(name, STORE_PASSWORD.toCharArray()).getEncoded()));
        return new SelfSignedPem(cert, key);
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) +
            "\n-----END " + type + "-----\n";
    }
}
