package dev.junction.network.traffic;

import java.util.SplittableRandom;

import dev.junction.core.refdata.DemoData;

/**
 * Draws PANs of the demo card set ({@link DemoData}) uniformly at random from a seeded source, so two
 * runs with the same seed send the same cards. The PAN is computed as a number (400000, the card
 * number in 9 digits, a Luhn check digit): no table, no String per request, and any card count the
 * 9 digits allow. Cards 1 to 5 are the demo decline cards and are skipped unless asked for.
 */
public final class DemoCards
{
    /** The 9-digit card number field of the PAN holds at most this. */
    public static final int MAX_CARDS = 999_999_999;
    private static final long PREFIX = 400_000L;
    private static final long CARD_NUMBER_SCALE = 1_000_000_000L;

    private final int firstCard;
    private final int cardCount;

    /**
     * @param cardCount       the cards provisioned: 1..cardCount.
     * @param includeDeclines draw from card 1 instead of {@link DemoData#FIRST_ACTIVE_CARD}.
     */
    public DemoCards(final int cardCount, final boolean includeDeclines)
    {
        this.firstCard = includeDeclines ? 1 : DemoData.FIRST_ACTIVE_CARD;
        if (cardCount < firstCard || cardCount > MAX_CARDS)
        {
            throw new IllegalArgumentException("--cards must be " + firstCard + ".." + MAX_CARDS +
                (includeDeclines ? "" : " (cards 1-5 are the decline cards; add --include-declines to use them)") +
                ": " + cardCount);
        }
        this.cardCount = cardCount;
    }

    /** @return the PAN of a card drawn uniformly from the range, as a 16-digit number. */
    public long drawPan(final SplittableRandom random)
    {
        return pan(firstCard + random.nextInt(cardCount - firstCard + 1));
    }

    /** @return the PAN of demo card {@code n}: the same digits as {@link DemoData#pan(int)}. */
    public static long pan(final int n)
    {
        final long body = PREFIX * CARD_NUMBER_SCALE + n;
        return body * 10 + luhnCheckDigit(body);
    }

    /** @return the digit that makes {@code body} followed by it pass the Luhn check. */
    public static int luhnCheckDigit(final long body)
    {
        int sum = 0;
        boolean doubled = true;
        for (long rest = body; rest > 0; rest /= 10)
        {
            int digit = (int)(rest % 10);
            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
