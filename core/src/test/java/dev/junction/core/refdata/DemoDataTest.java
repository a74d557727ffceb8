package dev.junction.core.refdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo set that a new user's first traffic runs against, as DemoData's javadoc documents it. */
class DemoDataTest
{
    private static List<AccountRecord> accounts;
    private static List<CardRecord> cards;

    @BeforeAll
    static void generate()
    {
        accounts = DemoData.accounts();
        cards = DemoData.cards();
    }

    @Test
    void thereAre100000CardsAnd100000Accounts()
    {
        assertEquals(100_000, DemoData.CARD_COUNT);
        assertEquals(DemoData.CARD_COUNT, cards.size());
        assertEquals(DemoData.CARD_COUNT, accounts.size());
    }

    @Test
    void everyPanIsSixteenDigitsStartingWith400000()
    {
        for (final CardRecord card : cards)
        {
            assertEquals(16, card.pan().length(), card::toString);
            assertTrue(card.pan().startsWith("400000"), card::toString);
            assertTrue(card.pan().chars().allMatch(c -> c >= '0' && c <= '9'), card::toString);
        }
    }

    @Test
    void everyPanPassesTheLuhnCheck()
    {
        for (final CardRecord card : cards)
        {
            assertTrue(luhnValid(card.pan()), card::toString);
        }
    }

    @Test
    void everyPanIsUniqueAndAValidKey()
    {
        final Set<Long> keys = new HashSet<>();
        for (final CardRecord card : cards)
        {
            final long key = Pans.key(card.pan());
            assertTrue(key != -1, card::toString);
            assertTrue(keys.add(key), () -> "repeated " + card);
        }
    }

    @Test
    void cardNIsNumberedByItsPanAndDrawsOnAccountN()
    {
        for (int n = 1; n <= DemoData.CARD_COUNT; n++)
        {
            final CardRecord card = cards.get(n - 1);
            assertEquals(DemoData.pan(n), card.pan());
            assertEquals(n, Long.parseLong(card.pan().substring(6, 15)), card::toString);
            assertEquals(n, card.accountId(), card::toString);
            assertEquals(n, accounts.get(n - 1).accountId());
        }
    }

    @Test
    void card6HasTheDocumentedExamplePan()
    {
        assertEquals("4000000000000069", DemoData.pan(6));
        assertEquals("4000000000000069", cards.get(DemoData.FIRST_ACTIVE_CARD - 1).pan());
    }

    @Test
    void card1IsLost()
    {
        assertEquals(new CardRecord(DemoData.pan(1), 1, 3012, CardStatus.LOST), cards.get(DemoData.LOST_CARD - 1));
    }

    @Test
    void card2IsStolen()
    {
        assertEquals(new CardRecord(DemoData.pan(2), 2, 3012, CardStatus.STOLEN), cards.get(DemoData.STOLEN_CARD - 1));
    }

    @Test
    void card3IsBlocked()
    {
        assertEquals(new CardRecord(DemoData.pan(3), 3, 3012, CardStatus.BLOCKED), cards.get(DemoData.BLOCKED_CARD - 1));
    }

    @Test
    void card4IsActiveButExpiredInDecember2020()
    {
        assertEquals(new CardRecord(DemoData.pan(4), 4, 2012, CardStatus.ACTIVE), cards.get(DemoData.EXPIRED_CARD - 1));
    }

    @Test
    void card5IsActiveOnAnEmptyAccount()
    {
        assertEquals(new CardRecord(DemoData.pan(5), 5, 3012, CardStatus.ACTIVE),
            cards.get(DemoData.EMPTY_ACCOUNT_CARD - 1));
        assertEquals(new AccountRecord(5, 840, 0, 0), accounts.get(4));
    }

    @Test
    void everyCardFrom6IsActiveAndExpiresInDecember2030()
    {
        for (int n = DemoData.FIRST_ACTIVE_CARD; n <= DemoData.CARD_COUNT; n++)
        {
            final CardRecord card = cards.get(n - 1);
            assertEquals(CardStatus.ACTIVE, card.status(), card::toString);
            assertEquals(3012, card.expiryYymm(), card::toString);
        }
    }

    @Test
    void everyAccountButTheEmptyOneHoldsTenThousandDollarsWithoutCredit()
    {
        for (final AccountRecord account : accounts)
        {
            final long balance = account.accountId() == DemoData.EMPTY_ACCOUNT_CARD ? 0 : 1_000_000L;
            assertEquals(new AccountRecord(account.accountId(), 840, balance, 0), account);
        }
    }

    @Test
    void theGenerationIsDeterministic()
    {
        assertEquals(cards, DemoData.cards());
        assertEquals(accounts, DemoData.accounts());
    }

    /** An independent Luhn check over the whole number, check digit included. */
    private static boolean luhnValid(final String digits)
    {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++)
        {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
