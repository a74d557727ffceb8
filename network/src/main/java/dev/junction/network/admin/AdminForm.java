package dev.junction.network.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.junction.core.refdata.Pans;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

/**
 * The parameters of an admin action, from its body: {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data}, never the URL, so that card numbers stay out of URLs and access logs.
 * Each accessor validates one parameter and, when it is missing or wrong, throws a 400 that names the
 * parameter and the rule, never the value it was given.
 */
final class AdminForm
{
    /** Amounts and limits: the range a rules file allows, 15 digits. */
    static final long MAX_AMOUNT_MINOR = 999_999_999_999_999L;
    static final long MAX_ACCOUNT_ID = 999_999_999_999_999_999L;
    /** An operator's reference for an adjustment: printable ASCII, as the journaled record holds it. */
    static final int MAX_REFERENCE_LENGTH = 16;
    /** More form fields than any action takes, so a flood of them is refused rather than parsed. */
    private static final int MAX_PARAMETERS = 16;
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";

    private final Map<String, String> values;

    private AdminForm(final Map<String, String> values)
    {
        this.values = values;
    }

    /** For tests and for actions that take no parameters. */
    static AdminForm of(final Map<String, String> values)
    {
        return new AdminForm(new LinkedHashMap<>(values));
    }

    /** Parses the body of an admin request; an empty body has no parameters. */
    static AdminForm parse(final FullHttpRequest request) throws BadRequestException
    {
        if (!request.content().isReadable())
        {
            return new AdminForm(new LinkedHashMap<>());
        }
        final String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (startsWithIgnoringCase(contentType, FORM))
        {
            return parseUrlEncoded(request.content().toString(StandardCharsets.UTF_8));
        }
        if (startsWithIgnoringCase(contentType, MULTIPART))
        {
            return parseMultipart(request);
        }
        throw new BadRequestException(415, "the body must be " + FORM + " or " + MULTIPART);
    }

    private static AdminForm parseUrlEncoded(final String body) throws BadRequestException
    {
        final Map<String, List<String>> decoded;
        try
        {
            decoded = new QueryStringDecoder(body, StandardCharsets.UTF_8, false, MAX_PARAMETERS + 1).parameters();
        }
        catch (final IllegalArgumentException e)
        {
            throw new BadRequestException(400, "the body is not valid " + FORM + " (a bad %-escape)");
        }
        if (decoded.size() > MAX_PARAMETERS)
        {
            throw new BadRequestException(400, "more than " + MAX_PARAMETERS + " parameters");
        }
        final Map<String, String> values = new LinkedHashMap<>();
        for (final Map.Entry<String, List<String>> parameter : decoded.entrySet())
        {
            if (parameter.getValue().size() != 1)
            {
                throw new BadRequestException(400, "parameter " + nameForMessage(parameter.getKey()) + " is given " +
                    parameter.getValue().size() + " times");
            }
            values.put(parameter.getKey(), parameter.getValue().get(0));
        }
        return new AdminForm(values);
    }

