package dev.junction.core.refdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts and cards CSV files as operators write them: what loads, and for every way a row can
 * be wrong, a one-line message naming the file, the line and the column, that never shows a full PAN.
 */
class ReferenceDataCsvTest
{
    private static final String ACCOUNTS_HEADER = "account_id,currency,balance_minor,credit_limit_minor";
    private static final String CARDS_HEADER = "pan,account_id,expiry_yymm,status";
    /** A PAN that must never appear in any message, wherever in a file it is written. */
    private static final String PAN = "4111111111111111";

    @TempDir
    Path directory;

    @Test
    void aValidAccountsFileParsesEveryRowInOrder() throws Exception
    {
        final List<AccountRecord> accounts = readAccounts(ACCOUNTS_HEADER,
            "1,840,100000,0",
            "2,978,-5000,5000",
            "999999999999999999,392,0,999999999999999");

        assertEquals(List.of(
            new AccountRecord(1, 840, 100_000, 0),
            new AccountRecord(2, 978, -5_000, 5_000),
            new AccountRecord(ReferenceDataCsv.MAX_ACCOUNT_ID, 392, 0, ReferenceDataCsv.MAX_AMOUNT_MINOR)), accounts);
    }

    @Test
    void aValidCardsFileParsesEveryRowInOrder() throws Exception
    {
        final List<CardRecord> cards = readCards(CARDS_HEADER,
            "4000000000000001,1,3012,active",
            "400000000002,2,2701,blocked",
            "6011000000000000007,3,2912,lost",
            "5500000000000004,3,3001,stolen");

        assertEquals(List.of(
            new CardRecord("4000000000000001", 1, 3012, CardStatus.ACTIVE),
            new CardRecord("400000000002", 2, 2701, CardStatus.BLOCKED),
            new CardRecord("6011000000000000007", 3, 2912, CardStatus.LOST),
            new CardRecord("5500000000000004", 3, 3001, CardStatus.STOLEN)), cards);
    }

    @Test
    void columnsAfterTheFixedOnesAreAllowedAndIgnored() throws Exception
    {
        final List<AccountRecord> accounts = readAccounts(ACCOUNTS_HEADER + ",owner,branch", "1,840,100,0,Alice,Leeds");
        final List<CardRecord> cards = readCards(CARDS_HEADER + ",embossed_name", "4000000000000001,1,3012,active,ALICE");

        assertEquals(List.of(new AccountRecord(1, 840, 100, 0)), accounts);
        assertEquals(List.of(new CardRecord("4000000000000001", 1, 3012, CardStatus.ACTIVE)), cards);
    }

