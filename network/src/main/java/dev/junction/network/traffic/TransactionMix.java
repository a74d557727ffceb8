package dev.junction.network.traffic;

import java.util.SplittableRandom;

/**
 * The share of each {@link RequestKind} in the load, parsed from {@code --mix} (for example
 * {@code auth=70,purchase=20,echo=10}): weights, not necessarily summing to 100. Drawing a kind is
 * one bounded random number and a scan of at most six weights; no allocation.
 */
public final class TransactionMix
{
    /** The default mix. */
    public static final String DEFAULT = "auth=70,purchase=20,echo=10";
    private static final int MAX_WEIGHT = 1_000_000;

    private final int[] weights = new int[RequestKind.count()];
    private final int totalWeight;

    private TransactionMix(final int[] weights)
    {
        System.arraycopy(weights, 0, this.weights, 0, weights.length);
        int total = 0;
        for (final int weight : weights)
        {
            total += weight;
        }
        this.totalWeight = total;
    }

    /**
     * @param text {@code kind=weight} pairs separated by commas; kinds as in {@link RequestKind#optionName}.
     * @throws IllegalArgumentException naming what is wrong, in one line.
     */
    public static TransactionMix parse(final String text)
    {
        final int[] weights = new int[RequestKind.count()];
        final boolean[] seen = new boolean[RequestKind.count()];
        for (final String part : text.split(",", -1))
        {
            final int equals = part.indexOf('=');
            if (equals < 0)
            {
                throw new IllegalArgumentException("--mix entry '" + part.trim() + "' is not kind=weight, e.g. " + DEFAULT);
            }
            final String name = part.substring(0, equals).trim();
            final RequestKind kind = RequestKind.byOptionName(name);
            if (kind == null)
            {
                throw new IllegalArgumentException("--mix: unknown kind '" + name +
                    "' (auth, purchase, refund, inquiry, reversal, echo)");
            }
            if (seen[kind.ordinal()])
            {
                throw new IllegalArgumentException("--mix names " + name + " twice");
            }
            seen[kind.ordinal()] = true;
            final String weightText = part.substring(equals + 1).trim();
            final int weight;
            try
            {
                weight = Integer.parseInt(weightText);
            }
            catch (final NumberFormatException e)
            {
                throw new IllegalArgumentException("--mix: weight of " + name + " is not a whole number: '" + weightText + "'");
            }
            if (weight < 0 || weight > MAX_WEIGHT)
            {
                throw new IllegalArgumentException("--mix: weight of " + name + " must be 0.." + MAX_WEIGHT + ": " + weight);
            }
            weights[kind.ordinal()] = weight;
        }
        final TransactionMix mix = new TransactionMix(weights);
        if (mix.totalWeight == 0)
        {
            throw new IllegalArgumentException("--mix gives every kind weight 0");
        }
        return mix;
    }

    /** @return a kind drawn with probability weight / total. */
    public RequestKind draw(final SplittableRandom random)
    {
        int ticket = random.nextInt(totalWeight);
        for (int i = 0; i < weights.length; i++)
        {
            ticket -= weights[i];
            if (ticket < 0)
            {
                return RequestKind.byOrdinal(i);
            }
        }
        throw new IllegalStateException("weights changed under the mix");
    }

    /** @return true when the mix never draws a request that carries a card (echo only). */
    public boolean isEchoOnly()
    {
        return totalWeight == weights[RequestKind.ECHO.ordinal()];
    }

    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final RequestKind kind : RequestKind.values())
        {
            if (weights[kind.ordinal()] > 0)
            {
                text.append(text.length() == 0 ? "" : ",").append(kind.optionName()).append('=').append(weights[kind.ordinal()]);
            }
        }
        return text.toString();
    }
}
