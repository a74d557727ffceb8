package dev.junction.network.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.junction.network.NettyLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin actions' HTTP side, on an endpoint of its own (no ring behind it): each route reaches its
 * action with exactly the parameters sent; a missing or wrong token, a bad parameter, a body too large,
 * a full queue each get their own clear answer, and the action is then never called.
 */
@ExtendWith(NettyLeaks.class)
class AdminRoutesTest
{
    private static final String TOKEN = "s3cret-admin-token-0123456789";
    private static final String PAN = "4000000000000069";
    private static final String MASKED = "400000******0069";

    @TempDir
    Path dir;

    private final RecordingAdminActions actions = new RecordingAdminActions();
    private final Readiness readiness = new Readiness();
    private final MetricsRegistry metrics = new MetricsRegistry();
    private AdminHttpServer server;
    private AdminClient client;

    private void start(final AdminToken token, final int maxBodyBytes, final int maxConnections,
        final long idleTimeoutMillis, final int queueCapacity)
    {
        server = new AdminHttpServer(new AdminSettings("127.0.0.1", 0, maxBodyBytes, maxConnections, idleTimeoutMillis,
            queueCapacity), token, readiness, metrics, actions);
        client = new AdminClient(server.start());
    }

    private void startReady() throws IOException
    {
        start(AdminToken.fromFile(Files.writeString(dir.resolve("token"), TOKEN + "\n")), 64 * 1024, 8, 30_000, 16);
        readiness.moveTo(Readiness.State.READY);
    }

    @AfterEach
    void stop()
    {
        actions.release();
        if (server != null)
        {
            server.close();
        }
    }

    @Test
    void eachActionReachesItsCallWithTheParametersSentAndItsAnswerComesBack() throws Exception
    {
        startReady();
        actions.result = new AdminResult(200, "card blocked");

        final AdminClient.Answer blocked = client.post("/admin/cards/block", TOKEN, "pan=" + PAN);

        assertEquals(new AdminClient.Answer(200, "card blocked", "text/plain; charset=utf-8"), blocked);
        assertEquals(1, actions.calls.size());
        assertTrue(actions.calls.get(0).matches("blockCard " + PAN + " by 127\\.0\\.0\\.1:\\d+ \\(token\\)"),
            actions.calls.get(0));

        actions.result = new AdminResult(409, "card is lost; a lost card cannot be unblocked");
        assertEquals(409, client.post("/admin/cards/unblock", TOKEN, "pan=" + PAN).status());
        assertEquals(409, client.post("/admin/cards/limits", TOKEN,
            "pan=" + PAN + "&max_single_minor=10000&daily_amount_minor=50000&daily_count=3").status());
        client.post("/admin/cards/limits", TOKEN, "pan=" + PAN + "&daily_count=5");
        client.post("/admin/accounts/adjust", TOKEN,
            "account_id=1001&amount_minor=-2500&currency=840&reference=CASE+42%2FA");
        client.post("/admin/cutover", TOKEN, "");
        client.post("/admin/snapshot", TOKEN, "");

        assertEquals(List.of(
            "unblockCard " + PAN,
            "setCardLimits " + PAN + " 10000 50000 3",
            "setCardLimits " + PAN + " 0 0 5",
            "adjustAccount 1001 -2500 840 CASE 42/A",
            "cutover",
            "snapshot"), actions.calls.subList(1, actions.calls.size()).stream()
            .map(call -> call.substring(0, call.indexOf(" by "))).collect(Collectors.toList()));
    }

