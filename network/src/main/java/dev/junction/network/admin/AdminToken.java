package dev.junction.network.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The bearer token that admin actions must present. Only its SHA-256 digest is kept, and a presented
 * token is compared digest to digest with {@link MessageDigest#isEqual}, so the time a comparison takes
 * says nothing about how much of a guess was right, not even its length. The token itself never
 * reaches a log line, an error or an answer.
 */
public final class AdminToken
{
    /** Shorter tokens are refused at start: they could be guessed. */
    public static final int MIN_LENGTH = 16;
    private static final String BEARER = "bearer ";
    private static final AdminToken NONE = new AdminToken(null);

    private final byte[] digest;

    private AdminToken(final byte[] digest)
    {
        this.digest = digest;
    }

    /** @return no token: every admin action answers 403, /health and /metrics stay open. */
    public static AdminToken none()
    {
        return NONE;
    }

    /**
     * Reads the token from the first line of {@code file}, without its line end.
     *
     * @throws IllegalArgumentException with a one-line reason naming the option (never the token).
     */
    public static AdminToken fromFile(final Path file)
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException e)
        {
            throw new IllegalArgumentException("cannot read --admin-token-file " + file + ": no such file");
        }
        catch (final AccessDeniedException e)
        {
            throw new IllegalArgumentException("cannot read --admin-token-file " + file + ": permission denied");
        }
        catch (final IOException | RuntimeException e)
        {
            throw new IllegalArgumentException("cannot read --admin-token-file " + file + ": " +
                e.getClass().getSimpleName());
        }
        final int lineEnd = text.indexOf('\n');
        return of(lineEnd < 0 ? text.strip() : text.substring(0, lineEnd).strip(), "--admin-token-file " + file);
    }

    /**
     * Reads the token from the environment variable {@code name}.
     *
     * @throws IllegalArgumentException with a one-line reason naming the option (never the token).
     */
    public static AdminToken fromEnvironment(final String name, final Map<String, String> environment)
    {
        final String value = environment.get(name);
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException("the environment variable " + name + " named by --admin-token-env " +
                "is not set");
        }
        return of(value.strip(), "the environment variable " + name + " (--admin-token-env)");
    }

    private static AdminToken of(final String token, final String source)
    {
        if (token.length() < MIN_LENGTH)
        {
            throw new IllegalArgumentException("the admin token in " + source + " must be at least " + MIN_LENGTH +
                " characters");
        }
        for (int i = 0; i < token.length(); i++)
        {
            final char c = token.charAt(i);
            if (c <= ' ' || c > '~')
            {
                throw new IllegalArgumentException("the admin token in " + source + " must be printable ASCII " +
                    "without spaces (it travels in an HTTP header)");
            }
        }
        return new AdminToken(sha256(token));
    }

    /** @return whether admin actions are enabled at all. */
    public boolean configured()
    {
        return digest != null;
    }

    /** @return whether an {@code Authorization} header value presents this token as a bearer token. */
    boolean admits(final String authorization)
    {
        if (digest == null || authorization == null || authorization.length() <= BEARER.length() ||
            !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(final String text)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
