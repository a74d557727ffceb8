package dev.junction.benchmarks.load;

import java.util.concurrent.TimeUnit;

import picocli.CommandLine;

/**
 * Reads {@code --duration}, {@code --warmup} and {@code --grace}: a whole number with a unit,
 * {@code ms}, {@code s}, {@code m} or {@code h} ({@code 60s}, {@code 500ms}, {@code 2m}); a bare
 * number is seconds. Returns nanoseconds.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Long>
{
    @Override
    public Long convert(final String text)
    {
        final String value = text.trim();
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits)))
        {
            digits++;
        }
        if (digits == 0 || digits > 9)
        {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a duration such as 60s, 500ms or 2m");
        }
        final long amount = Long.parseLong(value.substring(0, digits));
        final String unit = value.substring(digits);
        switch (unit)
        {
            case "ms":
                return TimeUnit.MILLISECONDS.toNanos(amount);
            case "":
            case "s":
                return TimeUnit.SECONDS.toNanos(amount);
            case "m":
                return TimeUnit.MINUTES.toNanos(amount);
            case "h":
                return TimeUnit.HOURS.toNanos(amount);
            default:
                throw new CommandLine.TypeConversionException("'" + text + "' has unit '" + unit + "': use ms, s, m or h");
        }
    }
}
