package dev.junction.network.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4) for tests: every line is a {@code # HELP}, a
 * {@code # TYPE} or a sample {@code name{labels} value}; every sample belongs to a family whose TYPE came
 * before it (a summary's {@code _sum} and {@code _count} included); no family is declared twice.
 */
final class PrometheusScrape
{
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile(
        "(" + NAME + ")(\\{" + LABEL + "(?:," + LABEL + ")*\\})? (NaN|[+-]Inf|-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .+");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|summary|histogram|untyped)");

    /** Every sample, keyed by its name and labels exactly as written, e.g. {@code junction_answers_total{mti="0100",code="00"}}. */
    final Map<String, Double> samples = new LinkedHashMap<>();
    final Map<String, String> types = new HashMap<>();
    final String text;

    PrometheusScrape(final String text)
    {
        this.text = text;
        assertTrue(text.endsWith("\n"), "the exposition ends with a line end");
        final Map<String, Boolean> helped = new HashMap<>();
        for (final String line : text.split("\n"))
        {
            final Matcher help = HELP.matcher(line);
            final Matcher type = TYPE.matcher(line);
            final Matcher sample = SAMPLE.matcher(line);
            if (help.matches())
            {
                assertFalse(helped.containsKey(help.group(1)), "HELP twice for " + help.group(1));
                helped.put(help.group(1), true);
            }
            else if (type.matches())
            {
                assertTrue(helped.containsKey(type.group(1)), "HELP before TYPE for " + type.group(1));
                assertFalse(types.containsKey(type.group(1)), "TYPE twice for " + type.group(1));
                types.put(type.group(1), type.group(2));
            }
            else if (sample.matches())
            {
                final String family = family(sample.group(1));
                assertNotNull(family, "a sample before its family's TYPE line: " + line);
                final String key = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
                assertFalse(samples.containsKey(key), "the same series twice: " + key);
                samples.put(key, Double.parseDouble(sample.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
            }
            else
            {
                fail("not a line of the Prometheus text format: '" + line + "'");
            }
        }
    }

    private String family(final String name)
    {
        if (types.containsKey(name))
        {
            return name;
        }
        for (final String suffix : new String[] {"_sum", "_count"})
        {
            if (name.endsWith(suffix))
            {
                final String base = name.substring(0, name.length() - suffix.length());
                if ("summary".equals(types.get(base)) || "histogram".equals(types.get(base)))
                {
                    return base;
                }
            }
        }
        return null;
    }

    /** @return the sample's value; fails when the series is absent. */
    double value(final String series)
    {
        final Double value = samples.get(series);
        assertNotNull(value, "no series " + series + " in:\n" + text);
        return value;
    }

    /** @return the sample's value as a whole number; fails when absent or not whole. */
    long count(final String series)
    {
        final double value = value(series);
        assertEquals(Math.rint(value), value, series + " is a whole number");
        return (long)value;
    }
}
