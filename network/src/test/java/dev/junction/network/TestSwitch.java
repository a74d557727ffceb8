package dev.junction.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * A switch started for a test: a temporary data directory, the test reference data below, a free
 * port on 127.0.0.1, and a fatal handler that records instead of halting the test JVM. Public for its
 * message builders and exchange, which the admin tests use against their own switches.
 */
public final class TestSwitch implements AutoCloseable
{
    static final String ACTIVE = "4000000000000001";
    static final String LOST = "4000000000000002";
    static final String STOLEN = "4000000000000003";
    static final String BLOCKED = "4000000000000004";
    static final String EXPIRED = "4000000000000005";
    static final String EMPTY = "4000000000000006";
    /** On account 3, which holds more than any test spends. */
    static final String RICH = "4000000000000007";
    static final String UNKNOWN = "4000000000009999";

    static final String ACCOUNTS_CSV = String.join("\n",
        "account_id,currency,balance_minor,credit_limit_minor,owner",
        "1,840,10000,0,alice",
        "2,840,0,0,bob",
        "3,840,900000000000,0,carol", "");
    static final String CARDS_CSV = String.join("\n",
        "pan,account_id,expiry_yymm,status",
        ACTIVE + ",1,3012,active",
        LOST + ",1,3012,lost",
        STOLEN + ",1,3012,stolen",
        BLOCKED + ",1,3012,blocked",
        EXPIRED + ",1,2012,active",
        EMPTY + ",2,3012,active",
        RICH + ",3,3012,active", "");

    final Path dataDir;
    final ServerConfig config;
    final JunctionServer server;
    final JunctionServer.StartupReport report;
    final AtomicReference<Throwable> fatal = new AtomicReference<>();

    private TestSwitch(final ServerConfig config) throws StartupException
    {
        this.dataDir = config.dataDir();
        this.config = config;
        this.server = new JunctionServer(config, fatal::set);
        this.report = server.start();
    }

    /** Writes the test CSVs into {@code dir} and returns a config builder using them, on a free port. */
    static ServerConfig.Builder configIn(final Path dir) throws IOException
    {
        final Path accounts = Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS_CSV);
        final Path cards = Files.writeString(dir.resolve("cards.csv"), CARDS_CSV);
        return ServerConfig.builder().port(0).adminPort(0).dataDir(dir.resolve("data")).accountsFile(accounts).cardsFile(cards)
            .accountCapacity(1_000).cardCapacity(1_000).ringSize(1024).shutdownTimeoutMillis(5_000);
    }

    static TestSwitch start(final Path dir) throws IOException, StartupException
    {
        return start(configIn(dir).build());
    }

    static TestSwitch start(final ServerConfig config) throws StartupException
    {
        return new TestSwitch(config);
    }

    int port()
    {
        return server.address().getPort();
    }

    /** @return what {@code GET /metrics} on the switch's admin endpoint answers (the config must give it a port). */
    String metrics() throws IOException, InterruptedException
    {
        final java.net.InetSocketAddress admin = server.adminAddress();
        final java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + admin.getPort() + "/metrics"))
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new IllegalStateException("GET /metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** A connected jPOS client speaking the wire dialect: ISO87BPackager over NACChannel, no header. */
    NACChannel connect() throws IOException
    {
        final NACChannel channel = new NACChannel("127.0.0.1", port(), new ISO87BPackager(), null);
        channel.setTimeout(10_000);
        channel.connect();
        return channel;
    }

    @Override
    public void close()
    {
        server.close();
    }

    /** An 0100 or 0200 as an acquirer sends it. */
    public static ISOMsg request(final String mti, final String pan, final long amountMinor, final int stan) throws ISOException
    {
        final ISOMsg msg = new ISOMsg();
        msg.setMTI(mti);
        msg.set(2, pan);
        msg.set(3, "000000");
        msg.set(4, String.format("%012d", amountMinor));
        msg.set(7, "1121120000");
        msg.set(11, String.format("%06d", stan));
        msg.set(12, "120000");
        msg.set(13, "1121");
        msg.set(32, "123456");
        msg.set(37, String.format("RRN%09d", stan));
        msg.set(41, "TERM0001");
        msg.set(42, "MERCHANT0000001");
        msg.set(49, "840");
        return msg;
    }

    /** Sends {@code request} and @return the answer, or null when the connection closed. */
    public static ISOMsg exchange(final NACChannel channel, final ISOMsg request) throws ISOException, IOException
    {
        channel.send(request);
        return channel.receive();
    }

    /** An 0800 with network management code {@code code} (301 is an echo). */
    public static ISOMsg networkManagement(final String code, final int stan) throws ISOException
    {
        final ISOMsg msg = new ISOMsg();
        msg.setMTI("0800");
        msg.set(7, "1121120000");
        msg.set(11, String.format("%06d", stan));
        msg.set(70, code);
        return msg;
    }

    /** The fields an answer must echo from its request, as present. */
    static final List<Integer> ECHOED = List.of(2, 3, 4, 7, 11, 12, 13, 32, 37, 41, 42, 49, 70);
}
