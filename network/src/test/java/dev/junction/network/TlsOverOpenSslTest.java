package dev.junction.network;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.BeforeAll;

/**
 * The acquirer port's TLS on OpenSSL ({@code --tls-provider openssl}: BoringSSL from netty-tcnative).
 * Skipped, saying why, where the native library does not load; on Linux x86-64 it loads.
 */
class TlsOverOpenSslTest extends TlsServerContract
{
    @BeforeAll
    static void openSslLoads()
    {
        assumeTrue(OpenSsl.isAvailable(), () -> "OpenSSL does not load here: " + OpenSsl.unavailabilityCause());
    }

    @Override
    String provider()
    {
        return TlsConfig.PROVIDER_OPENSSL;
    }
}
