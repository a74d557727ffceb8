package dev.junction.network;

/** The acquirer port's TLS on the JDK's own implementation ({@code --tls-provider jdk}), which runs everywhere. */
class TlsOverJdkTest extends TlsServerContract
{
    @Override
    String provider()
    {
        return TlsConfig.PROVIDER_JDK;
    }
}
