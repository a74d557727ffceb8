package dev.junction.network;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acquirer port's TLS, built once at start from a {@link TlsConfig}: the files read and checked (so a
 * bad one stops the start with one line before the journal is touched), the provider chosen, and a
 * {@link SslHandler} made for each accepted connection. Thread-safe after {@link #create}.
 */
final class TlsServerContext
{
    private static final Logger LOG = LoggerFactory.getLogger(TlsServerContext.class);

    private final SslContext context;
    private final TlsConfig config;
    private final String providerName;

    private TlsServerContext(final SslContext context, final TlsConfig config, final String providerName)
    {
        this.context = context;
        this.config = config;
        this.providerName = providerName;
    }

    /**
     * @param environment reads an environment variable (the key's password); {@code System::getenv} in the
     *                    switch, a map in tests.
     * @throws StartupException naming the option and the problem: a file missing or unusable, a key that is
     *                          not the certificate's, OpenSSL asked for and not loadable here.
     */
    static TlsServerContext create(final TlsConfig config, final UnaryOperator<String> environment)
        throws StartupException
    {
        final List<X509Certificate> chain = TlsKeyMaterial.readCertificates(config.certFile(), "--tls-cert");
        final PrivateKey key = TlsKeyMaterial.readPrivateKey(config.keyFile(), "--tls-key",
            password(config, environment));
        TlsKeyMaterial.checkKeyMatches(key, chain.get(0), config.keyFile(), config.certFile());
        warnIfNotValidNow(chain.get(0), config.certFile());
        final X509Certificate[] trusted = config.trustFile() == null ? null :
            TlsKeyMaterial.readCertificates(config.trustFile(), "--tls-trust").toArray(new X509Certificate[0]);

        final SslProvider provider = provider(config);
        final SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
            .sslProvider(provider)
            .protocols(config.protocols())
            .ciphers(TlsConfig.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
            .clientAuth(clientAuth(config.clientAuth()));
        if (trusted != null)
        {
            builder.trustManager(trusted);
        }
        try
        {
            return new TlsServerContext(builder.build(), config, provider == SslProvider.OPENSSL ? "openssl" : "jdk");
        }
        catch (final SSLException | IllegalArgumentException e)
        {
            throw new StartupException("TLS cannot be set up with --tls-cert " + config.certFile() + " on provider " +
                provider.name().toLowerCase() + ": " + e.getMessage(), e);
        }
    }

    /** @return a new handler for one accepted connection, its handshake bounded by the configured timeout. */
    SslHandler newHandler(final ByteBufAllocator allocator)
    {
        final SslHandler handler = context.newHandler(allocator);
        handler.setHandshakeTimeoutMillis(config.handshakeTimeoutMillis());
        return handler;
    }

    /** @return what the banner says, e.g. {@code TLS 1.3 (openssl), client auth require}. */
    String describe()
    {
        final StringBuilder versions = new StringBuilder();
        for (final String protocol : config.protocols())
        {
            versions.append(versions.length() == 0 ? "TLS " : ", ").append(protocol.substring("TLSv".length()));
        }
        return versions + " (" + providerName + "), client auth " + config.clientAuth();
    }

    String providerName()
    {
        return providerName;
    }

    /**
     * {@code auto} takes OpenSSL (BoringSSL from netty-tcnative) where its native library loads and speaks
     * TLS 1.3, the JDK's TLS otherwise; {@code openssl} insists and refuses to start without it.
     */
    private static SslProvider provider(final TlsConfig config) throws StartupException
    {
        if (config.provider().equals(TlsConfig.PROVIDER_JDK))
        {
            // Not even probed: probing loads OpenSSL's native library.
            return SslProvider.JDK;
        }
        final String missing = openSslMissing(config.protocols().contains(TlsConfig.TLS_1_3));
        if (missing == null)
        {
            return SslProvider.OPENSSL;
        }
        if (config.provider().equals(TlsConfig.PROVIDER_OPENSSL))
        {
            throw new StartupException("--tls-provider openssl: OpenSSL cannot be used here: " + missing +
                "; use --tls-provider jdk or auto");
        }
        LOG.info("TLS provider auto: the JDK's, as OpenSSL cannot be used here: {}", missing);
        return SslProvider.JDK;
    }

    /** @return why OpenSSL cannot serve here, or null when it can. */
    private static String openSslMissing(final boolean tls13Wanted)
    {
        if (!OpenSsl.isAvailable())
        {
            return "its native library did not load (" + OpenSsl.unavailabilityCause().getMessage() + ")";
        }
        if (tls13Wanted && !SslProvider.isTlsv13Supported(SslProvider.OPENSSL))
        {
            return OpenSsl.versionString() + " has no TLS 1.3";
        }
        return null;
    }

    private static char[] password(final TlsConfig config, final UnaryOperator<String> environment)
        throws StartupException
    {
        if (config.keyPasswordEnv() == null)
        {
            return null;
        }
        final String password = environment.apply(config.keyPasswordEnv());
        if (password == null || password.isEmpty())
        {
            throw new StartupException("--tls-key-password-env " + config.keyPasswordEnv() +
                ": the environment variable is not set or empty");
        }
        return password.toCharArray();
    }

    /** An expired certificate still starts (the clock may be what is wrong); acquirers will refuse it, so say so. */
    private static void warnIfNotValidNow(final X509Certificate certificate, final Path file)
    {
        final Date now = new Date();
        if (now.after(certificate.getNotAfter()))
        {
            LOG.warn("--tls-cert {}: the certificate expired on {}; acquirers will refuse the handshake", file,
                certificate.getNotAfter().toInstant());
        }
        else if (now.before(certificate.getNotBefore()))
        {
            LOG.warn("--tls-cert {}: the certificate is not valid before {}; acquirers will refuse the handshake",
                file, certificate.getNotBefore().toInstant());
        }
    }

    private static ClientAuth clientAuth(final String mode)
    {
        switch (mode)
        {
            case TlsConfig.CLIENT_AUTH_REQUIRE:
                return ClientAuth.REQUIRE;
            case TlsConfig.CLIENT_AUTH_OPTIONAL:
                return ClientAuth.OPTIONAL;
            default:
                return ClientAuth.NONE;
        }
    }
}
