package dev.junction.journal.cli;

import dev.junction.core.auth.Decision;
import dev.junction.core.pipeline.EventKind;
import java.math.BigDecimal;
import java.time.Instant;

/** How the tools spell journal values for people: times, MTIs, response codes, kinds. */
final class Formats
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Formats()
    {
    }

    static Instant instant(final long epochNanos)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    static long epochNanos(final Instant instant)
    {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    }

    /** @return e.g. "0110"; "none" for 0, which an outcome stores when there was no answer. */
    static String mti(final int mti)
    {
        return mti <= 0 ? "none" : String.format("%04d", mti);
    }

    /** @return e.g. "00", "51"; "none" when the event got no answer. */
    static String responseCode(final int code)
    {
        return code < 0 ? "none" : String.format("%02d", code);
    }

    /** @return the response code an operator typed, e.g. "05", as a number. */
    static int parseResponseCode(final String text)
    {
        if (text.length() != 2 || !Character.isDigit(text.charAt(0)) || !Character.isDigit(text.charAt(1)))
        {
            throw new ToolCommand.UsageException("--response-code must be two digits, e.g. 00 or 51: '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    /** @return the kind byte for an operator's name, e.g. "request". */
    static byte parseKind(final String name)
    {
        for (byte kind = EventKind.REQUEST; kind <= EventKind.DISCONNECT; kind++)
        {
            if (EventKind.name(kind).equals(name))
            {
                return kind;
            }
        }
        throw new ToolCommand.UsageException("--kind must be request, admin, connect or disconnect: '" + name + "'");
    }

    static String adminResult(final int result)
    {
        switch (result)
        {
            case Decision.ADMIN_CREATED: return "created";
            case Decision.ADMIN_UNCHANGED: return "unchanged";
            case Decision.ADMIN_REJECTED: return "rejected";
            case Decision.ADMIN_CHANGED: return "changed";
            case Decision.ADMIN_NOT_FOUND: return "not_found";
            case Decision.ADMIN_CURRENCY_MISMATCH: return "currency_mismatch";
            case Decision.ADMIN_INSUFFICIENT_FUNDS: return "insufficient_funds";
            case Decision.ADMIN_NOT_PERMITTED: return "not_permitted";
            default: return "none";
        }
    }

    /** @return a risk reasons bitmask as an operator reads it, e.g. "0x0018" (bits 3 and 4). */
    static String riskReasons(final int reasons)
    {
        return String.format("0x%04x", reasons);
    }

    /**
     * @return a conversion rate in field 10's form (first digit: decimal places of the other seven) as a
     * decimal, e.g. 61085000 as "1.085000"; an impossible rate as its raw digits.
     */
    static String conversionRate(final int rate)
    {
        if (rate < 0 || rate > 99_999_999)
        {
            return "raw:" + rate;
        }
        return BigDecimal.valueOf(rate % 10_000_000, rate / 10_000_000).toPlainString();
    }

    /** @return a CSV field: as is, or in double quotes (quotes doubled) when it holds a comma, quote or line break. */
    static String csv(final String value)
    {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0)
        {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
