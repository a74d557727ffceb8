package dev.junction.network.admin;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: for each metric family a {@code # HELP}
 * and a {@code # TYPE} line, then one {@code name{labels} value} line per sample. Used by the scrape
 * only, never on the request path, so it builds strings freely.
 */
final class PrometheusText
{
    /** The Content-Type a Prometheus server expects for this format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(8 * 1024);

    /** Starts a metric family: {@code type} is counter, gauge or summary. */
    PrometheusText family(final String name, final String type, final String help)
    {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    PrometheusText sample(final String name, final long value)
    {
        out.append(name).append(' ').append(value).append('\n');
        return this;
    }

    PrometheusText sample(final String name, final double value)
    {
        out.append(name).append(' ').append(format(value)).append('\n');
        return this;
    }

    /** A sample with labels given as alternating names and values. */
    PrometheusText sample(final String name, final long value, final String... labels)
    {
        labels(name, labels).append(value).append('\n');
        return this;
    }

    /** A sample with labels given as alternating names and values. */
    PrometheusText sample(final String name, final double value, final String... labels)
    {
        labels(name, labels).append(format(value)).append('\n');
        return this;
    }

    private StringBuilder labels(final String name, final String... labels)
    {
        out.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2)
        {
            if (i > 0)
            {
                out.append(',');
            }
            out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
        }
        return out.append("} ");
    }

    static String format(final double value)
    {
        if (Double.isNaN(value))
        {
            return "NaN";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    private static String escapeHelp(final String help)
    {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(final String value)
    {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString()
    {
        return out.toString();
    }
}
