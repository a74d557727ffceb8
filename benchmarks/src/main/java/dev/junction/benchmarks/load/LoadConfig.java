package dev.junction.benchmarks.load;

import dev.junction.network.traffic.DemoCards;
import dev.junction.network.traffic.TransactionMix;
import java.util.concurrent.TimeUnit;

/**
 * What one load run does: where, how many connections, open loop at a rate or saturating, for how
 * long, which requests, which cards. Validated on construction, with messages naming the option.
 *
 * @param host                    the switch's address.
 * @param port                    its ISO 8583 port.
 * @param connections             TCP connections, all driven by the one load thread.
 * @param ratePerSecond           requests per second over all connections (open loop); 0 saturates.
 * @param inFlightPerConnection   the most requests outstanding on a connection.
 * @param durationNanos           the measured run, after the warm-up.
 * @param warmupNanos             load sent before the measured run; its answers are checked but their
 *                                latencies are not in the final histogram.
 * @param graceNanos              how long to wait after the run for the last answers.
 * @param mix                     the request kinds and their weights.
 * @param cardCount               demo cards 1..cardCount are provisioned.
 * @param includeDeclines         draw from card 1 instead of 6 (cards 1-5 decline by design).
 * @param seed                    seeds the card and kind draws.
 * @param amountMinor             field 4 of each financial request.
 * @param expectEcho              the server is the echo floor: an answer carries the request's own MTI.
 * @param acquirer                the institution each connection signs on as, and the MAC key, if any.
 */
public record LoadConfig(
    String host,
    int port,
    int connections,
    long ratePerSecond,
    int inFlightPerConnection,
    long durationNanos,
    long warmupNanos,
    long graceNanos,
    TransactionMix mix,
    int cardCount,
    boolean includeDeclines,
    long seed,
    long amountMinor,
    boolean expectEcho,
    AcquirerIdentity acquirer)
{
    public static final int MAX_CONNECTIONS = 1_024;
    public static final long MAX_RATE = 10_000_000;
    public static final int MAX_IN_FLIGHT = 100_000;
    /** Field 4 has 12 digits. */
    public static final long MAX_AMOUNT_MINOR = 999_999_999_999L;

    public LoadConfig
    {
        require(port >= 1 && port <= 65_535, "--port must be 1..65535: " + port);
        require(connections >= 1 && connections <= MAX_CONNECTIONS, "--connections must be 1.." + MAX_CONNECTIONS + ": " + connections);
        require(ratePerSecond >= 0 && ratePerSecond <= MAX_RATE, "--rate must be 0 (saturate) or up to " + MAX_RATE + ": " + ratePerSecond);
        require(inFlightPerConnection >= 1 && inFlightPerConnection <= MAX_IN_FLIGHT,
            "--in-flight must be 1.." + MAX_IN_FLIGHT + ": " + inFlightPerConnection);
        require(durationNanos > 0, "--duration must be more than 0");
        require(warmupNanos >= 0, "--warmup must not be negative");
        require(graceNanos >= 0, "--grace must not be negative");
        require(amountMinor >= 1 && amountMinor <= MAX_AMOUNT_MINOR, "--amount-minor must be 1.." + MAX_AMOUNT_MINOR + ": " + amountMinor);
        require(mix != null, "--mix is required");
        require(host != null && !host.isBlank(), "--host must name a host");
        require(acquirer != null, "acquirer is required (AcquirerIdentity.NONE for none)");
        new DemoCards(cardCount, includeDeclines);
    }

    /** @return a config with the CLI's defaults, to change with the {@code with…} methods (tests). */
    public static LoadConfig defaults(final String host, final int port)
    {
        return new LoadConfig(host, port, 4, 0, 64, TimeUnit.SECONDS.toNanos(60), TimeUnit.SECONDS.toNanos(5),
            TimeUnit.SECONDS.toNanos(5), TransactionMix.parse(TransactionMix.DEFAULT), 100_000, false, 1, 100, false,
            AcquirerIdentity.NONE);
    }

    public boolean isSaturating()
    {
        return ratePerSecond == 0;
    }

    public LoadConfig withConnections(final int value)
    {
        return new LoadConfig(host, port, value, ratePerSecond, inFlightPerConnection, durationNanos, warmupNanos,
            graceNanos, mix, cardCount, includeDeclines, seed, amountMinor, expectEcho, acquirer);
    }

    public LoadConfig withRate(final long value)
    {
        return new LoadConfig(host, port, connections, value, inFlightPerConnection, durationNanos, warmupNanos,
            graceNanos, mix, cardCount, includeDeclines, seed, amountMinor, expectEcho, acquirer);
    }

    public LoadConfig withInFlight(final int value)
    {
        return new LoadConfig(host, port, connections, ratePerSecond, value, durationNanos, warmupNanos,
            graceNanos, mix, cardCount, includeDeclines, seed, amountMinor, expectEcho, acquirer);
    }

    public LoadConfig withTiming(final long durationMillis, final long warmupMillis, final long graceMillis)
    {
        return new LoadConfig(host, port, connections, ratePerSecond, inFlightPerConnection,
            TimeUnit.MILLISECONDS.toNanos(durationMillis), TimeUnit.MILLISECONDS.toNanos(warmupMillis),
            TimeUnit.MILLISECONDS.toNanos(graceMillis), mix, cardCount, includeDeclines, seed, amountMinor, expectEcho, acquirer);
    }

    public LoadConfig withMix(final String value)
    {
        return new LoadConfig(host, port, connections, ratePerSecond, inFlightPerConnection, durationNanos, warmupNanos,
            graceNanos, TransactionMix.parse(value), cardCount, includeDeclines, seed, amountMinor, expectEcho, acquirer);
    }

    public LoadConfig withCards(final int value, final boolean declines)
    {
        return new LoadConfig(host, port, connections, ratePerSecond, inFlightPerConnection, durationNanos, warmupNanos,
            graceNanos, mix, value, declines, seed, amountMinor, expectEcho, acquirer);
    }

    public LoadConfig withExpectEcho(final boolean value)
    {
        return new LoadConfig(host, port, connections, ratePerSecond, inFlightPerConnection, durationNanos, warmupNanos,
            graceNanos, mix, cardCount, includeDeclines, seed, amountMinor, value, acquirer);
    }

    public LoadConfig withAcquirer(final AcquirerIdentity value)
    {
        return new LoadConfig(host, port, connections, ratePerSecond, inFlightPerConnection, durationNanos, warmupNanos,
            graceNanos, mix, cardCount, includeDeclines, seed, amountMinor, expectEcho, value);
    }

    private static void require(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
