package dev.junction.network.admin;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * What {@code GET /metrics} shows: the switch registers each value as it comes into being (the ring
 * after recovery, say), and every scrape reads them all then. The values are read where they already
 * live (counters, ring sequences), so registering costs the hot path nothing.
 * <p>
 * No value here may carry a PAN, a STAN or any other per-transaction value: names and labels are fixed
 * at registration, only the numbers move.
 */
public final class MetricsRegistry
{
    private static final Pattern NAME = Pattern.compile("junction_[a-z0-9_]+");

    private final List<Consumer<PrometheusText>> families = new CopyOnWriteArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** A value that only grows, e.g. {@code junction_connections_accepted_total}. */
    public void counter(final String name, final String help, final LongSupplier value)
    {
        register(name, text -> text.family(name, "counter", help).sample(name, value.getAsLong()));
    }

    /** A time that only grows, kept in nanoseconds and shown in seconds, e.g. {@code junction_event_loop_cpu_seconds_total}. */
    public void secondsCounter(final String name, final String help, final LongSupplier nanos)
    {
        register(name, text -> text.family(name, "counter", help).sample(name, nanos.getAsLong() / 1e9));
    }

    /** A value that goes up and down, e.g. {@code junction_ring_occupancy}. */
    public void gauge(final String name, final String help, final LongSupplier value)
    {
        register(name, text -> text.family(name, "gauge", help).sample(name, value.getAsLong()));
    }

    /** The responder's answer counts and latency summary. */
    public void answers(final AnswerMetrics answers)
    {
        register("junction_answers", answers::writeTo);
    }

    private synchronized void register(final String name, final Consumer<PrometheusText> family)
    {
        if (!NAME.matcher(name).matches() || !names.add(name))
        {
            throw new IllegalArgumentException("metric name must be junction_[a-z0-9_]+ and unique: " + name);
        }
        families.add(family);
    }

    /** @return every registered value now, in the Prometheus text format (version 0.0.4). */
    public String scrape()
    {
        final PrometheusText text = new PrometheusText();
        for (final Consumer<PrometheusText> family : families)
        {
            family.accept(text);
        }
        return text.toString();
    }
}
