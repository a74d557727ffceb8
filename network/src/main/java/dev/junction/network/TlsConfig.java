package dev.junction.network;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the acquirer port speaks TLS, or that it does not: TLS is on exactly when {@link #certFile} is named.
 * Values only are checked here (the option names in each message are the {@code junction start} options);
 * the files themselves are read and checked at start by {@link TlsServerContext}.
 *
 * @param certFile               {@code --tls-cert}: the server's PEM certificate chain, leaf first; null for plaintext.
 * @param keyFile                {@code --tls-key}: its PEM PKCS#8 private key, plain or encrypted.
 * @param keyPasswordEnv         {@code --tls-key-password-env}: the environment variable holding an encrypted
 *                               key's password, or null. A name, never the password: command lines are visible
 *                               to every user of the machine ({@code ps}).
 * @param clientAuth             {@code --tls-client-auth}: {@code none}, {@code optional} or {@code require}.
 * @param trustFile              {@code --tls-trust}: PEM bundle of the acquirers' certificates or their CAs,
 *                               required exactly when client certificates are asked for.
 * @param provider               {@code --tls-provider}: {@code auto}, {@code openssl} or {@code jdk}.
 * @param protocols              {@code --tls-protocols}: the TLS versions offered, by their JSSE names.
 * @param handshakeTimeoutMillis {@code --tls-handshake-timeout-ms}: a handshake not done by then is closed.
 */
public record TlsConfig(
    Path certFile,
    Path keyFile,
    String keyPasswordEnv,
    String clientAuth,
    Path trustFile,
    String provider,
    List<String> protocols,
    long handshakeTimeoutMillis)
{
    public static final String CLIENT_AUTH_NONE = "none";
    public static final String CLIENT_AUTH_OPTIONAL = "optional";
    public static final String CLIENT_AUTH_REQUIRE = "require";
    public static final String DEFAULT_CLIENT_AUTH = CLIENT_AUTH_NONE;

    public static final String PROVIDER_AUTO = "auto";
    public static final String PROVIDER_OPENSSL = "openssl";
    public static final String PROVIDER_JDK = "jdk";
    public static final String DEFAULT_PROVIDER = PROVIDER_AUTO;

    public static final String TLS_1_3 = "TLSv1.3";
    public static final String TLS_1_2 = "TLSv1.2";
    /** TLS 1.3 only: TLS 1.2 is there for an acquirer that cannot do better, and only when asked for. */
    public static final String DEFAULT_PROTOCOLS = TLS_1_3;

    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    public static final long MIN_HANDSHAKE_TIMEOUT_MILLIS = 100;
    public static final long MAX_HANDSHAKE_TIMEOUT_MILLIS = 600_000;

    /**
     * The cipher suites offered, strongest first. TLS 1.3's three AEAD suites; for TLS 1.2 (only when
     * {@code --tls-protocols} allows it) ECDHE key exchange with AEAD ciphers only: forward secrecy, no CBC,
     * no RSA key transport. BoringSSL does not let TLS 1.3 suites be chosen and always offers these three.
     */
    public static final List<String> CIPHERS = List.of(
        "TLS_AES_256_GCM_SHA384",
        "TLS_AES_128_GCM_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * @throws IllegalArgumentException naming the option at fault, its message starting with the option's
     *                                  name without the dashes (as {@link ServerConfig}'s do).
     */
    public TlsConfig
    {
        protocols = List.copyOf(protocols);
        if (!clientAuth.equals(CLIENT_AUTH_NONE) && !clientAuth.equals(CLIENT_AUTH_OPTIONAL) &&
            !clientAuth.equals(CLIENT_AUTH_REQUIRE))
        {
            throw new IllegalArgumentException("tls-client-auth must be none, optional or require: " + clientAuth);
        }
        if (!provider.equals(PROVIDER_AUTO) && !provider.equals(PROVIDER_OPENSSL) && !provider.equals(PROVIDER_JDK))
        {
            throw new IllegalArgumentException("tls-provider must be auto, openssl or jdk: " + provider);
        }
        if (protocols.isEmpty())
        {
            throw new IllegalArgumentException("tls-protocols must name TLSv1.3, TLSv1.2 or both");
        }
        for (final String protocol : protocols)
        {
            if (!protocol.equals(TLS_1_3) && !protocol.equals(TLS_1_2))
            {
                throw new IllegalArgumentException("tls-protocols must be TLSv1.3, TLSv1.2 or both, comma-separated: " +
                    protocol);
            }
        }
        if (handshakeTimeoutMillis < MIN_HANDSHAKE_TIMEOUT_MILLIS || handshakeTimeoutMillis > MAX_HANDSHAKE_TIMEOUT_MILLIS)
        {
            throw new IllegalArgumentException("tls-handshake-timeout-ms must be " + MIN_HANDSHAKE_TIMEOUT_MILLIS + ".." +
                MAX_HANDSHAKE_TIMEOUT_MILLIS + ": " + handshakeTimeoutMillis);
        }
        if (keyPasswordEnv != null && !ENV_NAME.matcher(keyPasswordEnv).matches())
        {
            throw new IllegalArgumentException("tls-key-password-env must name an environment variable, e.g. " +
                "JUNCTION_TLS_KEY_PASSWORD: " + keyPasswordEnv);
        }
        if (certFile == null)
        {
            // Plaintext. Any other TLS option is a mistake worth stopping for: an operator who set
            // --tls-client-auth require but forgot the certificate must not get a plaintext port.
            requireAbsent(keyFile != null, "tls-key");
            requireAbsent(keyPasswordEnv != null, "tls-key-password-env");
            requireAbsent(trustFile != null, "tls-trust");
            requireAbsent(!clientAuth.equals(DEFAULT_CLIENT_AUTH), "tls-client-auth");
            requireAbsent(!provider.equals(DEFAULT_PROVIDER), "tls-provider");
            requireAbsent(!protocols.equals(List.of(DEFAULT_PROTOCOLS)), "tls-protocols");
            requireAbsent(handshakeTimeoutMillis != DEFAULT_HANDSHAKE_TIMEOUT_MILLIS, "tls-handshake-timeout-ms");
        }
        else if (keyFile == null)
        {
            throw new IllegalArgumentException("tls-key is required with --tls-cert: name the certificate's private key");
        }
        else if (clientAuth.equals(CLIENT_AUTH_NONE) && trustFile != null)
        {
            throw new IllegalArgumentException("tls-trust is used only with --tls-client-auth optional or require; " +
                "with none no client certificate is asked for");
        }
        else if (!clientAuth.equals(CLIENT_AUTH_NONE) && trustFile == null)
        {
            throw new IllegalArgumentException("tls-trust is required with --tls-client-auth " + clientAuth +
                ": name the PEM bundle of acquirer certificates or their CA");
        }
    }

    /** @return the plaintext configuration: every default, no certificate. */
    public static TlsConfig plaintext()
    {
        return new TlsConfig(null, null, null, DEFAULT_CLIENT_AUTH, null, DEFAULT_PROVIDER, List.of(DEFAULT_PROTOCOLS),
            DEFAULT_HANDSHAKE_TIMEOUT_MILLIS);
    }

    /** @return whether the acquirer port speaks TLS. */
    public boolean enabled()
    {
        return certFile != null;
    }

    /** @return {@code text} ("TLSv1.3,TLSv1.2") as a list, blanks around the commas ignored. */
    public static List<String> parseProtocols(final String text)
    {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s*,\\s*"));
    }

    private static void requireAbsent(final boolean present, final String option)
    {
        if (present)
        {
            throw new IllegalArgumentException(option + " needs --tls-cert and --tls-key: without them the port is " +
                "plaintext");
        }
    }
}
