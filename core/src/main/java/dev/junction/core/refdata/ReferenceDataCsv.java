package dev.junction.core.refdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the accounts and cards CSV files that operators provision the switch with. A header row is
 * required; its first columns are fixed (DESIGN.md) and further columns are allowed and ignored:
 * <pre>
 * accounts: account_id,currency,balance_minor,credit_limit_minor
 * cards:    pan,account_id,expiry_yymm,status[,home_country]
 * </pre>
 * A cards file may name an optional {@code home_country} column anywhere after the fixed four: the
 * ISO 3166 numeric country the card is issued for (e.g. 840), or empty when unknown.
 * Every row is checked before anything is imported; the first bad value stops the load with a
 * {@link ReferenceDataException} naming the source, line and column.
 */
public final class ReferenceDataCsv
{
    /** The largest account id: 18 digits, so ids print and sort the same everywhere. */
    public static final long MAX_ACCOUNT_ID = 999_999_999_999_999_999L;
    /** The largest absolute balance or credit limit in minor units (15 digits): far from overflow when amounts are added. */
    public static final long MAX_AMOUNT_MINOR = 999_999_999_999_999L;

    static final String[] ACCOUNT_COLUMNS = {"account_id", "currency", "balance_minor", "credit_limit_minor"};
    static final String[] CARD_COLUMNS = {"pan", "account_id", "expiry_yymm", "status"};
    static final String HOME_COUNTRY_COLUMN = "home_country";

    private ReferenceDataCsv()
    {
    }

    /** Parses an accounts CSV; {@code source} names it in error messages. */
    public static List<AccountRecord> readAccounts(final BufferedReader reader, final String source)
        throws IOException, ReferenceDataException
    {
        final List<AccountRecord> accounts = new ArrayList<>();
        final Set<Long> seen = new HashSet<>();
        final Rows rows = new Rows(reader, source, ACCOUNT_COLUMNS);
        String[] row;
        while ((row = rows.next()) != null)
        {
            final long accountId = rows.parseLong(row, 0, 1, MAX_ACCOUNT_ID);
            final int currency = (int)rows.parseLong(row, 1, 1, 999);
            if (row[1].length() != 3)
            {
                throw rows.error(1, "must be the 3-digit ISO 4217 numeric code, e.g. 840");
            }
            final long creditLimit = rows.parseLong(row, 3, 0, MAX_AMOUNT_MINOR);
            final long balance = rows.parseLong(row, 2, -MAX_AMOUNT_MINOR, MAX_AMOUNT_MINOR);
            if (balance + creditLimit < 0)
            {
                throw rows.error(2, "is below the negative of credit_limit_minor: available funds would be negative");
            }
            if (!seen.add(accountId))
            {
                throw rows.error(0, "repeats an account already in this file");
            }
            accounts.add(new AccountRecord(accountId, currency, balance, creditLimit));
        }
        return accounts;
    }

    /** Parses a cards CSV; {@code source} names it in error messages, which show masked PANs only. */
    public static List<CardRecord> readCards(final BufferedReader reader, final String source)
        throws IOException, ReferenceDataException
    {
        final List<CardRecord> cards = new ArrayList<>();
        final Set<Long> seen = new HashSet<>();
        final Rows rows = new Rows(reader, source, CARD_COLUMNS);
        final int homeCountryColumn = rows.optionalColumn(HOME_COUNTRY_COLUMN);
        String[] row;
        while ((row = rows.next()) != null)
        {
            final String pan = row[0];
            final long panKey = Pans.key(pan);
            if (panKey == -1)
            {
                throw rows.error(0, "'" + Pans.mask(pan) + "' is not a PAN of 12 to 19 digits not starting with 0");
            }
            final long accountId = rows.parseLong(row, 1, 1, MAX_ACCOUNT_ID);
            final int expiry = (int)rows.parseLong(row, 2, 0, 9999);
            if (row[2].length() != 4 || expiry % 100 < 1 || expiry % 100 > 12)
            {
                throw rows.error(2, "'" + Rows.printable(row[2]) + "' is not a YYMM date, e.g. 3012");
            }
            final byte status = CardStatus.parse(row[3]);
            if (status == 0)
            {
                throw rows.error(3, "'" + Rows.printable(row[3]) + "' is not one of active, blocked, lost, stolen");
            }
            if (!seen.add(panKey))
            {
                throw rows.error(0, "repeats card " + Pans.mask(pan) + " already in this file");
            }
            final int homeCountry = homeCountryColumn < 0 || homeCountryColumn >= row.length ||
                row[homeCountryColumn].isEmpty() ? 0 : (int)rows.parseLong(row, homeCountryColumn, 1, 999);
            if (homeCountry != 0 && row[homeCountryColumn].length() != 3)
            {
                throw rows.error(homeCountryColumn, "must be the 3-digit ISO 3166 numeric code, e.g. 840");
            }
            cards.add(new CardRecord(pan, accountId, expiry, status, homeCountry));
        }
        return cards;
    }

