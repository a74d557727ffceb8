package dev.junction.network;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made at test time, written as PEM files the way an operator would hold them: a CA, a
 * server certificate for 127.0.0.1 and localhost signed by it, an acquirer's client certificate signed by
 * it, and one signed by a CA nobody trusts; plus keys that are wrong in each way a start must refuse.
 */
final class TlsTestPki
{
    static final String PASSWORD = "correct horse battery staple";
    static final String CLIENT_SUBJECT = "CN=acquirer-1,O=Test Acquiring Bank,C=GB";
    /** How the switch logs {@link #CLIENT_SUBJECT}: RFC 2253 order. */
    static final String CLIENT_SUBJECT_LOGGED = "C=GB,O=Test Acquiring Bank,CN=acquirer-1";

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final Path caCert;
    final Path serverChain;
    final Path serverKey;
    final Path serverKeyEncrypted;
    final Path serverKeyPkcs1;
    final Path rsaServerCert;
    final Path rsaServerKey;
    final Path otherKey;
    final Path clientCert;
    final Path clientKey;
    final Path untrustedClientCert;
    final Path untrustedClientKey;

    final X509Certificate ca;
    final X509Certificate client;
    final PrivateKey clientPrivateKey;
    final X509Certificate untrustedClient;
    final PrivateKey untrustedClientPrivateKey;

    TlsTestPki(final Path dir) throws Exception
    {
        Files.createDirectories(dir);
        final KeyPair caKeys = ec();
        ca = certificate("CN=Junction Test CA", caKeys, "CN=Junction Test CA", caKeys.getPrivate(), true, null);
        final KeyPair serverKeys = ec();
        final X509Certificate server = certificate("CN=localhost", serverKeys, "CN=Junction Test CA",
            caKeys.getPrivate(), false, KeyPurposeId.id_kp_serverAuth);
        final KeyPair clientKeys = ec();
        client = certificate(CLIENT_SUBJECT, clientKeys, "CN=Junction Test CA", caKeys.getPrivate(), false,
            KeyPurposeId.id_kp_clientAuth);
        clientPrivateKey = clientKeys.getPrivate();
        final KeyPair rogueCaKeys = ec();
        final KeyPair rogueKeys = ec();
        untrustedClient = certificate("CN=someone-else,O=Not A Customer", rogueKeys, "CN=Rogue CA",
            rogueCaKeys.getPrivate(), false, KeyPurposeId.id_kp_clientAuth);
        untrustedClientPrivateKey = rogueKeys.getPrivate();
        final KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        final KeyPair rsaKeys = rsaGenerator.generateKeyPair();
        final X509Certificate rsaServer = certificate("CN=localhost", rsaKeys, "CN=Junction Test CA",
            caKeys.getPrivate(), false, KeyPurposeId.id_kp_serverAuth);

        caCert = write(dir.resolve("ca.pem"), pem(ca));
        serverChain = write(dir.resolve("server-chain.pem"), pem(server) + pem(ca));
        serverKey = write(dir.resolve("server-key.pem"), pkcs8(serverKeys.getPrivate()));
        serverKeyEncrypted = write(dir.resolve("server-key-encrypted.pem"), encryptedPkcs8(serverKeys.getPrivate()));
        serverKeyPkcs1 = write(dir.resolve("server-key-rsa-pkcs1.pem"), traditional(rsaKeys.getPrivate()));
        rsaServerCert = write(dir.resolve("rsa-server.pem"), pem(rsaServer));
        rsaServerKey = write(dir.resolve("rsa-server-key.pem"), pkcs8(rsaKeys.getPrivate()));
        otherKey = write(dir.resolve("other-key.pem"), pkcs8(ec().getPrivate()));
        clientCert = write(dir.resolve("client.pem"), pem(client));
        clientKey = write(dir.resolve("client-key.pem"), pkcs8(clientKeys.getPrivate()));
        untrustedClientCert = write(dir.resolve("untrusted-client.pem"), pem(untrustedClient));
        untrustedClientKey = write(dir.resolve("untrusted-client-key.pem"), pkcs8(rogueKeys.getPrivate()));
    }

    /** A client trusting the test CA, presenting {@code certificate} when not null. */
    SSLContext clientContext(final X509Certificate certificate, final PrivateKey key) throws GeneralSecurityException,
        IOException
    {
        final KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        final TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (certificate != null)
        {
            final KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key, new char[0], new X509Certificate[] {certificate});
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
        }
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : new KeyManager[] {new AlwaysPresent(
            (X509ExtendedKeyManager)keyManagers.getKeyManagers()[0])}, trustManagers.getTrustManagers(), null);
        return context;
    }

    /**
     * Presents its certificate whatever CAs the server names. The JDK's own key manager sends none when its
     * issuer is not among them, which would turn "an untrusted certificate" into "no certificate".
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager
    {
        private final X509ExtendedKeyManager keys;

        AlwaysPresent(final X509ExtendedKeyManager keys)
        {
            this.keys = keys;
        }

        @Override
        public String chooseClientAlias(final String[] keyType, final Principal[] issuers, final Socket socket)
        {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(final String[] keyType, final Principal[] issuers, final SSLEngine engine)
        {
            return "client";
        }

        @Override
        public String[] getClientAliases(final String keyType, final Principal[] issuers)
        {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(final String keyType, final Principal[] issuers)
        {
            return null;
        }

        @Override
        public String chooseServerAlias(final String keyType, final Principal[] issuers, final Socket socket)
        {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(final String alias)
        {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(final String alias)
        {
            return keys.getPrivateKey(alias);
        }
    }

    /** A TLS socket to the switch, handshake not yet started, with the given protocols enabled. */
    static SSLSocket connect(final SSLContext context, final int port, final String... protocols) throws IOException
    {
        final Socket plain = new Socket("127.0.0.1", port);
        final SSLSocket socket = (SSLSocket)context.getSocketFactory().createSocket(plain, "localhost", port, true);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        socket.setEnabledProtocols(protocols.length == 0 ? new String[] {"TLSv1.3"} : protocols);
        return socket;
    }

    private static KeyPair ec() throws GeneralSecurityException
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(final String subject, final KeyPair subjectKeys, final String issuer,
        final PrivateKey issuerKey, final boolean isCa, final KeyPurposeId purpose)
        throws IOException, GeneralSecurityException, OperatorCreationException
    {
        final Instant now = Instant.now();
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
            BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa)
        {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        else
        {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (purpose == KeyPurposeId.id_kp_serverAuth)
            {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
        }
        final String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        final ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static String pem(final X509Certificate certificate) throws GeneralSecurityException
    {
        return block("CERTIFICATE", certificate.getEncoded());
    }

    private static String pkcs8(final PrivateKey key)
    {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String encryptedPkcs8(final PrivateKey key) throws IOException, OperatorCreationException
    {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text))
        {
            writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(PASSWORD.toCharArray()).build()));
        }
        return text.toString();
    }

    /** The traditional OpenSSL form, {@code BEGIN RSA PRIVATE KEY} (PKCS#1), which the switch refuses. */
    private static String traditional(final PrivateKey key) throws IOException
    {
        final StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text))
        {
            writer.writeObject(key);
        }
        return text.toString();
    }

    private static String block(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" +
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der) +
            "\n-----END " + type + "-----\n";
    }

    private static Path write(final Path file, final String text) throws IOException
    {
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
