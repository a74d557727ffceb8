package dev.junction.benchmarks.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a latency percentile distribution as a PNG, the way HdrHistogram's plotter does: latency up
 * the y axis against the percentile on a logarithmic x axis of 1 / (1 - percentile), so that 90 %,
 * 99 %, 99.9 % and 99.99 % are evenly spaced and the tail gets the room it deserves. The x values
 * are plotted as log10(1 / (1 - percentile)) on a linear axis whose ticks are labelled with the
 * percentile, which puts the ticks exactly on the nines. Headless.
 */
public final class PercentilePlot
{
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    /** 99.9999 %, six nines: the right edge of the plot. */
    private static final double MAX_NINES = 6;

    private PercentilePlot()
    {
    }

    /**
     * @param latencies nanoseconds.
     * @param title     what was measured, e.g. "Junction, open loop 20,000/s".
     */
    public static void write(final Histogram latencies, final String title, final Path file) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        if (latencies.getTotalCount() > 0)
        {
            for (final HistogramIterationValue value : latencies.percentiles(TICKS_PER_HALF_DISTANCE))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                if (percentile >= 100.0)
                {
                    break;
                }
                x.add(Math.log10(1.0 / (1.0 - percentile / 100.0)));
                y.add(value.getValueIteratedTo() / 1_000.0);
            }
            x.add(Math.max(MAX_NINES, x.isEmpty() ? 0.0 : x.get(x.size() - 1)));
            y.add(latencies.getMaxValue() / 1_000.0);
        }
        else
        {
            x.add(0.0);
            y.add(0.0);
        }
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("percentile").yAxisTitle("latency (us)").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(Math.ceil(x.get(x.size() - 1)));
        chart.getStyler().setXAxisTickMarkSpacingHint(WIDTH / 8);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(PercentilePlot::percentileLabel);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("latency", x, y).setMarker(SeriesMarkers.NONE);
        try (OutputStream out = Files.newOutputStream(file))
        {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * 0 → "0%", 1 → "90%", 2 → "99%", 3 → "99.9%". Distinct ticks must get distinct labels (XChart
     * keeps refining ticks until they are), so nothing is clamped and the digits shown grow with the nines.
     */
    private static String percentileLabel(final Double nines)
    {
        final double percentile = 100.0 * (1.0 - Math.pow(10, -nines));
        final int decimals = Math.max(1, (int)Math.ceil(nines) + 1);
        final String text = String.format("%." + decimals + "f", percentile).replaceAll("0+$", "").replaceAll("\\.$", "");
        return text + "%";
    }
}