    private static AdminForm parseMultipart(final FullHttpRequest request) throws BadRequestException
    {
        HttpPostRequestDecoder decoder = null;
        try
        {
            // In memory: the body is already whole and bounded by --admin-max-body-bytes.
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request, StandardCharsets.UTF_8);
            final Map<String, String> values = new LinkedHashMap<>();
            for (final InterfaceHttpData part : decoder.getBodyHttpDatas())
            {
                final String value;
                if (part instanceof FileUpload)
                {
                    value = ((FileUpload)part).getString(StandardCharsets.UTF_8);
                }
                else if (part instanceof Attribute)
                {
                    value = ((Attribute)part).getValue();
                }
                else
                {
                    continue;
                }
                if (values.size() >= MAX_PARAMETERS)
                {
                    throw new BadRequestException(400, "more than " + MAX_PARAMETERS + " parameters");
                }
                if (values.put(part.getName(), value) != null)
                {
                    throw new BadRequestException(400, "parameter " + nameForMessage(part.getName()) +
                        " is given more than once");
                }
            }
            return new AdminForm(values);
        }
        catch (final HttpPostRequestDecoder.ErrorDataDecoderException | IOException |
            IllegalArgumentException e)
        {
            throw new BadRequestException(400, "the body is not valid " + MULTIPART);
        }
        finally
        {
            if (decoder != null)
            {
                decoder.destroy();
            }
        }
    }

    /** Refuses any parameter the action does not take: a misspelt name must not be silently ignored. */
    AdminForm allowOnly(final Set<String> names) throws BadRequestException
    {
        for (final String name : values.keySet())
        {
            if (!names.contains(name))
            {
                throw new BadRequestException(400, "unknown parameter " + nameForMessage(name) +
                    (names.isEmpty() ? "; this action takes none" : "; this action takes " + String.join(", ", names)));
            }
        }
        return this;
    }

    /** @return the card number: 12 to 19 digits, not starting with 0. */
    String pan() throws BadRequestException
    {
        final String pan = required("pan");
        if (Pans.key(pan) < 0)
        {
            throw new BadRequestException(400, "pan must be 12 to 19 digits, not starting with 0");
        }
        return pan;
    }

    /** @return a whole number from {@code min} to {@code max}, written in decimal digits with an optional '-'. */
    long number(final String name, final long min, final long max) throws BadRequestException
    {
        final String text = required(name);
        if (!isDecimal(text))
        {
            throw outOfRange(name, min, max);
        }
        final long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException e)
        {
            throw outOfRange(name, min, max);
        }
        if (value < min || value > max)
        {
            throw outOfRange(name, min, max);
        }
        return value;
    }

    /** @return a signed amount in minor units: not zero, at most {@link #MAX_AMOUNT_MINOR} either way. */
    long signedAmount(final String name) throws BadRequestException
    {
        final long value = number(name, -MAX_AMOUNT_MINOR, MAX_AMOUNT_MINOR);
        if (value == 0)
        {
            throw new BadRequestException(400, name + " must not be 0: positive credits the account, negative " +
                "debits it");
        }
        return value;
    }

    /** @return an ISO 4217 numeric currency code: exactly 3 digits, e.g. 840. */
    int currency(final String name) throws BadRequestException
    {
        final String text = required(name);
        if (text.length() != 3 || !isDecimal(text) || text.charAt(0) == '-' || text.equals("000"))
        {
            throw new BadRequestException(400, name + " must be an ISO 4217 numeric currency code of 3 digits, " +
                "e.g. 840");
        }
        return Integer.parseInt(text);
    }

    /** @return an operator's reference: 1 to {@link #MAX_REFERENCE_LENGTH} printable ASCII characters. */
    String reference(final String name) throws BadRequestException
    {
        final String text = required(name);
        boolean printable = !text.isEmpty() && text.length() <= MAX_REFERENCE_LENGTH;
        for (int i = 0; printable && i < text.length(); i++)
        {
            printable = text.charAt(i) >= ' ' && text.charAt(i) <= '~';
        }
        if (!printable)
        {
            throw new BadRequestException(400, name + " must be 1 to " + MAX_REFERENCE_LENGTH +
                " printable ASCII characters");
        }
        return text;
    }

    /** @return an optional text parameter, or null when absent. */
    String optional(final String name)
    {
        return values.get(name);
    }

    private String required(final String name) throws BadRequestException
    {
        final String value = values.get(name);
        if (value == null || value.isEmpty())
        {
            throw new BadRequestException(400, "missing parameter " + name);
        }
        return value;
    }

    private static BadRequestException outOfRange(final String name, final long min, final long max)
    {
        return new BadRequestException(400, String.format(Locale.ROOT, "%s must be a whole number from %,d to %,d", name, min, max));
    }

    private static boolean isDecimal(final String text)
    {
        final int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start || text.length() - start > 19)
        {
            return false;
        }
        for (int i = start; i < text.length(); i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                return false;
            }
        }
        return true;
    }

    /** A parameter's name as a message may show it: a short lowercase word, else not at all (it may be a PAN). */
    private static String nameForMessage(final String name)
    {
        return name.length() <= 32 && name.matches("[a-z_]*") ? "'" + name + "'" : "(name not shown)";
    }

    private static boolean startsWithIgnoringCase(final String text, final String prefix)
    {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
