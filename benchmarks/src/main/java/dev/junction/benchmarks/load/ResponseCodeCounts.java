package dev.junction.benchmarks.load;

import dev.junction.network.traffic.RequestKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many answers came back with each response code (field 39), per request kind: a flat array
 * indexed by the code's two characters, so counting an answer costs an increment. Written by the
 * load thread only; read after it has finished.
 */
public final class ResponseCodeCounts
{
    private static final int CODES = 128 * 128;
    /** The index for answers without field 39: the echo floor's, which are the requests themselves. */
    private static final int NO_CODE = 0;

    private final long[] counts = new long[RequestKind.count() * CODES];

    void record(final RequestKind kind, final int firstChar, final int secondChar)
    {
        counts[kind.ordinal() * CODES + ((firstChar & 0x7F) << 7 | (secondChar & 0x7F))]++;
    }

    void recordNoCode(final RequestKind kind)
    {
        counts[kind.ordinal() * CODES + NO_CODE]++;
    }

    /**
     * @param kindName as in {@code --mix}, e.g. "auth".
     * @return code → count for that kind, in code order; "none" for answers without field 39.
     */
    public Map<String, Long> byCode(final String kindName)
    {
        final RequestKind kind = RequestKind.byOptionName(kindName);
        if (kind == null)
        {
            throw new IllegalArgumentException("no request kind " + kindName);
        }
        final Map<String, Long> byCode = new LinkedHashMap<>();
        final int base = kind.ordinal() * CODES;
        for (int code = 0; code < CODES; code++)
        {
            final long count = counts[base + code];
            if (count != 0)
            {
                byCode.put(code == NO_CODE ? "none" : "" + (char)(code >> 7) + (char)(code & 0x7F), count);
            }
        }
        return byCode;
    }

    /** @return one line per kind that had answers, e.g. {@code auth      00=69,812 51=3}. */
    String describe()
    {
        final StringBuilder text = new StringBuilder();
        for (final RequestKind kind : RequestKind.values())
        {
            final Map<String, Long> byCode = byCode(kind.optionName());
            if (byCode.isEmpty())
            {
                continue;
            }
            text.append(String.format("  %-9s", kind.optionName()));
            byCode.forEach((code, count) -> text.append(String.format(" %s=%,d", code, count)));
            text.append(System.lineSeparator());
        }
        return text.toString();
    }
}