    @Test
    void blankLinesAreSkippedButStillCountedInLineNumbers() throws Exception
    {
        final List<AccountRecord> accounts = readAccounts(ACCOUNTS_HEADER, "", "1,840,100,0", "   ", "2,840,200,0", "");

        assertEquals(List.of(1L, 2L), accounts.stream().map(AccountRecord::accountId).toList());
        final String message = rejectAccounts(ACCOUNTS_HEADER, "", "1,840,100,0", "   ", "x,840,200,0");
        assertTrue(message.startsWith("accounts.csv:5: account_id "), message);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsTolerated() throws Exception
    {
        final List<AccountRecord> accounts = readAccounts("\uFEFF" + ACCOUNTS_HEADER, "1,840,100,0");
        final List<CardRecord> cards = readCards("\uFEFF" + CARDS_HEADER, "4000000000000001,1,3012,active");

        assertEquals(1, accounts.size());
        assertEquals(1, cards.size());
    }

    @Test
    void quotedValuesAndHeaderNamesAreUnquoted() throws Exception
    {
        final List<AccountRecord> accounts = readAccounts(
            "\"account_id\",\"currency\",\"balance_minor\",\"credit_limit_minor\"", "\"7\", \"840\" ,\"-10\",\"10\"");
        final List<CardRecord> cards = readCards(CARDS_HEADER, "\"4000000000000001\",\"7\",\"3012\",\"active\"");

        assertEquals(List.of(new AccountRecord(7, 840, -10, 10)), accounts);
        assertEquals(List.of(new CardRecord("4000000000000001", 7, 3012, CardStatus.ACTIVE)), cards);
    }

    @Test
    void headerNamesAreMatchedWithoutRegardToCase() throws Exception
    {
        assertEquals(1, readAccounts(ACCOUNTS_HEADER.toUpperCase(), "1,840,100,0").size());
    }

    @Test
    void anEmptyFileIsRejectedNamingTheExpectedHeader()
    {
        final String message = rejectAccounts();

        assertTrue(message.startsWith("accounts.csv:"), message);
        assertTrue(message.contains(ACCOUNTS_HEADER), message);
    }

    @Test
    void anAccountsCsvWithoutTheHeaderIsRejectedNamingLine1()
    {
        final String message = rejectAccounts("1,840,100,0", "2,840,100,0");

        assertTrue(message.startsWith("accounts.csv:1: "), message);
        assertTrue(message.contains("account_id"), message);
    }

    @Test
    void aCardsCsvWithoutTheHeaderIsRejectedNamingLine1WithoutShowingThePanOfItsFirstRow()
    {
        final String message = rejectCards(PAN + ",1,3012,active");

        assertTrue(message.startsWith("cards.csv:1: "), message);
        assertTrue(message.contains("pan"), message);
        assertPanAbsent(message);
    }

    @Test
    void aHeaderWithAWrongColumnIsRejectedNamingThatColumn()
    {
        final String message = rejectAccounts("account_id,currency,credit_limit_minor,balance_minor", "1,840,100,0");

        assertTrue(message.startsWith("accounts.csv:1: "), message);
        assertTrue(message.contains("column 3"), message);
        assertTrue(message.contains("'credit_limit_minor'"), message);
    }

    @Test
    void aHeaderWithTooFewColumnsIsRejected()
    {
        final String message = rejectCards("pan,account_id,expiry_yymm", "4000000000000001,1,3012");

        assertTrue(message.startsWith("cards.csv:1: "), message);
        assertTrue(message.contains("column 4"), message);
    }

    @Test
    void aRowWithTooFewColumnsIsRejectedNamingItsLineAndTheExpectedColumns()
    {
        final String message = rejectAccounts(ACCOUNTS_HEADER, "1,840,100,0", "2,840,100");

        assertTrue(message.startsWith("accounts.csv:3: has 3 columns"), message);
        assertTrue(message.contains("credit_limit_minor"), message);
    }

    @Test
    void aNonNumericAccountIdIsRejectedNamingTheColumn()
    {
        assertRejectedAccount("1a,840,100,0", "account_id");
    }

    @Test
    void anAccountIdOfZeroIsRejected()
    {
        assertRejectedAccount("0,840,100,0", "account_id");
    }

    @Test
    void aCurrencyOfTwoDigitsIsRejected()
    {
        assertRejectedAccount("1,84,100,0", "currency");
    }

    @Test
    void aCurrencyOfFourDigitsIsRejected()
    {
        assertRejectedAccount("1,0840,100,0", "currency");
    }

    @Test
    void aCurrencyWithASignIsRejectedAsNotThreeDigits()
    {
        assertRejectedAccount("1,+84,100,0", "currency");
    }

    @Test
    void aCurrencyInNonAsciiDigitsIsRejected()
    {
        // Arabic-Indic digits eight, four, zero: Long.parseLong would read them as 840.
        assertRejectedAccount("1,\u0668\u0664\u0660,100,0", "currency");
    }

    @Test
    void aNegativeCreditLimitIsRejected()
    {
        assertRejectedAccount("1,840,100,-1", "credit_limit_minor");
    }

    @Test
    void aBalanceBelowTheNegativeOfTheCreditLimitIsRejectedNamingTheBalance()
    {
        assertRejectedAccount("1,840,-5001,5000", "balance_minor");
    }

    @Test
    void aBalanceEqualToTheNegativeOfTheCreditLimitIsAccepted() throws Exception
    {
        assertEquals(List.of(new AccountRecord(1, 840, -5000, 5000)), readAccounts(ACCOUNTS_HEADER, "1,840,-5000,5000"));
    }

    @Test
    void aBalanceBeyondFifteenDigitsIsRejected()
    {
        assertRejectedAccount("1,840,1000000000000000,0", "balance_minor");
    }

    @Test
    void aDuplicateAccountIdIsRejectedOnTheLineThatRepeatsIt()
    {
        final String message = rejectAccounts(ACCOUNTS_HEADER, "5,840,100,0", "6,840,100,0", "5,840,100,0");

        assertTrue(message.startsWith("accounts.csv:4: account_id "), message);
        assertTrue(message.contains("repeats"), message);
    }

    @Test
    void aPanWithLettersIsRejectedWithoutShowingIt()
    {
        assertRejectedCard("41111111A1111111,1,3012,active", "pan");
    }

    @Test
    void aPanOfElevenDigitsIsRejected()
    {
        assertRejectedCard("41111111111,1,3012,active", "pan");
    }

    @Test
    void aPanOfTwentyDigitsIsRejected()
    {
        assertRejectedCard(PAN + "1111,1,3012,active", "pan");
    }

    @Test
    void aPanWithALeadingZeroIsRejected()
    {
        assertRejectedCard("0" + PAN + ",1,3012,active", "pan");
    }

    @Test
    void aNonNumericCardAccountIdIsRejected()
    {
        assertRejectedCard("4000000000000001,abc,3012,active", "account_id");
    }

    @Test
    void anExpiryThatIsNotFourDigitsIsRejected()
    {
        assertRejectedCard("4000000000000001,1,301,active", "expiry_yymm");
    }

    @Test
    void anExpiryWrittenAsADateIsRejected()
    {
        assertRejectedCard("4000000000000001,1,12/30,active", "expiry_yymm");
    }

    @Test
    void anExpiryInMonth13IsRejected()
    {
        assertRejectedCard("4000000000000001,1,3013,active", "expiry_yymm");
    }

    @Test
    void anExpiryInMonth00IsRejected()
    {
        assertRejectedCard("4000000000000001,1,3000,active", "expiry_yymm");
    }

    @Test
    void anExpiryWithASignIsRejected()
    {
        assertRejectedCard("4000000000000001,1,+312,active", "expiry_yymm");
    }

    @Test
    void anUnknownStatusIsRejectedNamingTheColumn()
    {
        assertRejectedCard("4000000000000001,1,3012,frozen", "status");
    }

    @Test
    void aDuplicatePanIsRejectedOnTheLineThatRepeatsItWithoutShowingIt()
    {
        final String message = rejectCards(CARDS_HEADER, PAN + ",1,3012,active", "4000000000000001,1,3012,active",
            PAN + ",2,3012,active");

        assertTrue(message.startsWith("cards.csv:4: pan "), message);
        assertTrue(message.contains("411111******1111"), message);
        assertPanAbsent(message);
    }

    @Test
    void noAccountsMessageShowsAPanWrittenInAnyColumn()
    {
        final String[] rows = {
            PAN + "x,840,100,0",
            "1," + PAN + ",100,0",
            "1,840," + PAN + ",0",
            "1,840,100," + PAN,
            "1,840,-" + PAN + ",0",
            "1,840,100,-" + PAN,
            "1,840,100",
        };
        for (final String row : rows)
        {
            assertPanAbsent(rejectAccounts(ACCOUNTS_HEADER, row));
            assertPanAbsent(rejectAccounts(ACCOUNTS_HEADER + "," + PAN, row));
        }
        assertPanAbsent(rejectAccounts(PAN + ",currency,balance_minor,credit_limit_minor"));
        assertPanAbsent(rejectAccounts("account_id,currency," + PAN + ",credit_limit_minor"));
    }

    @Test
    void noCardsMessageShowsAPanWrittenInAnyColumn()
    {
        final String[] rows = {
            PAN + "x,1,3012,active",
            PAN + PAN + ",1,3012,active",
            "0" + PAN + ",1,3012,active",
            "4000000000000001," + PAN + "0000,3012,active",
            "4000000000000001,-" + PAN + ",3012,active",
            "4000000000000001,1," + PAN + ",active",
            "4000000000000001,1,00" + PAN + ",active",
            "4000000000000001,1,3012," + PAN,
            "4000000000000001,1,3012,active-" + PAN,
            PAN + ",1,3012",
        };
        for (final String row : rows)
        {
            assertPanAbsent(rejectCards(CARDS_HEADER, row));
        }
        assertPanAbsent(rejectCards("pan,account_id," + PAN + ",status"));
    }

    @Test
    void everyMessageIsOneLine()
    {
        assertFalse(rejectCards(CARDS_HEADER, "4000000000000001,1,3013,active").contains("\n"));
        assertFalse(rejectAccounts(ACCOUNTS_HEADER, "1,84,100,0").contains("\n"));
    }

    private void assertRejectedAccount(final String row, final String column)
    {
        final String message = rejectAccounts(ACCOUNTS_HEADER, "1000,840,100,0", row);
        assertTrue(message.startsWith("accounts.csv:3: " + column + " "), message);
        assertFalse(message.contains("\n"), message);
    }

    private void assertRejectedCard(final String row, final String column)
    {
        final String message = rejectCards(CARDS_HEADER, "5000000000000009,1,3012,active", row);
        assertTrue(message.startsWith("cards.csv:3: " + column + " "), message);
        assertFalse(message.contains("\n"), message);
        assertPanAbsent(message);
    }

    private static void assertPanAbsent(final String message)
    {
        assertFalse(message.contains(PAN), "a full PAN in: " + message);
    }

    private List<AccountRecord> readAccounts(final String... lines) throws IOException, ReferenceDataException
    {
        try (BufferedReader reader = file("accounts.csv", lines))
        {
            return ReferenceDataCsv.readAccounts(reader, "accounts.csv");
        }
    }

    private List<CardRecord> readCards(final String... lines) throws IOException, ReferenceDataException
    {
        try (BufferedReader reader = file("cards.csv", lines))
        {
            return ReferenceDataCsv.readCards(reader, "cards.csv");
        }
    }

    private String rejectAccounts(final String... lines)
    {
        return assertThrows(ReferenceDataException.class, () -> readAccounts(lines)).getMessage();
    }

    private String rejectCards(final String... lines)
    {
        return assertThrows(ReferenceDataException.class, () -> readCards(lines)).getMessage();
    }

    private BufferedReader file(final String name, final String... lines) throws IOException
    {
        final Path path = directory.resolve(name);
        Files.writeString(path, lines.length == 0 ? "" : String.join("\r\n", lines) + "\n", StandardCharsets.UTF_8);
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }
}