    @Test
    void referenceDataArrivesAsFormFieldsOrAsMultipartFiles() throws Exception
    {
        startReady();
        final String accounts = "account_id,currency,balance_minor,credit_limit_minor\n9001,840,5000,0\n";
        final String cards = "pan,account_id,expiry_yymm,status\n" + PAN + ",9001,3012,active\n";

        assertEquals(200, client.post("/admin/reference-data", TOKEN, "accounts=" +
            java.net.URLEncoder.encode(accounts, StandardCharsets.UTF_8) + "&cards=" +
            java.net.URLEncoder.encode(cards, StandardCharsets.UTF_8)).status());

        final String boundary = "----junction-test-boundary";
        final String multipart = "--" + boundary + "\r\n" +
            "Content-Disposition: form-data; name=\"cards\"; filename=\"cards.csv\"\r\n" +
            "Content-Type: text/csv\r\n\r\n" + cards + "\r\n" +
            "--" + boundary + "--\r\n";
        final AdminClient.Answer uploaded = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.address().getPort() + "/admin/reference-data"))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(multipart)));

        assertEquals(200, uploaded.status(), uploaded.body());
        assertEquals("loadReferenceData accounts=[" + accounts + "] cards=[" + cards + "]",
            actions.calls.get(0).substring(0, actions.calls.get(0).indexOf(" by ")));
        assertEquals("loadReferenceData accounts=[null] cards=[" + cards + "]",
            actions.calls.get(1).substring(0, actions.calls.get(1).indexOf(" by ")));
        assertEquals(400, client.post("/admin/reference-data", TOKEN, "").status(), "neither accounts nor cards");
    }

    @Test
    void anAuditLineNamesActorActionMaskedPanAndResultAndNeverTheFullPan() throws Exception
    {
        startReady();
        actions.result = new AdminResult(200, "card " + PAN + " blocked");
        try (CapturedLog log = new CapturedLog())
        {
            final AdminClient.Answer answer = client.post("/admin/cards/block", TOKEN, "pan=" + PAN);

            assertEquals("card " + MASKED + " blocked", answer.body(), "a PAN in an action's message is masked");
            final List<String> audit = log.lines().stream().filter(line -> line.contains("admin block-card"))
                .collect(Collectors.toList());
            assertEquals(1, audit.size(), log.lines().toString());
            assertTrue(audit.get(0).matches("INFO admin block-card by 127\\.0\\.0\\.1:\\d+ \\(token\\) pan=" +
                MASKED.replace("*", "\\*") + ": 200 card " + MASKED.replace("*", "\\*") + " blocked"), audit.get(0));
            assertFalse(log.lines().stream().anyMatch(line -> line.contains(PAN) || line.contains(TOKEN)),
                log.lines().toString());
        }
    }

    @Test
    void aMissingOrWrongTokenIs401CountedAndLoggedRateLimitedWithoutTheToken() throws Exception
    {
        startReady();
        try (CapturedLog log = new CapturedLog())
        {
            assertEquals(401, client.post("/admin/cards/block", null, "pan=" + PAN).status());
            final AdminClient.Answer wrong = client.post("/admin/cards/block", TOKEN + "x", "pan=" + PAN);
            assertEquals(401, wrong.status());
            assertEquals("missing or wrong bearer token: send Authorization: Bearer <token>", wrong.body());
            assertEquals(401, client.send(client.request("/admin/cutover", null, "")
                .header("Authorization", "Basic " + TOKEN)).status(), "not a bearer token");
            for (int i = 0; i < 9; i++)
            {
                assertEquals(401, client.post("/admin/snapshot", "guess-" + i + "-0123456789abcdef", "").status());
            }

            assertTrue(actions.calls.isEmpty(), "no action runs without the token");
            assertEquals(12, new PrometheusScrape(client.get("/metrics").body())
                .count("junction_admin_auth_failures_total"));
            final List<String> warnings = log.lines().stream().filter(line -> line.contains("refused 401"))
                .collect(Collectors.toList());
            assertEquals(AdminAudit.AUTH_FAILURE_BURST, warnings.size(), "the first 10 are logged, then 1 in 1,000");
            assertFalse(log.lines().stream().anyMatch(line -> line.contains(TOKEN) || line.contains("guess-")),
                "no token, right or wrong, in the log");
        }
        assertEquals(200, client.post("/admin/snapshot", TOKEN, "").status(), "the right token still works");
    }

    @Test
    void withNoTokenConfiguredActionsAre403WhileHealthAndMetricsStayOpen() throws Exception
    {
        start(AdminToken.none(), 64 * 1024, 8, 30_000, 16);
        readiness.moveTo(Readiness.State.READY);

        final AdminClient.Answer refused = client.post("/admin/cards/block", "anything-at-all-here", "pan=" + PAN);

        assertEquals(new AdminClient.Answer(403, "admin actions are disabled: no --admin-token-file",
            "text/plain; charset=utf-8"), refused);
        assertEquals(403, client.post("/admin/cutover", null, "").status());
        assertEquals(new AdminClient.Answer(200, "ready", "text/plain; charset=utf-8"), client.get("/health"));
        assertEquals(200, client.get("/metrics").status());
        assertTrue(actions.calls.isEmpty());
    }

    @Test
    void everyBadParameterIs400NamingTheParameterAndNoActionRuns() throws Exception
    {
        startReady();
        assertRefused(400, "missing parameter pan", "/admin/cards/block", "");
        assertRefused(400, "pan must be 12 to 19 digits, not starting with 0", "/admin/cards/block", "pan=40000000001");
        assertRefused(400, "pan must be 12 to 19 digits, not starting with 0", "/admin/cards/block", "pan=0400000000000069");
        assertRefused(400, "pan must be 12 to 19 digits, not starting with 0", "/admin/cards/unblock", "pan=4000x00000000069");
        assertRefused(400, "max_single_minor must be a whole number from 0 to 999,999,999,999,999",
            "/admin/cards/limits", "pan=" + PAN + "&max_single_minor=-1");
        assertRefused(400, "daily_amount_minor must be a whole number from 0 to 999,999,999,999,999",
            "/admin/cards/limits", "pan=" + PAN + "&daily_amount_minor=1e6");
        assertRefused(400, "daily_count must be a whole number from 0 to 2,147,483,647",
            "/admin/cards/limits", "pan=" + PAN + "&daily_count=2147483648");
        assertRefused(400, "account_id must be a whole number from 1 to 999,999,999,999,999,999",
            "/admin/accounts/adjust", "account_id=0&amount_minor=5&currency=840&reference=r");
        assertRefused(400, "amount_minor must be a whole number from -999,999,999,999,999 to 999,999,999,999,999",
            "/admin/accounts/adjust", "account_id=1&amount_minor=99999999999999999999&currency=840&reference=r");
        assertRefused(400, "amount_minor must not be 0: positive credits the account, negative debits it",
            "/admin/accounts/adjust", "account_id=1&amount_minor=0&currency=840&reference=r");
        assertRefused(400, "currency must be an ISO 4217 numeric currency code of 3 digits, e.g. 840",
            "/admin/accounts/adjust", "account_id=1&amount_minor=5&currency=USD&reference=r");
        assertRefused(400, "reference must be 1 to 16 printable ASCII characters",
            "/admin/accounts/adjust", "account_id=1&amount_minor=5&currency=840&reference=01234567890123456");
        assertRefused(400, "missing parameter reference",
            "/admin/accounts/adjust", "account_id=1&amount_minor=5&currency=840");
        assertRefused(400, "unknown parameter 'daily_amount'; this action takes ",
            "/admin/cards/limits", "pan=" + PAN + "&daily_amount=5");
        assertRefused(400, "unknown parameter (name not shown); this action takes none",
            "/admin/cutover", PAN + "=1");
        assertRefused(400, "parameter 'pan' is given 2 times", "/admin/cards/block", "pan=" + PAN + "&pan=" + PAN);
        assertRefused(400, "the body is not valid application/x-www-form-urlencoded (a bad %-escape)",
            "/admin/cards/block", "pan=%G1");
        assertRefused(400, "parameters go in the form body, never in the URL", "/admin/cards/block?pan=" + PAN, "");

        assertTrue(actions.calls.isEmpty(), actions.calls.toString());
    }

    private void assertRefused(final int status, final String messageStart, final String path, final String form)
        throws Exception
    {
        final AdminClient.Answer answer = client.post(path, TOKEN, form);
        assertEquals(status, answer.status(), path + " " + form + ": " + answer.body());
        assertTrue(answer.body().startsWith(messageStart), answer.body());
        assertFalse(answer.body().contains(PAN), "a PAN is never echoed: " + answer.body());
        assertFalse(answer.body().contains("\n") || answer.body().contains("Exception"), answer.body());
    }

    @Test
    void otherMethodsPathsAndContentTypesAreRefusedClearly() throws Exception
    {
        startReady();
        final AdminClient.Answer get = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + server.address().getPort() + "/admin/cards/block")).header("Authorization",
            "Bearer " + TOKEN).GET());
        assertEquals(405, get.status());
        assertEquals("use POST here", get.body());
        assertEquals(405, client.post("/health", null, "").status());
        final AdminClient.Answer missing = client.get("/admin/nothing");
        assertEquals(401, missing.status(), "an unknown admin path still needs the token first");
        final AdminClient.Answer unknown = client.post("/admin/nothing", TOKEN, "");
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().startsWith("no such endpoint"), unknown.body());
        assertEquals(404, client.get("/").status());
        final AdminClient.Answer json = client.send(client.request("/admin/cards/block", TOKEN, "{\"pan\":1}")
            .setHeader("Content-Type", "application/json"));
        assertEquals(415, json.status());
        assertTrue(actions.calls.isEmpty());
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeItIsRead() throws Exception
    {
        start(AdminToken.fromFile(Files.writeString(dir.resolve("token"), TOKEN)), 1024, 8, 30_000, 16);
        readiness.moveTo(Readiness.State.READY);
        final String big = "cards=" + "x".repeat(2048);

        final AdminClient.Answer tooLarge = client.post("/admin/reference-data", TOKEN, big);

        assertEquals(new AdminClient.Answer(413, "request body over --admin-max-body-bytes 1024",
            "text/plain; charset=utf-8"), tooLarge);
        assertTrue(actions.calls.isEmpty());
        assertEquals(200, client.post("/admin/reference-data", TOKEN, "cards=" + "x".repeat(900)).status(),
            "a body within the limit passes");
    }

    @Test
    void aChunkedBodyThatOutgrowsTheLimitIs413() throws Exception
    {
        start(AdminToken.fromFile(Files.writeString(dir.resolve("token"), TOKEN)), 1024, 8, 30_000, 16);
        readiness.moveTo(Readiness.State.READY);
        final StringBuilder request = new StringBuilder("POST /admin/reference-data HTTP/1.1\r\nHost: x\r\n" +
            "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n");
        final String chunk = "c".repeat(500);
        request.append("6\r\ncards=\r\n");
        for (int i = 0; i < 4; i++)
        {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");

        final String answer = exchange(request.toString());

        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.endsWith("request body over --admin-max-body-bytes 1024\n"), answer);
        assertTrue(actions.calls.isEmpty());
    }

    @Test
    void aMalformedRequestIs400WithOneLine() throws Exception
    {
        startReady();
        final String answer = exchange("NOT HTTP AT ALL\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.endsWith("\r\n\r\nmalformed HTTP request\n"), answer);
        final String longLine = exchange("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(longLine.startsWith("HTTP/1.1 414 "), longLine);
    }

    /** Sends raw bytes on a new connection and reads until the endpoint closes it. */
    private String exchange(final String request) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort()))
        {
            socket.setSoTimeout(20_000);
            final OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anActionBeforeTheSwitchIsReadyIs503NamingThePhase() throws Exception
    {
        start(AdminToken.fromFile(Files.writeString(dir.resolve("token"), TOKEN)), 1024, 8, 30_000, 16);
        readiness.moveTo(Readiness.State.RECOVERING);

        assertEquals(new AdminClient.Answer(503, "not ready: recovering", "text/plain; charset=utf-8"),
            client.post("/admin/cards/block", TOKEN, "pan=" + PAN));
        assertEquals(new AdminClient.Answer(503, "recovering", "text/plain; charset=utf-8"), client.get("/health"));
        assertTrue(actions.calls.isEmpty());
    }

    @Test
    void aFullActionQueueIs503AndTheOthersStillComplete() throws Exception
    {
        start(AdminToken.fromFile(Files.writeString(dir.resolve("token"), TOKEN)), 1024, 8, 30_000, 1);
        readiness.moveTo(Readiness.State.READY);
        actions.hold();
        final CompletableFuture<AdminClient.Answer> first = client.sendAsync(client.request("/admin/cutover", TOKEN, ""));
        final CompletableFuture<AdminClient.Answer> second = client.sendAsync(client.request("/admin/snapshot", TOKEN, ""));
        assertTrue(actions.entered.tryAcquire(2, 30, TimeUnit.SECONDS), "both action threads are busy");
        // Two more: one fits the queue of 1, the other is refused at once.
        final CompletableFuture<AdminClient.Answer> third = client.sendAsync(client.request("/admin/cutover", TOKEN, ""));
        final CompletableFuture<AdminClient.Answer> fourth = client.sendAsync(client.request("/admin/cutover", TOKEN, ""));

        final AdminClient.Answer refused = (AdminClient.Answer)CompletableFuture.anyOf(third, fourth).get(30, TimeUnit.SECONDS);

        assertEquals(503, refused.status());
        assertEquals("the admin action queue is full (--admin-queue-capacity 1); retry later", refused.body());
        actions.release();
        int ok = 0;
        for (final CompletableFuture<AdminClient.Answer> answer : List.of(first, second, third, fourth))
        {
            ok += answer.get(30, TimeUnit.SECONDS).status() == 200 ? 1 : 0;
        }
        assertEquals(3, ok);
        assertEquals(1, new PrometheusScrape(client.get("/metrics").body()).count("junction_admin_actions_refused_total"));
    }

    @Test
    void requestsPipelinedBehindAnActionAreAnsweredAfterItInOrder() throws Exception
    {
        startReady();
        actions.hold();
        actions.result = new AdminResult(200, "cut over");
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort()))
        {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /admin/cutover HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN +
                "\r\nContent-Length: 0\r\n\r\n" +
                "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(actions.entered.tryAcquire(30, TimeUnit.SECONDS));
            actions.release();

            final String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            final int action = answers.indexOf("\r\n\r\ncut over\n");
            final int health = answers.indexOf("\r\n\r\nready\n");
            assertTrue(action > 0 && health > action, "the action's answer first, then /health's:\n" + answers);
        }
    }

    @Test
    void anActionThatThrowsIs500WithOneLineAndNoStackTrace() throws Exception
    {
        startReady();
        actions.failure = new IllegalStateException("ring on fire");

        final AdminClient.Answer answer = client.post("/admin/cutover", TOKEN, "");

        assertEquals(new AdminClient.Answer(500, "the action failed; see the switch's log", "text/plain; charset=utf-8"),
            answer);
        assertEquals(200, client.get("/health").status(), "the endpoint carries on");
    }

    @Test
    void connectionsOverTheLimitAreClosedOnAcceptAndCounted() throws Exception
    {
        start(AdminToken.none(), 1024, 2, 30_000, 16);
        try (Socket one = new Socket("127.0.0.1", server.address().getPort());
             Socket two = new Socket("127.0.0.1", server.address().getPort()))
        {
            assertTrue(getOver(one, "/health").startsWith("HTTP/1.1 503 "), "the first two are served");
            assertTrue(getOver(two, "/health").startsWith("HTTP/1.1 503 "));
            try (Socket three = new Socket("127.0.0.1", server.address().getPort()))
            {
                three.setSoTimeout(20_000);
                assertEquals(-1, three.getInputStream().read(), "the third is closed on accept");
            }
            final String metricsPage = getOver(one, "/metrics");
            assertEquals(1, new PrometheusScrape(metricsPage.substring(metricsPage.indexOf("\r\n\r\n") + 4))
                .count("junction_admin_connections_refused_total"));
        }
    }

    /** Sends a GET on an open keep-alive connection and reads one whole answer (head and body). */
    private static String getOver(final Socket socket, final String path) throws IOException
    {
        socket.setSoTimeout(20_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        final InputStream in = socket.getInputStream();
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n"))
        {
            final int b = in.read();
            if (b < 0)
            {
                return head.toString();
            }
            head.append((char)b);
        }
        final java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
            .matcher(head);
        final byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception
    {
        start(AdminToken.none(), 1024, 8, 200, 16);
        try (Socket idle = new Socket("127.0.0.1", server.address().getPort()))
        {
            idle.setSoTimeout(20_000);
            assertEquals(-1, idle.getInputStream().read(), "closed by the endpoint after --admin-idle-timeout-ms");
        }
    }
}
