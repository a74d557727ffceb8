package dev.junction.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

import dev.junction.network.StartupException;
import dev.junction.network.TlsKeyMaterial;

/**
 * The load generator's TLS client side: the JDK's TLS 1.3, trusting the CAs (or certificates) of
 * {@code --tls-trust}, presenting {@code --tls-cert}/{@code --tls-key} when the switch asks for a client
 * certificate. The files are read by the switch's own {@link TlsKeyMaterial}, so they are the same PEM
 * files an operator made for the switch.
 */
public final class LoadTls
{
    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private final SSLContext context;

    private LoadTls(final SSLContext context)
    {
        this.context = context;
    }

    /**
     * @param certFile the client certificate, or null to present none.
     * @param keyFile  its PKCS#8 key (unencrypted), with {@code certFile}.
     * @throws IllegalArgumentException with one line naming the option and the problem.
     */
    public static LoadTls of(final Path trustFile, final Path certFile, final Path keyFile)
    {
        if (trustFile == null)
        {
            throw new IllegalArgumentException("--tls needs --tls-trust: the PEM CA or certificate the switch's is signed by");
        }
        if ((certFile == null) != (keyFile == null))
        {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        try
        {
            final KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            final List<X509Certificate> trusted = TlsKeyMaterial.readCertificates(trustFile, "--tls-trust");
            for (int i = 0; i < trusted.size(); i++)
            {
                trust.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            final TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (certFile != null)
            {
                final List<X509Certificate> chain = TlsKeyMaterial.readCertificates(certFile, "--tls-cert");
                final PrivateKey key = TlsKeyMaterial.readPrivateKey(keyFile, "--tls-key", null);
                TlsKeyMaterial.checkKeyMatches(key, chain.get(0), keyFile, certFile);
                final KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", key, new char[0], chain.toArray(new X509Certificate[0]));
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, new char[0]);
            }
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return new LoadTls(context);
        }
        catch (final StartupException e)
        {
            throw new IllegalArgumentException(e.getMessage());
        }
        catch (final GeneralSecurityException | IOException e)
        {
            throw new IllegalArgumentException("TLS cannot be set up: " + e.getMessage());
        }
    }

    /** @return a client engine for one connection, TLS 1.3 only. */
    SSLEngine newEngine(final String host, final int port)
    {
        final SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(PROTOCOLS);
        return engine;
    }
}