    /** Splits rows and checks the header; keeps the line number for messages. */
    private static final class Rows
    {
        private final BufferedReader reader;
        private final String source;
        private final String[] columns;
        private final String[] names;
        private int lineNumber;

        Rows(final BufferedReader reader, final String source, final String[] columns)
            throws IOException, ReferenceDataException
        {
            this.reader = reader;
            this.source = source;
            this.columns = columns;
            String header = reader.readLine();
            lineNumber = 1;
            if (header == null)
            {
                throw new ReferenceDataException(source + ": is empty; expected a header row " + String.join(",", columns));
            }
            if (header.startsWith("\uFEFF"))
            {
                header = header.substring(1);
            }
            names = split(header);
            for (int i = 0; i < columns.length; i++)
            {
                if (i >= names.length || !columns[i].equals(names[i].toLowerCase(java.util.Locale.ROOT)))
                {
                    throw new ReferenceDataException(source + ":1: the header must start with " +
                        String.join(",", columns) + " (column " + (i + 1) + " is '" +
                        (i < names.length ? printable(names[i]) : "") + "')");
                }
            }
        }

        /** @return the index of a further column the header names, -1 when it does not. */
        int optionalColumn(final String name)
        {
            for (int i = columns.length; i < names.length; i++)
            {
                if (name.equals(names[i].toLowerCase(java.util.Locale.ROOT)))
                {
                    return i;
                }
            }
            return -1;
        }

        String[] next() throws IOException, ReferenceDataException
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lineNumber++;
                if (line.isBlank())
                {
                    continue;
                }
                final String[] row = split(line);
                if (row.length < columns.length)
                {
                    throw new ReferenceDataException(source + ":" + lineNumber + ": has " + row.length +
                        " columns; expected at least " + columns.length + " (" + String.join(",", columns) + ")");
                }
                return row;
            }
            return null;
        }

        long parseLong(final String[] row, final int column, final long min, final long max)
            throws ReferenceDataException
        {
            final String text = row[column];
            // Long.parseLong alone would also take a '+' sign and non-ASCII digits ("+84" as a currency).
            if (!isPlainInteger(text))
            {
                throw error(column, "'" + printable(text) + "' is not a whole number");
            }
            long value;
            try
            {
                value = Long.parseLong(text);
            }
            catch (final NumberFormatException beyondLong)
            {
                value = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            if (value < min || value > max)
            {
                // The text, not the number: a PAN typed into this column must show masked.
                throw error(column, "'" + printable(text) + "' is outside " + min + ".." + max);
            }
            return value;
        }

        ReferenceDataException error(final int column, final String problem)
        {
            final String name = column < columns.length ? columns[column] : names[column];
            return new ReferenceDataException(source + ":" + lineNumber + ": " + name + " " + problem);
        }

        /** @return whether the text is ASCII digits with an optional leading minus sign. */
        private static boolean isPlainInteger(final String text)
        {
            final int first = text.startsWith("-") ? 1 : 0;
            if (text.length() == first)
            {
                return false;
            }
            for (int i = first; i < text.length(); i++)
            {
                final char c = text.charAt(i);
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }
            return true;
        }

        static String printable(final String text)
        {
            final String shown = text.length() > 24 ? text.substring(0, 24) + "..." : text;
            // A long digit run in the wrong column could be a PAN: never echo one in full.
            return shown.chars().filter(Character::isDigit).count() >= 12 ? Pans.mask(shown) : shown;
        }

        private static String[] split(final String line)
        {
            final String[] parts = line.split(",", -1);
            for (int i = 0; i < parts.length; i++)
            {
                String part = parts[i].trim();
                if (part.length() >= 2 && part.startsWith("\"") && part.endsWith("\""))
                {
                    part = part.substring(1, part.length() - 1).trim();
                }
                parts[i] = part;
            }
            return parts;
        }
    }
}
