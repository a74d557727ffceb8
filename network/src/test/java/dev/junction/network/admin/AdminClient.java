package dev.junction.network.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP/1.1 client for the admin endpoint, as curl would call it. */
final class AdminClient
{
    /** An answer: its status, its body without the line end, and its Content-Type. */
    record Answer(int status, String body, String contentType)
    {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    AdminClient(final InetSocketAddress address)
    {
        base = "http://127.0.0.1:" + address.getPort();
    }

    Answer get(final String path) throws IOException, InterruptedException
    {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** POSTs a form-encoded body ({@code name=value&...}, already encoded) with the bearer token, if any. */
    Answer post(final String path, final String token, final String form) throws IOException, InterruptedException
    {
        return send(request(path, token, form));
    }

    HttpRequest.Builder request(final String path, final String token, final String form)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    Answer send(final HttpRequest.Builder request) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return answer(response);
    }

    java.util.concurrent.CompletableFuture<Answer> sendAsync(final HttpRequest.Builder request)
    {
        return http.sendAsync(request.timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(AdminClient::answer);
    }

    private static Answer answer(final HttpResponse<String> response)
    {
        final String body = response.body();
        return new Answer(response.statusCode(), body.endsWith("\n") && body.indexOf('\n') == body.length() - 1 ?
            body.substring(0, body.length() - 1) : body, response.headers().firstValue("Content-Type").orElse(""));
    }
}
