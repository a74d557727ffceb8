package dev.junction.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import dev.junction.core.refdata.DemoData;
import dev.junction.network.JunctionServer;
import dev.junction.network.ServerConfig;
import dev.junction.network.StartupException;

/**
 * A Junction switch started in this JVM for a test: a temporary data directory, a free port, and the
 * first {@link #CARDS} demo cards written as CSV (cards 1-5 the demo's decline cards, the rest active
 * on accounts rich enough for any test), so the load generator's demo PANs are all provisioned.
 */
final class SwitchForTest implements AutoCloseable
{
    static final int CARDS = 300;
    private static final long RICH_MINOR = 900_000_000_000L;

    final JunctionServer server;
    final AtomicReference<Throwable> fatal = new AtomicReference<>();

    SwitchForTest(final Path dir) throws IOException, StartupException
    {
        this(dir, UnaryOperator.identity());
    }

    /** @param acquirersFile the switch's --acquirers file, or null: it runs open. */
    SwitchForTest(final Path dir, final Path acquirersFile) throws IOException, StartupException
    {
        this(dir, options -> options.acquirersFile(acquirersFile));
    }

    /** @param options adds options to the test's configuration (acquirers, TLS). */
    SwitchForTest(final Path dir, final UnaryOperator<ServerConfig.Builder> options) throws IOException, StartupException
    {
        final StringBuilder accounts = new StringBuilder("account_id,currency,balance_minor,credit_limit_minor\n");
        final StringBuilder cards = new StringBuilder("pan,account_id,expiry_yymm,status\n");
        for (int n = 1; n <= CARDS; n++)
        {
            accounts.append(n).append(",840,").append(n == DemoData.EMPTY_ACCOUNT_CARD ? 0 : RICH_MINOR).append(",0\n");
            final String status = n == DemoData.LOST_CARD ? "lost" : n == DemoData.STOLEN_CARD ? "stolen" :
                n == DemoData.BLOCKED_CARD ? "blocked" : "active";
            cards.append(DemoData.pan(n)).append(',').append(n).append(',')
                .append(n == DemoData.EXPIRED_CARD ? DemoData.EXPIRED_YYMM : DemoData.EXPIRY_YYMM).append(',')
                .append(status).append('\n');
        }
        final ServerConfig config = options.apply(ServerConfig.builder().port(0).adminPort(0).dataDir(dir.resolve("data"))
            .accountsFile(Files.writeString(dir.resolve("accounts.csv"), accounts))
            .cardsFile(Files.writeString(dir.resolve("cards.csv"), cards))
            .accountCapacity(1_000).cardCapacity(1_000).shutdownTimeoutMillis(5_000)).build();
        server = new JunctionServer(config, fatal::set);
        server.start();
    }

    int port()
    {
        return server.address().getPort();
    }

    @Override
    public void close()
    {
        server.close();
    }
}
