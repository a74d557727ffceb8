package dev.junction.core.refdata;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo set that {@code junction start} provisions when it is given no reference data and finds no
 * journal, so that a new user can send traffic at once. Deterministic: the load generator and the
 * README derive the same PANs from this class.
 * <ul>
 *   <li>card {@code n} (1..{@link #CARD_COUNT}) has the PAN {@code 400000} + {@code n} as 9 digits +
 *       a Luhn check digit, e.g. card 6 is 4000000000000069; it draws on account {@code n};</li>
 *   <li>account {@code n} holds {@link #BALANCE_MINOR} minor units of US dollars (840), no credit;</li>
 *   <li>cards 1 to 5 are for trying the declines: 1 lost (41), 2 stolen (43), 3 blocked (62),
 *       4 expired in December 2020 (54), 5 on an empty account (51); the rest are active and expire
 *       in December 2030.</li>
 * </ul>
 */
public final class DemoData
{
    public static final int CARD_COUNT = 100_000;
    public static final int CURRENCY_USD = 840;
    /** $10,000.00 in cents. */
    public static final long BALANCE_MINOR = 1_000_000L;
    public static final int EXPIRY_YYMM = 3012;
    public static final int EXPIRED_YYMM = 2012;

    public static final int LOST_CARD = 1;
    public static final int STOLEN_CARD = 2;
    public static final int BLOCKED_CARD = 3;
    public static final int EXPIRED_CARD = 4;
    public static final int EMPTY_ACCOUNT_CARD = 5;
    /** The first card that is active, in date and funded. */
    public static final int FIRST_ACTIVE_CARD = 6;

    private DemoData()
    {
    }

    /** @return the PAN of demo card {@code n}, 1-based. */
    public static String pan(final int n)
    {
        final String body = "400000" + String.format("%09d", n);
        return body + Pans.luhnCheckDigit(body);
    }

    public static List<AccountRecord> accounts()
    {
        final List<AccountRecord> accounts = new ArrayList<>(CARD_COUNT);
        for (int n = 1; n <= CARD_COUNT; n++)
        {
            accounts.add(new AccountRecord(n, CURRENCY_USD, n == EMPTY_ACCOUNT_CARD ? 0 : BALANCE_MINOR, 0));
        }
        return accounts;
    }

    public static List<CardRecord> cards()
    {
        final List<CardRecord> cards = new ArrayList<>(CARD_COUNT);
        for (int n = 1; n <= CARD_COUNT; n++)
        {
            final byte status = n == LOST_CARD ? CardStatus.LOST :
                n == STOLEN_CARD ? CardStatus.STOLEN :
                n == BLOCKED_CARD ? CardStatus.BLOCKED : CardStatus.ACTIVE;
            cards.add(new CardRecord(pan(n), n, n == EXPIRED_CARD ? EXPIRED_YYMM : EXPIRY_YYMM, status));
        }
        return cards;
    }
}
